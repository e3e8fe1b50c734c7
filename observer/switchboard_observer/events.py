"""Pure mapping from LiveKit Agents remote-session protobufs to Switchboard call events
(``{event_type, data, event_id?}`` as in modules/contract CallEvent and the JSON Schemas under
modules/contract/src/main/resources/schemas). No I/O here, so every rule is unit-tested.

Dedup rule: a conversation item becomes a final transcript whose ``segment_id`` is the item's id
(ingest stores a final transcript with a given segment_id once), and a tool call carries the
event id ``tool:<call_id>``. The live stream, the chat-history backfill and a second observer
taking the room over therefore never store a line twice."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from livekit.protocol.agent_pb import agent_session as pb

# The guide text is delivered as a run_input (the protocol's only way to give the agent words),
# which the framework records as a *user* message. The marker lets the agent's prompt treat it as
# an instruction and lets us show the line as the supervisor's, not the customer's.
GUIDE_PREFIX = "[Supervisor guidance for the agent, not said by the customer] "

_AGENT_STATES: dict[int, str] = {
    pb.AS_INITIALIZING: "initializing",
    pb.AS_IDLE: "listening",
    pb.AS_LISTENING: "listening",
    pb.AS_THINKING: "thinking",
    pb.AS_SPEAKING: "speaking",
}
_USER_STATES: dict[int, str] = {pb.US_SPEAKING: "speaking", pb.US_LISTENING: "listening", pb.US_AWAY: "away"}
MAX_TEXT = 8000


@dataclass
class Outgoing:
    """One call event for ingest.call-event (room and session are added by the caller)."""

    event_type: str
    data: dict[str, Any]
    event_id: str | None = None
    item_id: str | None = None  # the chat item it came from, for local dedup

    def body(self, room: str, session_id: str) -> dict[str, Any]:
        b: dict[str, Any] = {"room_name": room, "session_id": session_id, "event_type": self.event_type, "data": self.data}
        if self.event_id is not None:
            b["event_id"] = self.event_id
        return b


@dataclass
class Counters:
    """What came in and what was dropped; exported in the observer's status and logs."""

    events: int = 0
    malformed: int = 0
    unknown: int = 0
    foreign: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + 1


def _ms(seconds: float) -> float:
    return round(max(0.0, seconds) * 1000.0, 1)


def _text(msg: pb.ChatMessage) -> str:
    return "".join(c.text for c in msg.content if c.HasField("text") or c.text)[:MAX_TEXT]


def _args(arguments: str) -> Any:
    try:
        parsed = json.loads(arguments) if arguments else None
    except ValueError:
        return arguments[:2000]
    return parsed if isinstance(parsed, (dict, list, str)) or parsed is None else arguments[:2000]


def from_chat_item(item: pb.ChatContext.ChatItem) -> list[Outgoing]:
    """A conversation item (live ``conversation_item_added`` or one history entry)."""
    kind = item.WhichOneof("item")
    if kind == "message":
        m = item.message
        text = _text(m)
        if not text.strip() or m.role not in (pb.USER, pb.ASSISTANT) or not m.id:
            return []
        role = "agent" if m.role == pb.ASSISTANT else "user"
        if role == "user" and text.startswith(GUIDE_PREFIX):
            role, text = "supervisor", text[len(GUIDE_PREFIX):]
        data: dict[str, Any] = {"role": role, "text": text, "final": True, "segment_id": m.id[:128]}
        if m.HasField("created_at"):
            data["ts"] = m.created_at.ToMilliseconds()
        out = [Outgoing("transcript", data, item_id=m.id)]
        metrics = _metrics(m.metrics) if m.HasField("metrics") else {}
        if metrics:
            out.append(Outgoing("metrics", metrics, event_id=f"metrics:{m.id}"[:128]))
        return out
    if kind == "function_call_output":
        o = item.function_call_output
        return [Outgoing("tool_call", {"name": o.name or "tool", "result": o.output[:4000]} | ({"error": True} if o.is_error else {}),
                         event_id=f"tool:{o.call_id}"[:128], item_id=o.id or None)]
    if kind == "function_call":
        # the call's output item (or function_tools_executed) carries the result; the call
        # itself goes to the debug timeline only
        c = item.function_call
        return [Outgoing("debug", {"kind": "tool_started", "name": c.name, "args": _args(c.arguments)})]
    return []


def _metrics(r: pb.MetricsReport) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if r.HasField("transcription_delay"):
        out["stt_ms"] = _ms(r.transcription_delay)
    if r.HasField("llm_node_ttft"):
        out["llm_ttft_ms"] = _ms(r.llm_node_ttft)
    if r.HasField("tts_node_ttfb"):
        out["tts_ttfb_ms"] = _ms(r.tts_node_ttfb)
    if r.HasField("e2e_latency"):
        out["e2e_ms"] = _ms(r.e2e_latency)
    return out


def from_event(ev: pb.AgentSessionEvent) -> list[Outgoing]:
    """A live session event. Returns [] for events Switchboard has no use for."""
    kind = ev.WhichOneof("event")
    if kind == "agent_state_changed":
        state = _AGENT_STATES.get(ev.agent_state_changed.new_state)
        return [Outgoing("agent_state", {"state": state})] if state else []
    if kind == "conversation_item_added":
        return from_chat_item(ev.conversation_item_added.item)
    if kind == "user_input_transcribed":
        t = ev.user_input_transcribed
        if not t.transcript.strip():
            return []
        # finals arrive again as conversation items (with an id to dedup by), so every
        # transcription here is the utterance in progress
        data: dict[str, Any] = {"role": "user", "text": t.transcript[:MAX_TEXT], "final": False}
        if t.language:
            data["language"] = t.language[:16]
        return [Outgoing("transcript", data)]
    if kind == "function_tools_executed":
        f = ev.function_tools_executed
        outputs = {o.call_id: o for o in f.function_call_outputs}
        out = []
        for c in f.function_calls:
            call: dict[str, Any] = {"name": c.name or "tool", "args": _args(c.arguments)}
            o = outputs.get(c.call_id)
            if o is not None:
                call["result"] = o.output[:4000]
                if o.is_error:
                    call["error"] = True
            out.append(Outgoing("tool_call", call, event_id=f"tool:{c.call_id}"[:128]))
        return out
    if kind == "session_usage_updated":
        tokens = 0
        for mu in ev.session_usage_updated.usage.model_usage:
            if mu.HasField("llm"):
                tokens += mu.llm.input_tokens + mu.llm.output_tokens
        return [Outgoing("metrics", {"tokens": tokens})] if tokens else []
    if kind == "error":
        return [Outgoing("debug", {"kind": "error", "message": ev.error.message[:2000]})]
    if kind == "user_state_changed":
        return [Outgoing("debug", {"kind": "user_state", "state": _USER_STATES.get(ev.user_state_changed.new_state, "unknown")})]
    if kind in ("agent_false_interruption", "overlapping_speech", "function_tools_started", "tool_execution_updated"):
        return [Outgoing("debug", {"kind": kind})]
    return []


def agent_state_of(state: int) -> str | None:
    return _AGENT_STATES.get(state)


def parse_message(data: bytes, counters: Counters) -> pb.AgentSessionMessage | None:
    """Decodes one byte-stream payload; malformed or unknown payloads are counted and dropped."""
    msg = pb.AgentSessionMessage()
    try:
        msg.ParseFromString(data)
    except Exception:
        counters.malformed += 1
        return None
    kind = msg.WhichOneof("message")
    if kind is None or (kind == "event" and msg.event.WhichOneof("event") is None):
        counters.unknown += 1
        return None
    if kind == "event":
        counters.events += 1
    return msg
