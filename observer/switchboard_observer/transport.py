"""The remote-session transport the observer uses instead of the framework's RoomSessionTransport:
same topic and framing (one protobuf per byte stream on ``lk.agent.session``), but it accepts
streams only from the agent's identity — identities are assigned by LiveKit from the token, so a
participant without the agent's token cannot inject events — and it counts what it drops
(malformed bytes, unknown message types, streams from anyone else) instead of only logging."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from livekit import rtc
from livekit.agents.voice.remote_session import TOPIC_SESSION_MESSAGES, SessionTransport
from livekit.protocol.agent_pb import agent_session as pb

from .events import Counters, parse_message

LOG = logging.getLogger("switchboard_observer.transport")
MAX_MESSAGE_BYTES = 1 << 20


class ObservedTransport(SessionTransport):
    def __init__(self, room: rtc.Room, agent_identity: str, counters: Counters) -> None:
        self._room = room
        self._agent = agent_identity
        self._counters = counters
        self._streams: asyncio.Queue[rtc.ByteStreamReader | None] = asyncio.Queue()
        self._messages: asyncio.Queue[pb.AgentSessionMessage | None] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None
        self._closed = False

    async def start(self) -> None:
        self._room.register_byte_stream_handler(TOPIC_SESSION_MESSAGES, self._on_stream)
        self._reader = asyncio.create_task(self._read_loop(), name="ObservedTransport.read")

    def _on_stream(self, reader: rtc.ByteStreamReader, participant_identity: str) -> None:
        if participant_identity != self._agent:
            self._counters.foreign += 1
            LOG.info('{"msg": "session message from a non-agent participant dropped", "room": "%s"}', self._room.name)
            return
        self._streams.put_nowait(reader)

    async def _read_loop(self) -> None:
        # one stream at a time, so messages keep the order the agent sent them in
        while (reader := await self._streams.get()) is not None:
            chunks: list[bytes] = []
            size = 0
            try:
                async for chunk in reader:
                    size += len(chunk)
                    if size > MAX_MESSAGE_BYTES:
                        raise ValueError("session message too large")
                    chunks.append(chunk)
            except Exception:
                self._counters.malformed += 1
                continue
            msg = parse_message(b"".join(chunks), self._counters)
            if msg is not None:
                self._messages.put_nowait(msg)

    async def send_message(self, msg: pb.AgentSessionMessage) -> None:
        if self._closed or not self._room.isconnected():
            raise RuntimeError("observer transport is closed")
        await self._room.local_participant.send_bytes(
            msg.SerializeToString(), topic=TOPIC_SESSION_MESSAGES, destination_identities=[self._agent]
        )

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._streams.put_nowait(None)
        self._messages.put_nowait(None)
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        with contextlib.suppress(ValueError, AttributeError, Exception):
            self._room.unregister_byte_stream_handler(TOPIC_SESSION_MESSAGES)

    def __aiter__(self) -> AsyncIterator[pb.AgentSessionMessage]:
        return self

    async def __anext__(self) -> pb.AgentSessionMessage:
        msg = await self._messages.get()
        if msg is None:
            raise StopAsyncIteration
        return msg
