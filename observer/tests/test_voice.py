"""A spoken turn: the agent's STT reports an interim transcript while the customer talks, then a
final one; the observer streams the interim into the call and the final into the transcript."""

from __future__ import annotations

import asyncio
import uuid

from conftest import Customer, Stack, eventually, read_status
from fake_agent import SPOKEN
from test_observer_e2e import texts


async def test_interim_then_final_transcript_from_speech(stack: Stack) -> None:
    room = "voice-" + uuid.uuid4().hex[:6]
    customer = Customer(stack, room)
    await customer.join()
    stack.start_agent(room)
    _, status = stack.start_observer("voice")
    token = await asyncio.to_thread(stack.login)
    await eventually(lambda: room in read_status(status).get("rooms", []), 20, "observer holds the room")

    interims: list[object] = []

    async def watch() -> None:
        while True:
            c = next((c for c in await asyncio.to_thread(stack.calls, token) if c.get("room") == room), {})
            if c.get("interim"):
                interims.append(c["interim"])
            await asyncio.sleep(0.1)

    watcher = asyncio.create_task(watch())
    try:
        await customer.speak(2.0)
        await eventually(lambda: ("user", SPOKEN) in texts(stack, token, room), 20, "final user line")
        await eventually(lambda: ("agent", "Echo: " + SPOKEN) in texts(stack, token, room), 20, "agent reply")
    finally:
        watcher.cancel()
    assert any("I need" in str(i) for i in interims), interims
    await customer.leave()
