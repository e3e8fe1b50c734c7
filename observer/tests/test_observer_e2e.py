"""End to end on the real stack: LiveKit server, a Switchboard node, an unmodified framework agent,
a customer, and observer processes."""

from __future__ import annotations

import asyncio
import json
import signal
import time
import uuid

from conftest import Customer, Stack, eventually, read_status


def lines(stack: Stack, token: str, room: str) -> list[dict]:
    h = stack.history(token, room)
    return [l for l in (h.get("lines") or []) if l.get("kind") == "transcript"] if isinstance(h, dict) else []


def texts(stack: Stack, token: str, room: str) -> list[tuple[str, str]]:
    return [(l.get("role"), l.get("text")) for l in lines(stack, token, room)]


def call(stack: Stack, token: str, room: str) -> dict | None:
    return next((c for c in stack.calls(token) if c.get("room") == room), None)


async def test_late_join_stream_guide_and_end(stack: Stack) -> None:
    room = "obs-" + uuid.uuid4().hex[:8]
    customer = Customer(stack, room)
    await customer.join()
    stack.start_agent(room)
    await customer.say("hello there")
    await asyncio.sleep(1.5)  # the conversation runs before anyone watches: the observer joins late

    observer, status = stack.start_observer("a")
    token = await asyncio.to_thread(stack.login)
    # the call appears, marked as supervised through the observer, with the history backfilled
    c = await eventually(lambda: call(stack, token, room), 20, "call in calls snapshot")
    assert c.get("supervision") == "observer"
    await eventually(lambda: ("user", "hello there") in texts(stack, token, room)
                     and ("agent", "Echo: hello there") in texts(stack, token, room), 15, "backfilled history")
    await eventually(lambda: read_status(status).get("backfilled", {}).get(room, 0) >= 2, 10, "backfill counted")

    # live turns stream in, agent state follows
    await customer.say("where is my order")
    await eventually(lambda: ("agent", "Echo: where is my order") in texts(stack, token, room), 15, "live transcript")
    assert (call(stack, token, room) or {}).get("agent_state") in ("listening", "thinking", "speaking")

    # guide changes the agent's next reply
    code, body = await asyncio.to_thread(stack.action, token, room, "guide", {"text": "offer a refund"})
    assert code == 200, body
    await eventually(lambda: ("agent", "Guided: offer a refund") in texts(stack, token, room), 20, "guided reply")
    assert ("supervisor", "offer a refund") in texts(stack, token, room)

    # takeover: the protocol has no pause, so the agent is muted (audio in and out off) and the
    # room's debug timeline says so; hand back switches it on again
    code, body = await asyncio.to_thread(stack.action, token, room, "takeover")
    assert code == 200, body
    await eventually(lambda: "agent muted, not paused" in json.dumps(stack.history(token, room).get("debug")), 15, "muted note")
    code, body = await asyncio.to_thread(stack.action, token, room, "handback")
    assert code == 200, body
    await eventually(lambda: '"handback"' in json.dumps(stack.history(token, room).get("debug")), 15, "hand-back note")

    # each conversation item is stored once
    t = texts(stack, token, room)
    assert len(t) == len(set((r, x) for r, x in t)), t

    # ending the room ends the call
    code, body = await asyncio.to_thread(stack.action, token, room, "end")
    assert code == 200, body
    await eventually(lambda: (call(stack, token, room) or {"status": "ended"}).get("status") == "ended", 20, "call ended")
    await eventually(lambda: room not in read_status(status).get("rooms", [room]), 15, "observer left the room")
    await customer.leave()
    observer.send_signal(signal.SIGTERM)
    observer.wait(15)
