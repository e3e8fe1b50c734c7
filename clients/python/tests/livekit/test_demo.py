"""The audible demo's call (espeak-ng voices, scripted providers) in a real room."""

from __future__ import annotations

import argparse
import shutil

import pytest

from switchboard_livekit.demo.__main__ import run_call

from .conftest import AGENT_KEY, LIVEKIT_KEY, LIVEKIT_SECRET, wait_for

SCENARIO = {
    "id": "demo_smoke", "language": "en", "agent": "aria-demo", "customers": ["Siti Aminah"],
    "system_prompt": "You are Aria.",
    "greeting": "Thank you for calling, this is Aria.",
    "turns": [
        {"customer": "Hi, I am {customer}. My internet is down.", "agent": "Sorry {customer}, let me check the line."},
        {"customer": "Thank you, that is all.", "agent": "You are welcome. Goodbye."},
    ],
}


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed (apt-get install espeak-ng)")
async def test_a_demo_call_is_spoken_transcribed_and_ends_completed(livekit_server, switchboard):
    args = argparse.Namespace(livekit_url=livekit_server.url, livekit_key=LIVEKIT_KEY, livekit_secret=LIVEKIT_SECRET,
                              switchboard_url=switchboard.url, agent_key=AGENT_KEY, room_prefix="demo-test-")
    result = await run_call(args, SCENARIO, 0)
    await wait_for(lambda: switchboard.history(result["room"])["snapshot"].get("status") == "ended", 20, "call ended")
    history = switchboard.history(result["room"])
    lines = [(l["role"], l["text"]) for l in history["lines"] if l.get("kind") == "transcript"]
    assert lines == [
        ("agent", "Thank you for calling, this is Aria."),
        ("user", "Hi, I am Siti. My internet is down."),
        ("agent", "Sorry Siti, let me check the line."),
        ("user", "Thank you, that is all."),
        ("agent", "You are welcome. Goodbye."),
    ]
    assert history["snapshot"].get("status") == "ended" and history["snapshot"].get("end_reason") == "completed"
    assert result["events"]["rejected"] == 0 and result["events"]["dropped"] == 0
