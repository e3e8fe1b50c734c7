"""When the customer and the agent leave, the observer (a hidden participant, which LiveKit does
not count as dependent) ends the call and leaves, so LiveKit closes the room."""

from __future__ import annotations

import asyncio
import signal
import uuid

from conftest import Customer, Stack, eventually, read_status
from test_observer_e2e import call, texts


async def test_everyone_leaves_call_ends_and_room_closes(stack: Stack) -> None:
    room = "close-" + uuid.uuid4().hex[:6]
    customer = Customer(stack, room)
    await customer.join()
    agent = stack.start_agent(room)
    _, status = stack.start_observer("close")
    token = await asyncio.to_thread(stack.login)
    await eventually(lambda: room in read_status(status).get("rooms", []), 20, "observer holds the room")
    await customer.say("bye now")
    await eventually(lambda: ("agent", "Echo: bye now") in texts(stack, token, room), 15, "reply")

    await customer.leave()
    await asyncio.sleep(0.5)
    agent.send_signal(signal.SIGTERM)
    await eventually(lambda: (call(stack, token, room) or {"status": "ended"}).get("status") == "ended", 20, "call ended")
    await eventually(lambda: room not in read_status(status).get("rooms", [room]), 10, "observer left")

    async def gone() -> bool:
        lk = stack.lkapi()
        try:
            from livekit import api
            rooms = await lk.room.list_rooms(api.ListRoomsRequest(names=[room]))
            return not rooms.rooms
        finally:
            await lk.aclose()

    await eventually(gone, 20, "LiveKit closed the room")
