"""Rooms the observer must leave alone: an agent that does not host a remote session, and an
agent that reports its call itself (HTTP / package path). The card shows the path."""

from __future__ import annotations

import asyncio
import uuid

from conftest import Customer, Stack, eventually, read_status


def call(stack: Stack, token: str, room: str) -> dict | None:
    return next((c for c in stack.calls(token) if c.get("room") == room), None)


async def test_agent_without_session_host_is_left_to_the_other_paths(stack: Stack) -> None:
    room = "nohost-" + uuid.uuid4().hex[:6]
    customer = Customer(stack, room)
    await customer.join()
    stack.start_agent(room, session_host=False)
    _, status = stack.start_observer("det")
    token = await asyncio.to_thread(stack.login)
    # positive marker: the observer tried, got no answer to its ping and filed the room
    await eventually(lambda: room in read_status(status).get("unsupported", []), 30, "room marked unsupported")
    assert room not in read_status(status).get("rooms", [])
    assert call(stack, token, room) is None, "the observer must not invent a call it cannot follow"
    await customer.leave()


async def test_call_reported_by_the_agent_itself_is_not_observed_and_shows_its_path(stack: Stack) -> None:
    room = "self-" + uuid.uuid4().hex[:6]
    customer = Customer(stack, room)
    await customer.join()
    stack.start_agent(room)  # speaks the protocol too, but reports over HTTP with its own session
    code, body = await asyncio.to_thread(stack.post_event, room, "agent-own-session", "call_started",
                                         {"agent": "agent-1", "supervision": "package"})
    assert code == 202, body
    token = await asyncio.to_thread(stack.login)
    await eventually(lambda: (call(stack, token, room) or {}).get("supervision") == "package", 10, "package call")
    other = "marker-" + uuid.uuid4().hex[:6]  # a second room the observer does take: proves it ran its passes
    c2 = Customer(stack, other)
    await c2.join()
    stack.start_agent(other)
    _, status = stack.start_observer("det2")
    await eventually(lambda: other in read_status(status).get("rooms", []), 30, "observer took the marker room")
    await asyncio.sleep(0)  # the discovery pass that took `other` also saw `room`
    assert room not in read_status(status).get("rooms", [])
    c = call(stack, token, room)
    assert c is not None and c.get("session_id") == "agent-own-session" and c.get("supervision") == "package"
    await customer.leave()
    await c2.leave()
