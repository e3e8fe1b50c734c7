#!/usr/bin/env python3
"""Smoke test of the client against a running Switchboard: posts a short call over HTTP and waits
for one supervisor control message over the TCP event-bus bridge.

Environment: SWITCHBOARD_URL (http://127.0.0.1:8080), SWITCHBOARD_AGENT_KEY, SWITCHBOARD_BRIDGE_PORT
(7000), ROOM. Prints READY once the events are flushed and CONTROL <json> when a control arrives;
exits 0 on a control message, 3 when none came within 15 s.
"""
import json
import os
import sys
import threading
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from switchboard_client import ControlListener, SwitchboardClient  # noqa: E402

base = os.environ.get("SWITCHBOARD_URL", "http://127.0.0.1:8080")
key = os.environ["SWITCHBOARD_AGENT_KEY"]
port = int(os.environ.get("SWITCHBOARD_BRIDGE_PORT", "7000"))
room = os.environ.get("ROOM", "py-" + uuid.uuid4().hex[:8])

received = threading.Event()
got = {}


def on_control(body):
    got.update(body)
    received.set()


listener = ControlListener("127.0.0.1", port, room, key, on_control).start()
client = SwitchboardClient(base, key, room, session_id="py-session-1")
client.call_started(customer="Py Thon", language="en")
client.transcript("agent", "Hello from the Python agent", segment_id="a-1")
client.transcript("user", "I was charged twice", segment_id="u-1")
client.transcript("agent", "Let me check that for you", segment_id="a-2")
client.flush(timeout=10)
listener.connected.wait(5)
print("READY", room, json.dumps(client.stats), flush=True)
ok = received.wait(15)
listener.stop()
client.close()
if not ok:
    print("NO CONTROL", listener.errors, flush=True)
    sys.exit(3)
print("CONTROL", json.dumps(got), flush=True)
