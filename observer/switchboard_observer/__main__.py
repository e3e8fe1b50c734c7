"""``python -m switchboard_observer``: one observer process."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import socket
import sys
import uuid

import redis.asyncio as aioredis

from .bus import BridgeClient
from .room_observer import RoomSettings
from .service import ObserverService, ServiceSettings


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="switchboard-observer", description=(
        "Supervise unmodified LiveKit Agents sessions (livekit-agents >= 1.5 with the session host on) "
        "through their remote-session protocol and feed the calls to Switchboard."))
    p.add_argument("--bridge", default=os.environ.get("SWITCHBOARD_BRIDGE", "127.0.0.1:7000"),
                   help="Switchboard TCP event-bus bridge host:port (SWITCHBOARD_BRIDGE)")
    p.add_argument("--key-env", default="SWITCHBOARD_OBSERVER_KEY",
                   help="environment variable holding the observer's agent key (named in tcp.bridge.observers)")
    p.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379"),
                   help="Redis for the per-room leases (REDIS_URL)")
    p.add_argument("--instance", default=f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    p.add_argument("--poll-s", type=float, default=2.0, help="ListRooms period")
    p.add_argument("--lease-ms", type=int, default=3000, help="room lease TTL (renewed every third)")
    p.add_argument("--status-file", default=None, help="write the status JSON here twice a second")
    return p.parse_args(argv)


async def amain(args: argparse.Namespace) -> int:
    key = os.environ.get(args.key_env)
    if not key:
        print(f"switchboard-observer: error: set {args.key_env}", file=sys.stderr)
        return 2
    host, _, port = args.bridge.rpartition(":")
    bus = BridgeClient(host or "127.0.0.1", int(port), key)
    redis = aioredis.from_url(args.redis)
    service = ObserverService(bus, redis, args.instance,
                              ServiceSettings(poll_s=args.poll_s, lease_ms=args.lease_ms, status_file=args.status_file,
                                              room=RoomSettings()))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await service.start()
    await stop.wait()
    await service.stop()
    await redis.aclose()
    return 0


def main() -> None:
    logging.basicConfig(level=os.environ.get("OBSERVER_LOG_LEVEL", "INFO"), format="%(message)s", stream=sys.stdout)
    logging.getLogger("livekit").setLevel(logging.WARNING)
    sys.exit(asyncio.run(amain(parse(sys.argv[1:]))))


if __name__ == "__main__":
    main()
