"""A tool turn of the unmodified agent becomes one tool_call line (name, args, result)."""

from __future__ import annotations

import asyncio
import uuid

from conftest import Customer, Stack, eventually, read_status
from test_observer_e2e import texts


async def test_tool_call_is_stored_once_with_args_and_result(stack: Stack) -> None:
    room = "tool-" + uuid.uuid4().hex[:6]
    customer = Customer(stack, room)
    await customer.join()
    stack.start_agent(room)
    _, status = stack.start_observer("tool")
    token = await asyncio.to_thread(stack.login)
    await eventually(lambda: room in read_status(status).get("rooms", []), 20, "observer holds the room")
    await customer.say("what is my order status")
    await eventually(lambda: ("agent", "Your order 42 has shipped") in texts(stack, token, room), 20, "reply after the tool")
    tools = [l for l in stack.history(token, room)["lines"] if l.get("kind") == "tool_call"]
    assert len(tools) == 1, tools
    assert tools[0].get("name") == "lookup_order"
    assert tools[0].get("args") == {"order_id": "42"}
    assert "42 has shipped" in str(tools[0].get("result"))
    await customer.leave()
