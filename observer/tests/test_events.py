"""The mapping from remote-session protobufs to Switchboard call events, and the decoder's
counting of bad input (no network)."""

from __future__ import annotations

from livekit.protocol.agent_pb import agent_session as pb

from switchboard_observer import events
from switchboard_observer.events import Counters


def message(role: int, text: str, item_id: str = "item_1") -> pb.ChatContext.ChatItem:
    return pb.ChatContext.ChatItem(message=pb.ChatMessage(id=item_id, role=role, content=[pb.ChatMessage.ChatContent(text=text)]))


def test_conversation_item_is_a_final_transcript_keyed_by_item_id() -> None:
    [out] = events.from_chat_item(message(pb.ASSISTANT, "Hello", "item_9"))
    assert out.event_type == "transcript"
    assert out.data == {"role": "agent", "text": "Hello", "final": True, "segment_id": "item_9"}
    assert out.item_id == "item_9"


def test_guidance_shows_as_the_supervisor_line() -> None:
    [out] = events.from_chat_item(message(pb.USER, events.GUIDE_PREFIX + "offer a refund"))
    assert (out.data["role"], out.data["text"]) == ("supervisor", "offer a refund")


def test_system_and_empty_messages_are_not_transcript_lines() -> None:
    assert events.from_chat_item(message(pb.SYSTEM, "You are a bot")) == []
    assert events.from_chat_item(message(pb.USER, "   ")) == []


def test_user_transcription_is_interim_and_agent_state_is_mapped() -> None:
    ev = pb.AgentSessionEvent(user_input_transcribed=pb.AgentSessionEvent.UserInputTranscribed(transcript="where is", is_final=True))
    [out] = events.from_event(ev)
    assert out.data == {"role": "user", "text": "where is", "final": False}
    st = pb.AgentSessionEvent(agent_state_changed=pb.AgentSessionEvent.AgentStateChanged(new_state=pb.AS_THINKING))
    assert events.from_event(st)[0].data == {"state": "thinking"}


def test_tool_calls_carry_their_call_id_as_event_id() -> None:
    ev = pb.AgentSessionEvent(function_tools_executed=pb.AgentSessionEvent.FunctionToolsExecuted(
        function_calls=[pb.FunctionCall(call_id="c1", name="lookup_order", arguments='{"id": 7}')],
        function_call_outputs=[pb.FunctionCallOutput(call_id="c1", name="lookup_order", output="shipped")]))
    [out] = events.from_event(ev)
    assert out.event_type == "tool_call" and out.event_id == "tool:c1"
    assert out.data == {"name": "lookup_order", "args": {"id": 7}, "result": "shipped"}


def test_bad_payloads_are_counted_and_dropped() -> None:
    c = Counters()
    assert events.parse_message(b"\x0a\xff", c) is None
    assert events.parse_message(b"\xf8\x06\x01", c) is None  # unknown field only
    assert events.parse_message(pb.AgentSessionMessage(event=pb.AgentSessionEvent()).SerializeToString(), c) is None
    ok = pb.AgentSessionMessage(event=pb.AgentSessionEvent(error=pb.AgentSessionEvent.Error(message="x")))
    assert events.parse_message(ok.SerializeToString(), c) is not None
    assert (c.malformed, c.unknown, c.events) == (1, 2, 1)
