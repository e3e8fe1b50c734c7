"""Supervision of one LiveKit Agents ``AgentSession``: events out, supervisor control in."""

from __future__ import annotations

import ast
import asyncio
import collections
import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from livekit import rtc
from livekit.agents import Agent, AgentSession, StopResponse
from livekit.agents.llm import AgentHandoff, ChatMessage
from livekit.agents.metrics import EOUMetrics, LLMMetrics, STTMetrics, TTSMetrics
from livekit.agents.voice import io as agent_io
from livekit.agents.voice.events import (
    AgentStateChangedEvent,
    CloseEvent,
    CloseReason,
    ConversationItemAddedEvent,
    ErrorEvent,
    FunctionToolsExecutedEvent,
    MetricsCollectedEvent,
    UserInputTranscribedEvent,
)

from .control import CONTROL_TOPIC, ControlMessage, Rejected, parse_body, parse_payload
from .sender import EventSender
from .supervisor_speech import SupervisorTranscriber

LOG = logging.getLogger("switchboard_livekit")

GUIDE_INSTRUCTIONS = (
    "A human supervisor who monitors this call gives you the following instruction. It is addressed "
    "to you, not to the customer:\n<supervisor_instruction>\n{text}\n</supervisor_instruction>\n"
    "Act on it in your very next reply: tell the customer what it means for them, in your own words, "
    "in the language the customer is speaking. Do not read the instruction out verbatim and do not "
    "mention the supervisor unless the instruction asks you to."
)
RESUME_INSTRUCTIONS = (
    "You are back on the call: a human colleague has just spoken with the customer (their exchange "
    "is in the conversation above). Do not greet the customer again and do not introduce yourself. "
    "Continue the conversation from where it is now, briefly, in the customer's language."
)
GOODBYE_INSTRUCTIONS = (
    "The call is ending now. Say a short, polite goodbye to the customer in their language, "
    "and nothing else."
)

# Switchboard's agent_state enum (modules/contract schemas/data/agent_state.json)
_STATES = {"initializing": "initializing", "idle": "listening", "listening": "listening",
           "thinking": "thinking", "speaking": "speaking"}
_END_REASONS = {CloseReason.PARTICIPANT_DISCONNECTED: "customer_hangup", CloseReason.ERROR: "agent_error"}
_MAX_TEXT = 8000  # transcript.json maxLength


@dataclass
class SupervisionOptions:
    """How supervisor control is carried out; the defaults suit most agents."""

    guide_instructions: str = GUIDE_INSTRUCTIONS
    resume_instructions: str | None = RESUME_INSTRUCTIONS
    """None: resume silently and wait for the customer to speak."""
    goodbye_instructions: str | None = GOODBYE_INSTRUCTIONS
    """None: end without a goodbye turn."""
    goodbye_timeout: float = 20.0
    agent_interim_interval: float = 0.3
    """seconds between interim agent transcript updates while the agent speaks."""
    supervisor_identity_prefix: str | None = "supervisor_"
    """participants whose identity starts with it (Switchboard's speak tokens: supervisor_<user>)
    are transcribed with the session's STT and reported as role supervisor; None: not at all."""


class Supervision:
    """Created by :func:`switchboard_livekit.attach`; keep it for its ``stats`` and ``aclose``."""

    def __init__(
        self,
        session: AgentSession,
        room: rtc.Room | None,
        sender: EventSender,
        *,
        options: SupervisionOptions,
        language: str | None,
    ) -> None:
        self.session = session
        self.room = room
        self.sender = sender
        self.options = options
        self.language = language
        self.paused = False
        self.ended = False
        self._end_reason: str | None = None
        self._user_segment = 0
        self._agent_segment = 0
        self._agent_pending: str | None = None
        self._seen_controls: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._loop = asyncio.get_running_loop()
        self._bridge: Any = None
        self._installed = False
        self._closed = False
        self._closing: asyncio.Task[None] | None = None
        self.control_stats: dict[str, int] = collections.defaultdict(int)
        """applied.<type>, ignored.<reason>, duplicate, suppressed_llm, suppressed_tts, kept_user_turns"""
        self._handlers: list[tuple[Any, Callable[..., None]]] = []
        self._ctx_lock = asyncio.Lock()
        self._supervisor_speech: SupervisorTranscriber | None = None

    # ---- public ----------------------------------------------------------------------------

    @property
    def stats(self) -> dict[str, Any]:
        return {"events": self.sender.stats.as_dict(), "control": dict(self.control_stats),
                "paused": self.paused}

    async def aclose(self, timeout: float = 5.0) -> None:
        """Stops listening and sends what is queued (up to ``timeout``). Idempotent (a second call
        waits for the first), never raises."""
        if self._closing is None:
            self._closing = self._loop.create_task(self._aclose(timeout))
        try:
            await asyncio.shield(self._closing)
        except Exception:
            LOG.exception("switchboard: error while closing supervision")

    async def _aclose(self, timeout: float) -> None:
        self._closed = True
        try:
            for event, handler in self._handlers:
                try:
                    self.session.off(event, handler)
                except Exception:
                    pass
            if self.room is not None:
                try:
                    self.room.off("data_received", self._on_room_data)
                except Exception:
                    pass
            if self._supervisor_speech is not None and self.room is not None:
                self._supervisor_speech.close()
                room_events: tuple[tuple[Any, Callable[..., None]], ...] = (
                    ("track_subscribed", self._supervisor_speech.on_track_subscribed),
                    ("track_unsubscribed", self._supervisor_speech.on_track_unsubscribed))
                for event, cb in room_events:
                    try:
                        self.room.off(event, cb)
                    except Exception:
                        pass
            if self._bridge is not None:
                self._bridge.stop()
            await self.sender.aclose(timeout)
        except Exception:
            LOG.exception("switchboard: error while closing supervision")

    def handle_control(self, body: Any, source: str = "api") -> bool:
        """Applies one control body (a dict, as sent by Switchboard). True when applied."""
        try:
            msg = parse_body(body)
        except Rejected as rej:
            self._ignore(rej.reason, source)
            return False
        return self._apply(msg, source)

    # ---- wiring ----------------------------------------------------------------------------

    def _start(self, call_started: dict[str, Any], bridge: tuple[str, int, str] | None) -> None:
        session_events: tuple[tuple[Any, Callable[[Any], None]], ...] = (
            ("user_input_transcribed", self._on_user_transcript),
            ("conversation_item_added", self._on_item_added),
            ("agent_state_changed", self._on_agent_state),
            ("metrics_collected", self._on_metrics),
            ("function_tools_executed", self._on_tools),
            ("error", self._on_error),
            ("close", self._on_close),
        )
        for event, handler in session_events:
            guarded = _guarded(handler)
            self.session.on(event, guarded)
            self._handlers.append((event, guarded))
        if self.room is not None:
            self.room.on("data_received", self._on_room_data)
            if self.options.supervisor_identity_prefix:
                speech = SupervisorTranscriber(self, self.options.supervisor_identity_prefix)
                self._supervisor_speech = speech
                self.room.on("track_subscribed", speech.on_track_subscribed)
                self.room.on("track_unsubscribed", speech.on_track_unsubscribed)
                for participant in self.room.remote_participants.values():
                    for publication in participant.track_publications.values():
                        if publication.track is not None:
                            speech.on_track_subscribed(publication.track, publication, participant)
        if bridge is not None:
            from switchboard_client import ControlListener

            host, port, token = bridge
            self._bridge = ControlListener(host, port, self.sender.room, token, self._on_bridge_control).start()
        self.sender.send("call_started", call_started)
        self._install()

    def _install(self) -> None:
        """Gates the running agent's nodes and tees the transcription output, once the session runs."""
        try:
            agent = self.session.current_agent
        except RuntimeError:
            return  # not started yet: done on the first state change
        _gate_agent(agent, self)
        if not self._installed:
            self._installed = True
            current = self.session.output.transcription
            if not isinstance(current, _AgentTranscriptTee):
                self.session.output.transcription = _AgentTranscriptTee(self, current)

    # ---- session events → Switchboard ------------------------------------------------------

    def _on_user_transcript(self, ev: UserInputTranscribedEvent) -> None:
        if not ev.transcript:
            return
        segment = "u-%d" % (self._user_segment + 1)
        data = {"role": "user", "text": ev.transcript[:_MAX_TEXT], "final": bool(ev.is_final),
                "segment_id": segment, "ts": _now_ms()}
        language = str(ev.language) if ev.language else self.language
        if language:
            data["language"] = language[:16]
        self.sender.send("transcript", data)
        if ev.is_final:
            self._user_segment += 1

    def _on_item_added(self, ev: ConversationItemAddedEvent) -> None:
        item = ev.item
        if isinstance(item, AgentHandoff):
            self.sender.send("debug", {"kind": "handoff", "old_agent": item.old_agent_id,
                                       "new_agent": item.new_agent_id})
            self._install()
            return
        if isinstance(item, ChatMessage) and item.role == "assistant":
            text = item.text_content or ""
            segment = self._agent_pending or self._next_agent_segment()
            self._agent_pending = None
            if text:
                data = {"role": "agent", "text": text[:_MAX_TEXT], "final": True, "segment_id": segment,
                        "ts": _now_ms()}
                if item.interrupted:
                    data["interrupted"] = True
                self.sender.send("transcript", data)

    def _next_agent_segment(self) -> str:
        self._agent_segment += 1
        return "a-%d" % self._agent_segment

    def _on_agent_state(self, ev: AgentStateChangedEvent) -> None:
        self._install()
        if self.paused or self.ended:
            return
        state = _STATES.get(ev.new_state)
        if state:
            self.sender.send("agent_state", {"state": state, "ts": _now_ms()})

    def _on_metrics(self, ev: MetricsCollectedEvent) -> None:
        m = ev.metrics
        data: dict[str, Any]
        if isinstance(m, LLMMetrics):
            data = {"llm_ttft_ms": _ms(m.ttft), "llm_total_ms": _ms(m.duration), "tokens": max(0, m.total_tokens)}
        elif isinstance(m, TTSMetrics):
            data = {"tts_ttfb_ms": _ms(m.ttfb), "tts_ms": _ms(m.duration)}
        elif isinstance(m, STTMetrics):
            if m.duration <= 0 and m.audio_duration <= 0:
                return  # connection bookkeeping, no recognition
            data = {"stt_ms": _ms(m.duration), "stt_audio_ms": _ms(m.audio_duration)}
        elif isinstance(m, EOUMetrics):
            data = {"eou_delay_ms": _ms(m.end_of_utterance_delay),
                    "transcription_delay_ms": _ms(m.transcription_delay)}
        else:
            return
        self.sender.send("metrics", {k: v for k, v in data.items() if v is not None})

    def _on_tools(self, ev: FunctionToolsExecutedEvent) -> None:
        for call, output in ev.zipped():
            data: dict[str, Any] = {"name": call.name[:128] or "tool", "args": _json_or_text(call.arguments)}
            if output is not None:
                data["result"] = _json_or_text(output.output)
                if output.is_error:
                    data["error"] = True
            self.sender.send("tool_call", data)

    def _on_error(self, ev: ErrorEvent) -> None:
        err = ev.error
        recoverable = getattr(err, "recoverable", None)
        inner = getattr(err, "error", err)
        self.sender.send("debug", {"kind": "error", "source": type(ev.source).__name__,
                                   "error": type(inner).__name__, "message": str(inner)[:500],
                                   "recoverable": recoverable})

    def _on_close(self, ev: CloseEvent) -> None:
        self.ended = True
        reason = self._end_reason or _END_REASONS.get(ev.reason, "completed")
        self.sender.send("agent_state", {"state": "ended", "ts": _now_ms()})
        self.sender.send("call_ended", {"reason": reason})
        self._spawn(self.aclose())

    def _report_supervisor_speech(self, text: str, final: bool, segment: str) -> None:
        self.sender.send("transcript", {"role": "supervisor", "text": text[:_MAX_TEXT], "final": final,
                                        "segment_id": segment, "ts": _now_ms()})

    async def _keep_in_context(self, role: str, text: str) -> None:
        """Adds a line to the running agent's chat context (serialised: copy, add, update)."""
        await self._keep_message(ChatMessage(role=role, content=[text]))  # type: ignore[arg-type]

    async def _keep_message(self, message: ChatMessage) -> None:
        async with self._ctx_lock:
            try:
                agent = self.session.current_agent
            except RuntimeError:
                return
            ctx = agent.chat_ctx.copy()
            ctx.items.append(message)
            await agent.update_chat_ctx(ctx)

    # ---- control in ------------------------------------------------------------------------

    def _on_room_data(self, packet: rtc.DataPacket) -> None:
        try:
            if packet.topic != CONTROL_TOPIC:
                self.control_stats["ignored.other_topic"] += 1
                return
            if packet.participant is not None:
                # only the holder of the API secret (the server) may steer the agent
                self._ignore("from_participant", "room", identity=packet.participant.identity)
                return
            try:
                msg = parse_payload(packet.data)
            except Rejected as rej:
                self._ignore(rej.reason, "room")
                return
            self._apply(msg, "room")
        except Exception:
            LOG.exception("switchboard: control from the room failed")

    def _on_bridge_control(self, body: Any) -> None:  # the bridge listener's thread
        self._loop.call_soon_threadsafe(self.handle_control, body, "bridge")

    def _ignore(self, reason: str, source: str, **extra: Any) -> None:
        self.control_stats["ignored." + reason] += 1
        LOG.warning(json.dumps({"msg": "switchboard control ignored", "reason": reason, "source": source,
                                "room": self.sender.room, "session": self.sender.session_id, **extra}))

    def _apply(self, msg: ControlMessage, source: str) -> bool:
        if msg.room is not None and msg.room != self.sender.room:
            self._ignore("wrong_room", source)
            return False
        keys = msg.dedup_keys()
        if any(k in self._seen_controls for k in keys):
            self.control_stats["duplicate"] += 1
            return False
        for k in keys:
            self._seen_controls[k] = None
        while len(self._seen_controls) > 256:
            self._seen_controls.popitem(last=False)
        if self.ended:
            self._ignore("ended", source)
            return False
        if msg.type == "guide" and self.paused:
            self._ignore("guide_while_paused", source)
            return False
        self.control_stats["applied." + msg.type] += 1
        LOG.info(json.dumps({"msg": "switchboard control", "type": msg.type, "source": source,
                             "room": self.sender.room, "session": self.sender.session_id, "by": msg.by}))
        if msg.type == "guide":
            self._guide(msg.text or "")
        elif msg.type == "pause":
            self._pause()
        elif msg.type == "resume":
            self._resume()
        elif msg.type == "end":
            self._spawn(self._end())
        return True

    def _interrupt(self) -> None:
        try:
            fut = self.session.interrupt(force=True)
            fut.add_done_callback(lambda f: f.exception() if not f.cancelled() else None)
        except RuntimeError:
            pass

    def _guide(self, text: str) -> None:
        self._interrupt()
        try:
            self.session.generate_reply(instructions=self.options.guide_instructions.format(text=text))
        except RuntimeError as err:
            self._ignore("session_not_running", "guide", error=str(err))

    def _pause(self) -> None:
        if self.paused:
            return
        self._install()
        self.paused = True  # first: from here on the gates refuse LLM and TTS work
        self._interrupt()
        self.session.output.set_audio_enabled(False)
        self.sender.send("agent_state", {"state": "paused", "ts": _now_ms()})

    def _resume(self) -> None:
        if not self.paused:
            return
        self.paused = False
        self.session.output.set_audio_enabled(True)
        self.sender.send("agent_state", {"state": "listening", "ts": _now_ms()})
        if self.options.resume_instructions:
            try:
                self.session.generate_reply(instructions=self.options.resume_instructions)
            except RuntimeError as err:
                self._ignore("session_not_running", "resume", error=str(err))

    async def _end(self) -> None:
        self._end_reason = "ended_by_supervisor"
        if not self.paused and self.options.goodbye_instructions:
            self._interrupt()
            try:
                handle = self.session.generate_reply(instructions=self.options.goodbye_instructions,
                                                     allow_interruptions=False)
                await asyncio.wait_for(handle.wait_for_playout(), self.options.goodbye_timeout)
            except (RuntimeError, asyncio.TimeoutError) as err:
                LOG.warning(json.dumps({"msg": "switchboard goodbye not completed", "room": self.sender.room,
                                        "error": type(err).__name__}))
        self.session.shutdown(drain=True)

    def _spawn(self, coro: Any) -> None:
        task = self._loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


# ---- the pause gate ------------------------------------------------------------------------

def _gate_agent(agent: Agent, sup: Supervision) -> None:
    """While paused: no LLM call, no TTS call, and the user's turn is kept in the chat context.

    The framework offers no session-wide pause: muting the audio output alone leaves the agent
    listening → thinking → speaking into the void (LLM and TTS still run, and preemptive
    generation calls the LLM on every final transcript). So the agent's own pipeline hooks are
    wrapped on the instance: ``on_user_turn_completed`` records the turn and raises
    ``StopResponse``; ``llm_node`` and ``tts_node`` return nothing.
    """
    if getattr(agent, "_switchboard_gated", None) is sup:
        return
    orig_turn = agent.on_user_turn_completed
    orig_llm = agent.llm_node
    orig_tts = agent.tts_node

    async def on_user_turn_completed(turn_ctx: Any, new_message: ChatMessage) -> None:
        if sup.paused:
            # StopResponse drops the turn from the context: keep what the customer said
            await sup._keep_message(new_message)
            sup.control_stats["kept_user_turns"] += 1
            raise StopResponse()
        await orig_turn(turn_ctx, new_message)

    def llm_node(chat_ctx: Any, tools: Any, model_settings: Any) -> Any:
        if sup.paused:
            sup.control_stats["suppressed_llm"] += 1
            return None
        return orig_llm(chat_ctx, tools, model_settings)

    def tts_node(text: Any, model_settings: Any) -> Any:
        if sup.paused:
            sup.control_stats["suppressed_tts"] += 1
            return None
        return orig_tts(text, model_settings)

    agent.on_user_turn_completed = on_user_turn_completed  # type: ignore[method-assign]
    agent.llm_node = llm_node  # type: ignore[method-assign]
    agent.tts_node = tts_node  # type: ignore[method-assign]
    agent._switchboard_gated = sup  # type: ignore[attr-defined]


class _AgentTranscriptTee(agent_io.TextOutput):
    """Sees the agent's words as they are spoken (synchronised with the audio) and reports them
    as interim transcript chunks; the final comes from ``conversation_item_added``."""

    def __init__(self, sup: Supervision, next_in_chain: agent_io.TextOutput | None) -> None:
        super().__init__(label="switchboard", next_in_chain=next_in_chain)
        self._sup = sup
        self._text = ""
        self._last = 0.0

    async def capture_text(self, text: str) -> None:
        try:
            sup = self._sup
            if sup._agent_pending is None:
                sup._agent_pending = sup._next_agent_segment()
                self._text = ""
                self._last = 0.0
            self._text += text
            now = time.monotonic()
            if self._text.strip() and now - self._last >= sup.options.agent_interim_interval and not sup.paused:
                self._last = now
                sup.sender.send("transcript", {"role": "agent", "text": self._text.strip()[:_MAX_TEXT],
                                               "final": False, "segment_id": sup._agent_pending, "ts": _now_ms()})
        except Exception:
            LOG.exception("switchboard: agent transcript tee failed")
        if self.next_in_chain is not None:
            await self.next_in_chain.capture_text(text)

    def flush(self) -> None:
        if self.next_in_chain is not None:
            self.next_in_chain.flush()


# ---- helpers -------------------------------------------------------------------------------

def _guarded(handler: Callable[[Any], None]) -> Callable[[Any], None]:
    def run(ev: Any) -> None:
        try:
            handler(ev)
        except Exception:  # a supervision bug must never break the agent
            LOG.exception("switchboard: %s handler failed", getattr(handler, "__name__", "event"))

    run.__name__ = getattr(handler, "__name__", "handler")
    return run


def _ms(seconds: float | None) -> float | None:
    if seconds is None or seconds < 0:
        return None
    return round(seconds * 1000, 1)


def _now_ms() -> int:
    return int(time.time() * 1000)


def _json_or_text(value: Any) -> Any:
    """Tool arguments are JSON text; tool outputs are ``str()`` of what the tool returned (a dict
    prints as a Python literal): both are sent structured when they parse, else as text."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in ("{", "[") and len(text) <= 16000:
            for parse in (json.loads, ast.literal_eval):
                try:
                    parsed = parse(text)
                    if isinstance(parsed, (dict, list)):
                        return json.loads(json.dumps(parsed, default=str))
                except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                    continue
        return value[:4000]
    return value


def new_session_id() -> str:
    return "lk-" + uuid.uuid4().hex[:20]
