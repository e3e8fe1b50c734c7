"""One supervised call: the example's entrypoint running a real AgentSession (fake providers) in a
real LiveKit room, a talking customer, and the RoomService client a test uses to send control
exactly as Switchboard's control verticle does (SendData, no sender participant)."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import time
import uuid
from pathlib import Path
from typing import Any

from livekit import api, rtc
from livekit.agents import AgentSession
from livekit.agents.testing import fake_job_context

import switchboard_livekit as switchboard

from .conftest import AGENT_KEY, LIVEKIT_KEY, LIVEKIT_SECRET, wait_for
from .fakes import GREETING, Customer, FakeLLM, FakeSTT, FakeTTS, FakeVAD

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "livekit_agent_example.py"


def load_example() -> Any:
    spec = importlib.util.spec_from_file_location("livekit_agent_example", EXAMPLE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def token(identity: str, room: str, *, agent: bool = False) -> str:
    tok = (api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET).with_identity(identity).with_name(identity)
           .with_grants(api.VideoGrants(room_join=True, room=room, can_publish=True, can_subscribe=True,
                                        can_publish_data=True)))
    if agent:
        tok = tok.with_kind("agent")
    return tok.to_jwt()


class Call:
    def __init__(self, livekit: Any, switchboard_node: Any, *, turn_detection: str = "stt",
                 agent_class: Any = None) -> None:
        self.turn_detection = turn_detection
        self.agent_class = agent_class  # f(example module) -> Agent subclass used instead of Aria
        self.livekit = livekit
        self.sb = switchboard_node
        self.room_name = "lk-test-" + uuid.uuid4().hex[:10]
        self.stt = FakeSTT()
        self.llm = FakeLLM()
        self.tts = FakeTTS()
        self.tts_times: list[float] = []
        self.session: AgentSession | None = None
        self.supervision: switchboard.Supervision | None = None
        self.customer: Customer | None = None
        self.agent_room = rtc.Room()
        self.closed = asyncio.Event()
        self.agent_errors: list[Any] = []
        self._lkapi: api.LiveKitAPI | None = None

    async def start(self, **attach_overrides: Any) -> "Call":
        turn_detection = self.turn_detection
        self.customer = await Customer.join(self.livekit.url, token("customer", self.room_name))
        await self.agent_room.connect(self.livekit.url, token("agent-aria", self.room_name, agent=True))
        self.session = AgentSession(
            stt=self.stt, llm=self.llm, tts=self.tts, vad=FakeVAD() if turn_detection == "vad" else None,
            turn_handling={"turn_detection": turn_detection, "endpointing": {"min_delay": 0.2, "max_delay": 1.5}},
            user_away_timeout=None, aec_warmup_duration=None,
        )
        orig_synth = self.tts.synthesize

        def timed_synth(text: str, **kw: Any) -> Any:
            self.tts_times.append(time.monotonic())
            return orig_synth(text, **kw)

        self.tts.synthesize = timed_synth  # type: ignore[method-assign]
        self.session.on("close", lambda _ev: self.closed.set())
        self.session.on("error", lambda ev: self.agent_errors.append(ev))
        example = load_example()
        if self.agent_class is not None:
            example.Aria = self.agent_class(example)
        with fake_job_context(room=self.agent_room) as ctx:
            import os

            os.environ["SWITCHBOARD_URL"] = self.sb.url
            os.environ["SWITCHBOARD_API_KEY"] = AGENT_KEY
            if attach_overrides:
                orig_attach = switchboard.attach

                async def attach(*a: Any, **kw: Any) -> Any:
                    kw.update(attach_overrides)
                    return await orig_attach(*a, **kw)

                example.switchboard = _Shim(attach)
            self.supervision = await example.entrypoint(ctx, session=self.session)
        await self.wait_agent_line(GREETING)
        return self

    # ---- observing --------------------------------------------------------------------------

    def history_lines(self) -> list[dict[str, Any]]:
        try:
            return self.sb.history(self.room_name)["lines"]
        except Exception:
            return []

    async def wait_agent_line(self, text: str, timeout: float = 30.0) -> None:
        await wait_for(lambda: any(line.get("role") == "agent" and line.get("text") == text
                                   for line in self.history_lines()), timeout, "agent line %r" % text)

    async def wait_user_line(self, text: str, timeout: float = 30.0) -> None:
        await wait_for(lambda: any(line.get("role") == "user" and line.get("text") == text
                                   for line in self.history_lines()), timeout, "user line %r" % text)

    async def wait_listening(self, timeout: float = 30.0) -> None:
        assert self.session is not None
        await wait_for(lambda: self.session.agent_state == "listening" and self.session.current_speech is None,
                       timeout, "agent listening")

    async def wait_for_state(self, state: str, timeout: float = 20.0) -> None:
        def seen() -> bool:
            assert self.supervision is not None
            states = [e["data"]["state"] for e in self.supervision.sender.recent if e["event_type"] == "agent_state"]
            return bool(states) and states[-1] == state

        await wait_for(seen, timeout, "agent_state %s" % state)

    # ---- control like the server sends it ---------------------------------------------------

    async def send_server_data(self, payload: bytes, topic: str = switchboard.CONTROL_TOPIC) -> None:
        if self._lkapi is None:
            self._lkapi = api.LiveKitAPI(self.livekit.http_url, LIVEKIT_KEY, LIVEKIT_SECRET)
        await self._lkapi.room.send_data(api.SendDataRequest(
            room=self.room_name, data=payload, kind=api.DataPacket.Kind.RELIABLE,
            topic=topic, destination_identities=["agent-aria"]))

    async def control(self, kind: str, text: str | None = None, **extra: Any) -> None:
        body: dict[str, Any] = {"v": 1, "type": kind, "room": self.room_name,
                                "session_id": self.supervision.sender.session_id if self.supervision else None,
                                "by": "supervisor", "at": int(time.time() * 1000), "id": uuid.uuid4().hex}
        if text is not None:
            body["text"] = text
        body.update(extra)
        await self.send_server_data(json.dumps(body).encode())

    async def close(self) -> None:
        try:
            if self.session is not None and not self.closed.is_set():
                await self.session.aclose()
            if self.supervision is not None:
                await self.supervision.aclose(2.0)
            if self.customer is not None:
                await self.customer.leave()
            await self.agent_room.disconnect()
        finally:
            if self._lkapi is not None:
                await self._lkapi.aclose()


class _Shim:
    """The example module's ``switchboard`` with ``attach`` overridden (e.g. a smaller queue)."""

    def __init__(self, attach: Any) -> None:
        self.attach = attach

    def __getattr__(self, name: str) -> Any:
        return getattr(switchboard, name)
