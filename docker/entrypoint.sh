#!/bin/sh
# Starts one Switchboard node. Fills in what differs per container so that one service definition
# can be scaled (docker compose --scale workers=3):
#  - SWITCHBOARD_CLUSTER_HOST: the container's own address (Hazelcast binds to an interface IP)
#  - SWITCHBOARD_SIMULATOR_ROOM_PREFIX: unique per container, so simulated rooms never collide
set -eu
if [ "${SWITCHBOARD_CLUSTER:-false}" = "true" ] && [ -z "${SWITCHBOARD_CLUSTER_HOST:-}" ]; then
  SWITCHBOARD_CLUSTER_HOST="$(hostname -i | awk '{print $1}')"
  export SWITCHBOARD_CLUSTER_HOST
fi
if [ -z "${SWITCHBOARD_SIMULATOR_ROOM_PREFIX:-}" ]; then
  SWITCHBOARD_SIMULATOR_ROOM_PREFIX="sim-$(hostname)"
  export SWITCHBOARD_SIMULATOR_ROOM_PREFIX
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/switchboard/switchboard.jar "$@"
