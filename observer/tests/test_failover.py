"""Two observer processes split rooms by Redis lease; killing the one that holds a room mid-call
hands it to the other within 10 s, and the transcript neither loses nor repeats a line."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid

from livekit import rtc
from livekit.agents.voice.remote_session import RemoteSession
from livekit.protocol.agent_pb import agent_session as pb

from conftest import Customer, Stack, eventually, read_status
from test_observer_e2e import texts


async def agent_history(stack: Stack, room: str) -> list[tuple[str, str]]:
    """The agent's own chat history, asked over the same protocol by an independent checker."""
    checker = rtc.Room()
    await checker.connect(stack.lk_url, stack.token(room, "checker", hidden=True, can_publish=False,
                                                    can_publish_data=True, can_manage_agent_session=True))
    try:
        rs = RemoteSession.from_room(checker, "agent-1")
        await rs.start()
        await rs.wait_for_ready(timeout=5)
        hist = await rs.get_chat_history()
        await rs.aclose()
    finally:
        await checker.disconnect()
    out = []
    for item in hist.items:
        if item.WhichOneof("item") == "message" and item.message.role in (pb.USER, pb.ASSISTANT):
            text = "".join(c.text for c in item.message.content)
            out.append(("agent" if item.message.role == pb.ASSISTANT else "user", text))
    return out


async def test_killed_observer_is_replaced_without_gaps_or_duplicates(stack: Stack) -> None:
    room = "fo-" + uuid.uuid4().hex[:8]
    customer = Customer(stack, room)
    await customer.join()
    stack.start_agent(room)
    a, sa = stack.start_observer("fa")
    b, sb = stack.start_observer("fb")
    token = await asyncio.to_thread(stack.login)

    def holder() -> str | None:
        for name, path in (("fa", sa), ("fb", sb)):
            if room in read_status(path).get("rooms", []):
                return name
        return None

    first = await eventually(holder, 20, "one observer holds the room")
    await customer.say("first question")
    await eventually(lambda: ("agent", "Echo: first question") in texts(stack, token, room), 15, "first reply")

    victim, survivor_status = (a, sb) if first == "fa" else (b, sa)
    os.kill(victim.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    await customer.say("asked while nobody watched")  # lands in the gap: must come back by backfill
    await eventually(lambda: room in read_status(survivor_status).get("rooms", []), 10, "survivor resumes the room")
    resumed_after = time.monotonic() - killed_at
    await customer.say("last question")
    await eventually(lambda: ("agent", "Echo: last question") in texts(stack, token, room), 15, "reply after fail-over")

    expected = await agent_history(stack, room)
    got = texts(stack, token, room)
    print(f"fail-over: room resumed {resumed_after:.2f} s after kill -9; {len(got)} lines")
    assert resumed_after < 10
    assert got == expected, f"switchboard {got} != agent {expected}"
    await customer.leave()
