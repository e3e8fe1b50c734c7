"""Audible demo: N real LiveKit rooms, each with a scripted customer who speaks its scenario's lines
(espeak-ng) and a supervised AgentSession that answers (espeak-ng, another voice).

    python -m switchboard_livekit.demo --calls 3 --scenarios modules/agent-pipeline/src/main/resources/scenarios

Environment: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, SWITCHBOARD_URL, SWITCHBOARD_API_KEY
(and SWITCHBOARD_BRIDGE_PORT for the bridge fallback). Calls restart when they end, until
Ctrl-C (or after one round with --once). A supervisor listens, takes over and hands back from the
dashboard: the agent obeys through switchboard_livekit.attach.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import signal
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
from livekit import api, rtc
from livekit.agents import Agent, AgentSession

import switchboard_livekit as switchboard

from .providers import ESPEAK_RATE, EspeakTTS, ScriptedLLM, ScriptedSTT, espeak, fill, load_scenarios

LOG = logging.getLogger("switchboard_livekit.demo")
RATE = 48000


def token(key: str, secret: str, identity: str, room: str, *, agent: bool = False, name: str | None = None) -> str:
    tok = (api.AccessToken(key, secret).with_identity(identity).with_name(name or identity)
           .with_grants(api.VideoGrants(room_join=True, room=room, can_publish=True, can_subscribe=True,
                                        can_publish_data=True)))
    return (tok.with_kind("agent") if agent else tok).to_jwt()


def to_48k(pcm: np.ndarray) -> np.ndarray:
    n = int(len(pcm) * RATE / ESPEAK_RATE)
    return np.interp(np.linspace(0, len(pcm) - 1, n), np.arange(len(pcm)), pcm.astype(np.float32)).astype(np.int16)


class Microphone:
    """A published track fed in real time: silence, or whatever ``speak`` queues."""

    def __init__(self, room: rtc.Room) -> None:
        self.room = room
        self.source = rtc.AudioSource(RATE, 1)
        self._queue: asyncio.Queue[tuple[np.ndarray, asyncio.Future[None]]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def publish(self) -> None:
        track = rtc.LocalAudioTrack.create_audio_track("microphone", self.source)
        await self.room.local_participant.publish_track(
            track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE))
        self._task = asyncio.get_running_loop().create_task(self._feed())

    async def speak(self, pcm: np.ndarray) -> None:
        done = asyncio.get_running_loop().create_future()
        await self._queue.put((pcm, done))
        await done

    async def _feed(self) -> None:
        step = RATE // 100
        silence = np.zeros(step, dtype=np.int16)
        start, sent = time.monotonic(), 0
        while True:
            chunk, done = (self._queue.get_nowait() if not self._queue.empty() else (silence, None))
            for i in range(0, len(chunk), step):
                part = chunk[i:i + step]
                if len(part) < step:
                    part = np.concatenate([part, np.zeros(step - len(part), dtype=np.int16)])
                await self.source.capture_frame(rtc.AudioFrame(part.tobytes(), RATE, 1, step))
                sent += 1
                ahead = start + sent * 0.01 - time.monotonic()
                if ahead > 0:
                    await asyncio.sleep(ahead)
            if done is not None and not done.done():
                done.set_result(None)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


async def run_call(args: argparse.Namespace, scenario: dict[str, Any], index: int) -> dict[str, Any]:
    customer = random.choice(scenario.get("customers") or ["Alex Customer"])
    room_name = "%s%s-%s" % (args.room_prefix, scenario["id"].replace("_", "-"), uuid.uuid4().hex[:6])
    lines = [fill(t["customer"], customer) for t in scenario.get("turns", [])]
    language = scenario.get("language", "en")
    voice = "ms" if language == "ms" else "en"

    customer_room = rtc.Room()
    await customer_room.connect(args.livekit_url, token(args.livekit_key, args.livekit_secret, "customer-%d" % index,
                                                        room_name, name=customer))
    mic = Microphone(customer_room)
    await mic.publish()

    agent_room = rtc.Room()
    await agent_room.connect(args.livekit_url, token(args.livekit_key, args.livekit_secret, "agent-%s" % scenario["agent"],
                                                     room_name, agent=True))
    session: AgentSession = AgentSession(stt=ScriptedSTT(lines, language), llm=ScriptedLLM(scenario, customer),
                           tts=EspeakTTS(voice=voice), vad=None,
                           turn_handling={"turn_detection": "stt", "endpointing": {"min_delay": 0.3, "max_delay": 2.0}},
                           user_away_timeout=None, aec_warmup_duration=None)
    closed = asyncio.Event()
    session.on("close", lambda _ev: closed.set())
    replies = [0]

    def on_item(ev: Any) -> None:
        if getattr(ev.item, "role", None) == "assistant":
            replies[0] += 1

    session.on("conversation_item_added", on_item)
    await session.start(agent=Agent(instructions=scenario.get("system_prompt", "You are a helpful agent.")),
                        room=agent_room)
    supervision = await switchboard.attach(session, agent_room, url=args.switchboard_url, api_key=args.agent_key,
                                           agent=scenario["agent"], customer=customer, language=language,
                                           metadata={"scenario": scenario["id"], "demo": True})
    greeting = session.generate_reply(instructions="Greet the caller.")
    LOG.info(json.dumps({"msg": "demo call started", "room": room_name, "scenario": scenario["id"]}))

    async def idle() -> None:
        while not closed.is_set():
            if session.agent_state == "listening" and session.current_speech is None and not supervision.paused:
                return
            await asyncio.sleep(0.1)

    try:
        await asyncio.wait_for(greeting.wait_for_playout(), 30)
        for line in lines:
            await idle()
            await asyncio.sleep(0.8)
            if closed.is_set():
                break
            answered = replies[0]
            await mic.speak(to_48k(await espeak(line, voice="%s+f3" % voice, speed=170)))
            # the customer waits for the answer (or for a supervisor who took over to hand back)
            deadline = time.monotonic() + 30
            while replies[0] == answered and not closed.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
        await idle()
        await asyncio.sleep(1.5)
        if not closed.is_set():
            session.shutdown(drain=True)
        await asyncio.wait_for(closed.wait(), 30)
    finally:
        mic.stop()
        stats = supervision.stats
        await supervision.aclose(3.0)
        await customer_room.disconnect()
        await agent_room.disconnect()
        try:
            async with api.LiveKitAPI(args.livekit_url.replace("ws", "http", 1), args.livekit_key, args.livekit_secret) as lk:
                await lk.room.delete_room(api.DeleteRoomRequest(room=room_name))
        except Exception:
            pass
    LOG.info(json.dumps({"msg": "demo call ended", "room": room_name, "events": stats["events"]}))
    return {"room": room_name, **stats}


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m switchboard_livekit.demo", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--calls", type=int, default=3, help="concurrent calls (default 3)")
    p.add_argument("--scenarios", type=Path, default=Path(os.environ.get(
        "SWITCHBOARD_SCENARIOS", "modules/agent-pipeline/src/main/resources/scenarios")))
    p.add_argument("--once", action="store_true", help="one call per slot, then exit")
    p.add_argument("--room-prefix", default="demo-")
    p.add_argument("--livekit-url", default=os.environ.get("LIVEKIT_URL", "ws://127.0.0.1:7880"))
    p.add_argument("--livekit-key", default=os.environ.get("LIVEKIT_API_KEY", "devkey"))
    p.add_argument("--livekit-secret", default=os.environ.get("LIVEKIT_API_SECRET", ""))
    p.add_argument("--switchboard-url", default=os.environ.get("SWITCHBOARD_URL", "http://127.0.0.1:8080"))
    p.add_argument("--agent-key", default=os.environ.get("SWITCHBOARD_API_KEY", "demo-agent-key"))
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scenarios = [s for s in load_scenarios(args.scenarios) if s.get("turns")]
    if not scenarios:
        raise SystemExit("no scenarios in %s" % args.scenarios)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    async def slot(i: int) -> None:
        n = 0
        while not stop.is_set():
            scenario = scenarios[(i + n) % len(scenarios)]
            n += 1
            try:
                await run_call(args, scenario, i)
            except Exception:
                LOG.exception("demo call failed")
                await asyncio.sleep(2)
            if args.once:
                return
            await asyncio.sleep(2)

    tasks = [loop.create_task(slot(i)) for i in range(args.calls)]
    waiter = loop.create_task(stop.wait())
    await asyncio.wait([waiter, loop.create_task(asyncio.wait(tasks))], return_when=asyncio.FIRST_COMPLETED)
    for t in tasks:
        t.cancel()
    waiter.cancel()
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
