"""A real AgentSession in a real LiveKit room, supervised by a real Switchboard."""

from __future__ import annotations

import asyncio

import pytest
from livekit.agents import Agent, RunContext, function_tool

from .fakes import GREETING, PHRASES, Customer
from .conftest import wait_for
from .harness import Call, token


@pytest.fixture
async def call(livekit_server, switchboard):
    c = Call(livekit_server, switchboard)
    await c.start()
    yield c
    await c.close()


def transcript_lines(call: Call) -> list[tuple[str, str]]:
    return [(line["role"], line["text"]) for line in call.history_lines() if line.get("kind") == "transcript"]


async def test_transcripts_reach_switchboard_in_order_with_interim_then_final(call: Call):
    for index in (0, 1):
        await call.wait_listening()
        await call.customer.say(index)
        await call.wait_agent_line("I heard: %s." % PHRASES[index])

    assert transcript_lines(call) == [
        ("agent", GREETING),
        ("user", PHRASES[0]),
        ("agent", "I heard: %s." % PHRASES[0]),
        ("user", PHRASES[1]),
        ("agent", "I heard: %s." % PHRASES[1]),
    ]
    # what was sent: interim chunks of a segment, growing, then its one final
    sent = [e["data"] for e in call.supervision.sender.recent if e["event_type"] == "transcript"]
    for role, prefix in (("user", "u-"), ("agent", "a-")):
        segments = sorted({d["segment_id"] for d in sent if d["role"] == role})
        assert len(segments) == (2 if role == "user" else 3), segments
        for seg in segments:
            chunks = [d for d in sent if d["segment_id"] == seg]
            assert seg.startswith(prefix)
            assert [c["final"] for c in chunks][-1] is True and sum(c["final"] for c in chunks) == 1, chunks
            interims = [c["text"] for c in chunks[:-1]]
            if role == "user":
                assert len(interims) >= 2, chunks  # the fake STT reveals words one by one
            assert all(chunks[-1]["text"].startswith(t.rstrip(".")) for t in interims), chunks
    # the interim chunks never became lines: one line per segment
    assert len(transcript_lines(call)) == 5
    metrics = {k for e in call.supervision.sender.recent if e["event_type"] == "metrics" for k in e["data"]}
    assert {"llm_ttft_ms", "tts_ttfb_ms", "stt_ms", "eou_delay_ms"} <= metrics, metrics
    states = [e["data"]["state"] for e in call.supervision.sender.recent if e["event_type"] == "agent_state"]
    assert {"listening", "thinking", "speaking"} <= set(states), states
    # every event was accepted by Switchboard's schemas (none rejected)
    assert await call.supervision.sender.flush(5)
    stats = call.supervision.sender.stats
    assert stats.sent == stats.queued and stats.rejected == 0, stats


async def test_guide_interrupts_and_steers_the_next_reply_as_an_instruction(call: Call):
    await call.wait_listening()
    calls_before = len(call.llm.calls)
    await call.control("guide", "offer a ten dollar credit", id="guide-1")
    await call.control("guide", "offer a ten dollar credit", id="guide-1")  # the same action again
    await call.wait_agent_line("Good news: I can offer you a ten dollar credit.")
    await wait_for(lambda: call.supervision.control_stats.get("duplicate") == 1, 15, "duplicate counted")
    guided = call.llm.calls[calls_before]
    last = guided.chat_ctx.items[-1]
    # the instruction reached the model as a system instruction, never as the customer's words
    assert last.role == "system" and "offer a ten dollar credit" in last.text_content
    assert "<supervisor_instruction>" in last.text_content
    assert not any(m.role == "user" and "ten dollar" in (m.text_content or "")
                   for m in guided.chat_ctx.items if hasattr(m, "role"))
    # and was not read out: TTS got the agent's own words only
    assert not any("supervisor" in t.lower() for t in call.tts.texts), call.tts.texts
    assert call.supervision.stats["control"]["applied.guide"] == 1


@pytest.mark.parametrize("turn_detection", ["stt", "vad"])
async def test_pause_stops_llm_and_tts_keeps_transcribing_then_resume_continues_without_greeting(
        livekit_server, switchboard, turn_detection):
    # "vad": VAD end-of-turn, where the framework's preemptive generation calls the LLM on every
    # final transcript before the turn ends (on by default); "stt": the STT's end of speech
    call = Call(livekit_server, switchboard, turn_detection=turn_detection)
    await call.start()
    try:
        await _pause_resume(call)
    finally:
        await call.close()


async def _pause_resume(call: Call) -> None:
    await call.wait_listening()
    await call.control("pause")
    await call.wait_for_state("paused")
    assert call.session.output.audio_enabled is False
    llm_calls, tts_calls = len(call.llm.calls), len(call.tts.texts)
    users_before = len(user_texts(call.session.current_agent.chat_ctx))

    def kept() -> str:  # what the customer said since the pause, as the agent's context has it
        return " ".join(user_texts(call.session.current_agent.chat_ctx)[users_before:])

    # the customer talks with the supervisor: transcribed and reported, nobody else answers
    for index in (5, 6, 4):
        await call.customer.say(index)
        await call.wait_user_line(PHRASES[index])
    # positive marker: the last words reached the agent's context (the pause gate kept the turn)
    # or, without a gate, the agent already answered: the LLM's moment has passed either way
    await wait_for(lambda: kept().endswith(PHRASES[4]) or len(call.llm.calls) > llm_calls, 20,
                   "the takeover turns processed")
    assert len(call.llm.calls) == llm_calls, [c.reply for c in call.llm.calls[llm_calls:]]
    assert len(call.tts.texts) == tts_calls, call.tts.texts[tts_calls:]
    # kept in order (the framework may merge consecutive utterances into one turn)
    assert kept() == " ".join([PHRASES[5], PHRASES[6], PHRASES[4]])
    assert call.supervision.stats["control"].get("kept_user_turns", 0) >= 1

    await call.control("resume")
    await wait_for(lambda: len(call.llm.calls) > llm_calls, 20, "the hand-back reply")
    resumed = call.llm.calls[llm_calls]
    reply = resumed.reply
    assert reply.startswith("Thanks for your patience.") and reply.endswith(PHRASES[4] + "."), reply
    await call.wait_agent_line(reply)
    assert call.session.output.audio_enabled is True
    # the model sees what was said during the takeover
    assert " ".join(user_texts(resumed.chat_ctx)).endswith(" ".join([PHRASES[5], PHRASES[6], PHRASES[4]]))
    assert all(GREETING not in t for t in call.tts.texts[tts_calls:])  # no re-greeting
    assert " ".join(call.tts.texts[tts_calls:]) == reply
    states = [e["data"]["state"] for e in call.supervision.sender.recent if e["event_type"] == "agent_state"]
    assert "paused" in states and states.index("paused") < len(states) - 1


def user_texts(chat_ctx) -> list[str]:
    return [m.text_content for m in chat_ctx.items if getattr(m, "role", None) == "user"]


async def test_end_says_goodbye_and_closes_the_session(call: Call):
    await call.wait_listening()
    await call.control("end")
    await asyncio.wait_for(call.closed.wait(), 40)
    assert call.llm.calls[-1].reply == "Thank you for calling, goodbye."
    assert call.tts.texts[-1] == "Thank you for calling, goodbye."
    await call.wait_agent_line("Thank you for calling, goodbye.")
    await wait_for(lambda: call.sb.history(call.room_name)["snapshot"].get("status") == "ended", 20, "call ended")
    snapshot = call.sb.history(call.room_name)["snapshot"]
    assert snapshot.get("end_reason") == "ended_by_supervisor", snapshot


async def test_bad_control_input_is_ignored_and_counted(call: Call):
    await call.wait_listening()
    await call.control("explode")
    await call.control("guide", "x" * 2001)
    await call.control("guide", "   ")
    await call.send_server_data(b"{not json")
    await call.send_server_data(b"[1,2]")
    await call.send_server_data(b"x" * 20000)
    await call.control("pause", room="some-other-room")
    await call.send_server_data(b'{"v":1,"type":"pause"}', topic="not.switchboard")
    # a participant (not the server) sends a perfectly valid pause on the control topic
    await call.customer.room.local_participant.publish_data(
        b'{"v":1,"type":"pause","by":"mallory"}', reliable=True, topic="switchboard.control")
    expected = {"ignored.unknown_type": 1, "ignored.oversized_text": 1, "ignored.guide_without_text": 1,
                "ignored.not_json": 1, "ignored.not_an_object": 1, "ignored.oversized": 1,
                "ignored.wrong_room": 1, "ignored.other_topic": 1, "ignored.from_participant": 1}
    control = call.supervision.control_stats
    await wait_for(lambda: all(control.get(k) == v for k, v in expected.items()), 20,
                   "every bad input counted (%s)" % dict(control))
    assert not any(k.startswith("applied.") for k in control), dict(control)
    assert call.supervision.paused is False
    # and the call goes on
    await call.wait_listening()
    await call.customer.say(3)
    await call.wait_agent_line("I heard: %s." % PHRASES[3])


async def test_guide_through_the_tcp_bridge_fallback_from_a_supervisor_action(livekit_server, switchboard):
    """No room data at all: a supervisor's REST guide reaches the agent over the TCP event-bus bridge."""
    call = Call(livekit_server, switchboard)
    await call.start(bridge_port=switchboard.bridge_port, bridge_host="127.0.0.1")
    try:
        await wait_for(lambda: call.supervision._bridge.connected.is_set(), 20, "bridge registered")
        await call.wait_listening()
        reply = await asyncio.to_thread(switchboard.supervisor_action, call.room_name, "guide",
                                        {"text": "offer a free month of service"})
        assert reply["ok"] is True
        await call.wait_agent_line("Good news: I can offer you a free month of service.")
        assert call.supervision.stats["control"]["applied.guide"] == 1
        assert not call.supervision._bridge.errors
    finally:
        await call.close()


async def test_supervisor_speech_during_takeover_is_attributed_and_kept(call: Call):
    await call.wait_listening()
    await call.control("pause")
    await call.wait_for_state("paused")
    llm_calls, tts_calls = len(call.llm.calls), len(call.tts.texts)
    # the supervisor joins with Switchboard's speak identity and talks to the customer
    supervisor = await Customer.join(call.livekit.url, token("supervisor_sue", call.room_name))
    try:
        await wait_for(lambda: call.supervision._supervisor_speech._tasks, 20, "supervisor track transcribed")
        await supervisor.say(7)
        await wait_for(lambda: any(l.get("role") == "supervisor" and l.get("text") == PHRASES[7]
                                   for l in call.history_lines()), 30, "the supervisor's line")
        sent = [e["data"] for e in call.supervision.sender.recent
                if e["event_type"] == "transcript" and e["data"]["role"] == "supervisor"]
        assert [d["final"] for d in sent][-1] is True and len(sent) >= 2  # interim, then final
        # the agent's context knows what the human said; the customer's STT did not take it as the customer
        await wait_for(lambda: any(getattr(m, "role", None) == "assistant" and m.text_content == PHRASES[7]
                                   for m in call.session.current_agent.chat_ctx.items), 10, "kept in context")
        assert not any(l.get("role") == "user" and l.get("text") == PHRASES[7] for l in call.history_lines())
        assert len(call.llm.calls) == llm_calls and len(call.tts.texts) == tts_calls
    finally:
        await supervisor.leave()
    await call.control("resume")
    await wait_for(lambda: len(call.llm.calls) > llm_calls, 20, "the hand-back reply")
    assert any(getattr(m, "role", None) == "assistant" and m.text_content == PHRASES[7]
               for m in call.llm.calls[llm_calls].chat_ctx.items)


def tool_agent(example):
    class Disputes(Agent):
        def __init__(self) -> None:
            super().__init__(instructions="You are Dana, the disputes specialist.")

        async def on_enter(self) -> None:
            self.session.generate_reply(instructions="Introduce yourself as the disputes specialist.")

    class ToolAria(example.Aria):
        @function_tool
        async def lookup_account(self, context: RunContext, account: str) -> dict:
            """Looks up a customer's account by its number."""
            return {"account": account, "status": "active"}

        @function_tool
        async def transfer_to_disputes(self, context: RunContext, reason: str) -> Agent:
            """Hands the call to the disputes specialist."""
            return Disputes()

    return ToolAria


async def test_tool_calls_and_handoffs_are_reported_and_the_pause_gate_follows_the_new_agent(
        livekit_server, switchboard):
    call = Call(livekit_server, switchboard, agent_class=tool_agent)
    await call.start()
    try:
        await call.wait_listening()
        await call.customer.say(5)
        await call.wait_agent_line("Your account 77 is active.")
        tools = [e["data"] for e in call.supervision.sender.recent if e["event_type"] == "tool_call"]
        assert tools == [{"name": "lookup_account", "args": {"account": "77"},
                          "result": {"account": "77", "status": "active"}}], tools

        await call.wait_listening()
        await call.customer.say(7)
        await call.wait_agent_line("This is Dana from disputes, I will look into that charge.")
        debug = [e["data"] for e in call.supervision.sender.recent if e["event_type"] == "debug"]
        assert any(d["kind"] == "handoff" for d in debug), debug
        assert type(call.session.current_agent).__name__ == "Disputes"

        # paused after the handoff: the new agent is gated too
        await call.wait_listening()
        await call.control("pause")
        await call.wait_for_state("paused")
        llm_calls = len(call.llm.calls)
        await call.customer.say(3)
        await call.wait_user_line(PHRASES[3])
        await wait_for(lambda: any(getattr(m, "role", None) == "user" and m.text_content == PHRASES[3]
                                   for m in call.session.current_agent.chat_ctx.items)
                       or len(call.llm.calls) > llm_calls, 20, "the takeover turn processed")
        assert len(call.llm.calls) == llm_calls, [c.reply for c in call.llm.calls[llm_calls:]]
        assert await call.supervision.sender.flush(5) and call.supervision.sender.stats.rejected == 0
    finally:
        await call.close()
