"""One observed room: join hidden with a token control minted, find the agent, open a
RemoteSession over :class:`ObservedTransport`, backfill the chat history once, then forward the
live events to ingest in order, and carry supervisor control (guide, takeover) to the agent."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

from livekit import rtc
from livekit.agents.voice.remote_session import RemoteSession
from livekit.protocol.agent_pb import agent_session as pb

from . import events
from .bus import BridgeClient, BusError
from .events import Counters, Outgoing
from .transport import ObservedTransport

LOG = logging.getLogger("switchboard_observer.room")

INGEST = "ingest.call-event"
OBSERVER_TOKEN = "observer.token"

# every remote-session event the protocol defines today (RemoteSession emits the oneof name)
_EVENT_NAMES = [f.name for f in pb.AgentSessionEvent.DESCRIPTOR.oneofs_by_name["event"].fields]


def log(msg: str, **fields: Any) -> None:
    LOG.info(json.dumps({"msg": msg, **fields}))


class Unsupported(Exception):
    """The room's agent does not answer the remote-session protocol (older framework, or
    session_host=False): the call stays with the HTTP / package paths."""


class NoAgent(Exception):
    """No agent participant (yet): try again on the next discovery pass."""


@dataclass
class RoomSettings:
    agent_wait_s: float = 5.0
    ready_timeout_s: float = 5.0
    request_timeout_s: float = 10.0


class RoomObserver:
    def __init__(self, bus: BridgeClient, room_name: str, settings: RoomSettings, counters: Counters,
                 on_finished: Callable[[str, str], Awaitable[None]]) -> None:
        self.bus = bus
        self.name = room_name
        self.settings = settings
        self.counters = counters
        self._on_finished = on_finished
        self.room = rtc.Room()
        self.session: RemoteSession | None = None
        self.session_id = ""
        self.agent_identity = ""
        self._queue: asyncio.Queue[Outgoing | None] = asyncio.Queue()
        self._sender: asyncio.Task[None] | None = None
        self._posted_items: set[str] = set()
        self._live_buffer: list[Outgoing] | None = []  # holds live events until the backfill is queued
        self._closed = False  # stop retrying sends
        self._closing = False
        self._hangup: bool | None = None  # did the customer leave while the agent was still there
        self.backfilled = 0
        self.muted = False
        self._control_address = f"agent.{room_name}.control"

    # ---- lifecycle ----------------------------------------------------------------------------

    async def open(self) -> None:
        grant = await self.bus.request(OBSERVER_TOKEN, {"room": self.name}, timeout=self.settings.request_timeout_s)
        self.session_id = grant["room_sid"]
        self.room.on("disconnected", self._on_disconnected)
        self.room.on("participant_disconnected", self._on_participant_left)
        await self.room.connect(grant["url"], grant["token"], rtc.RoomOptions(auto_subscribe=False))
        agent = await self._wait_for_agent()
        self.agent_identity = agent.identity
        transport = ObservedTransport(self.room, agent.identity, self.counters)
        self.session = RemoteSession(transport)
        for name in _EVENT_NAMES:
            # RemoteSession emits every event field by its name; its type lists only some of them
            self.session.on(cast(Any, name), self._on_event)
        await self.session.start()
        try:
            await self.session.wait_for_ready(timeout=self.settings.ready_timeout_s)
        except Exception as e:
            raise Unsupported(f"agent {agent.identity} did not answer the remote-session ping: {e}") from e
        self._sender = asyncio.create_task(self._send_loop(), name=f"observer.send.{self.name}")
        customer = next((p.identity for p in self.room.remote_participants.values()
                         if p.kind == rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD), None)
        started: dict[str, Any] = {"agent": agent.identity, "room_sid": self.session_id, "supervision": "observer"}
        if customer:
            started["customer"] = customer[:256]
        self._queue.put_nowait(Outgoing("call_started", started, event_id="started"))
        await self._backfill()
        await self.bus.register(self._control_address, self._on_control)
        log("room observed", room=self.name, session=self.session_id, agent=agent.identity, backfilled=self.backfilled)

    async def _wait_for_agent(self) -> rtc.RemoteParticipant:
        deadline = time.monotonic() + self.settings.agent_wait_s
        while time.monotonic() < deadline:
            for p in self.room.remote_participants.values():
                if p.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT:
                    return p
            await asyncio.sleep(0.1)
        raise NoAgent(f"no agent participant in room {self.name}")

    async def _backfill(self) -> None:
        """History first (once, dedup by item id), then whatever arrived live meanwhile."""
        assert self.session is not None
        history = await self.session.get_chat_history()
        for item in history.items:
            for out in events.from_chat_item(item):
                if out.event_type == "debug":
                    continue
                self._enqueue(out)
                self.backfilled += 1
        with contextlib.suppress(Exception):
            state = await self.session.get_session_state()
            s = events.agent_state_of(state.agent_state)
            if s:
                self._queue.put_nowait(Outgoing("agent_state", {"state": s}))
        buffered, self._live_buffer = self._live_buffer or [], None
        for out in buffered:
            self._enqueue(out)

    def _enqueue(self, out: Outgoing) -> None:
        if out.item_id is not None:
            if out.item_id in self._posted_items:
                return
            self._posted_items.add(out.item_id)
        self._queue.put_nowait(out)

    def _on_event(self, ev: pb.AgentSessionEvent) -> None:
        for out in events.from_event(ev):
            if self._live_buffer is not None:
                self._live_buffer.append(out)
            else:
                self._enqueue(out)

    async def _send_loop(self) -> None:
        """One event at a time, so ingest sees them in the agent's order; retried while ingest or
        Redis is unavailable, dropped (and counted) when ingest rejects the event itself."""
        while (out := await self._queue.get()) is not None:
            delay = 0.1
            while True:
                try:
                    await self.bus.request(INGEST, out.body(self.name, self.session_id), timeout=5.0)
                    break
                except BusError as e:
                    if e.code in (0, 503, 504, 500) and not self._closed:
                        await asyncio.sleep(delay)
                        delay = min(delay * 2, 2.0)
                        continue
                    self.counters.drop(f"ingest_{e.code}")
                    log("event rejected by ingest", room=self.name, event_type=out.event_type, code=e.code)
                    break

    # ---- control ------------------------------------------------------------------------------

    def _on_control(self, body: dict[str, Any]) -> None:
        asyncio.create_task(self._control(body))

    async def _control(self, body: dict[str, Any]) -> None:
        kind = body.get("type")
        if self.session is None:
            return
        try:
            if kind == "guide" and isinstance(body.get("text"), str) and body["text"].strip():
                # the agent answers the guidance in the conversation; its reply streams back as
                # a conversation item like any other turn
                await self.session.run(events.GUIDE_PREFIX + body["text"][:2000], timeout=60.0)
            elif kind == "pause":
                # LiveKit Agents' remote session has no pause: stop the agent hearing and being
                # heard (update_io), and say exactly that
                await self.session.update_io(input_audio_enabled=False, output_audio_enabled=False, timeout=10.0)
                self.muted = True
                self._queue.put_nowait(Outgoing("debug", {"kind": "takeover", "mode": "muted",
                                                          "message": "agent muted, not paused (remote session has no pause: "
                                                                     "agent audio in and out switched off)"}))
            elif kind == "resume":
                await self.session.update_io(input_audio_enabled=True, output_audio_enabled=True, timeout=10.0)
                self.muted = False
                self._queue.put_nowait(Outgoing("debug", {"kind": "handback", "mode": "unmuted",
                                                          "message": "agent audio in and out switched back on"}))
        except Exception as e:
            self._queue.put_nowait(Outgoing("debug", {"kind": "error", "message": f"control {kind} failed: {e}"[:500]}))
            log("control failed", room=self.name, type=kind, error=str(e))

    # ---- leaving ------------------------------------------------------------------------------

    def _on_participant_left(self, p: rtc.RemoteParticipant) -> None:
        # A hidden participant keeps a LiveKit room open (only agents and egress are "dependent"),
        # so once everybody else has gone the observer ends the call and leaves, letting LiveKit's
        # departure timeout close the room. (An agent grant would make it dependent but would also
        # let the token register an agent worker: not worth it.)
        if p.kind in (rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD, rtc.ParticipantKind.PARTICIPANT_KIND_SIP) and self._hangup is None:
            self._hangup = self.agent_identity in {x.identity for x in self.room.remote_participants.values()}
        if self._closing or self.room.remote_participants:
            return
        reason = "customer_hangup" if self._hangup else "completed"
        if self._sender is not None:
            self._queue.put_nowait(Outgoing("call_ended", {"reason": reason, "room_sid": self.session_id}))
        asyncio.create_task(self._leave_ended())

    async def _leave_ended(self) -> None:
        await self.close(drain=True)
        await self._on_finished(self.name, "ended")

    def _on_disconnected(self, reason: Any) -> None:
        if self._closing:
            return
        asyncio.create_task(self._finish(reason))

    async def _finish(self, reason: Any) -> None:
        # the room is gone (deleted, or closed once empty): the call has ended. A lost
        # connection of our own is not an end — the lease lapses and someone resumes the room.
        ended = reason in (rtc.DisconnectReason.ROOM_DELETED, rtc.DisconnectReason.ROOM_CLOSED)
        if ended and self._sender is not None:
            self._queue.put_nowait(Outgoing("call_ended", {"reason": "room_finished", "room_sid": self.session_id}))
        await self.close(drain=ended)
        await self._on_finished(self.name, "ended" if ended else "disconnected")

    async def close(self, drain: bool = False) -> None:
        if self._closing:
            return
        self._closing = True
        self._closed = not drain
        with contextlib.suppress(Exception):
            await self.bus.unregister(self._control_address)
        if self._sender is not None:
            self._queue.put_nowait(None)
            if drain:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self._sender, 10.0)
            self._sender.cancel()
        self._closed = True
        if self.session is not None:
            with contextlib.suppress(Exception):
                await self.session.aclose()
        with contextlib.suppress(Exception):
            await self.room.disconnect()
