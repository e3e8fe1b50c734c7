"""A real AgentSession in a real LiveKit room, supervised by a real Switchboard."""

from __future__ import annotations

import pytest

from .fakes import GREETING, PHRASES
from .harness import Call


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
    assert call.supervision.sender.stats.sent == call.supervision.sender.stats.queued
