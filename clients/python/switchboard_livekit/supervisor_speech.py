"""Transcribes a supervisor who speaks in the room (after a takeover), with the session's own STT.

The session listens to its linked participant (the customer) only. A supervisor who joins with a
Switchboard speak token has the identity ``supervisor_<user>`` (minted by Switchboard with the
API secret); their audio is transcribed here and reported with ``role: supervisor``, and each final
line is kept in the agent's chat context so the agent knows, on hand-back, what the human said.
Attribution only: nothing a participant says or sends is obeyed as control.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from livekit import rtc
from livekit.agents import stt

if TYPE_CHECKING:
    from .supervision import Supervision

LOG = logging.getLogger("switchboard_livekit")


class SupervisorTranscriber:
    def __init__(self, sup: "Supervision", identity_prefix: str) -> None:
        self._sup = sup
        self._prefix = identity_prefix
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._segment = 0

    def on_track_subscribed(self, track: rtc.Track, _publication: Any, participant: rtc.RemoteParticipant) -> None:
        try:
            if track.kind != rtc.TrackKind.KIND_AUDIO or not participant.identity.startswith(self._prefix):
                return
            engine = self._sup.session.stt
            if engine is None or not engine.capabilities.streaming:
                self._sup.control_stats["supervisor_speech_untranscribed"] += 1
                return
            key = track.sid
            if key in self._tasks:
                return
            task = asyncio.get_running_loop().create_task(self._transcribe(track, engine))
            self._tasks[key] = task
            task.add_done_callback(lambda _t: self._tasks.pop(key, None))
        except Exception:
            LOG.exception("switchboard: supervisor transcription could not start")

    def on_track_unsubscribed(self, track: rtc.Track, _publication: Any, _participant: Any) -> None:
        task = self._tasks.pop(track.sid, None)
        if task is not None:
            task.cancel()

    def close(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()

    async def _transcribe(self, track: rtc.Track, engine: stt.STT) -> None:
        audio = rtc.AudioStream(track, sample_rate=16000, num_channels=1)
        stream = engine.stream()

        async def pump() -> None:
            async for ev in audio:
                stream.push_frame(ev.frame)

        pumping = asyncio.get_running_loop().create_task(pump())
        try:
            async for ev in stream:
                if ev.type not in (stt.SpeechEventType.INTERIM_TRANSCRIPT, stt.SpeechEventType.FINAL_TRANSCRIPT):
                    continue
                text = ev.alternatives[0].text if ev.alternatives else ""
                if not text:
                    continue
                final = ev.type == stt.SpeechEventType.FINAL_TRANSCRIPT
                self._sup._report_supervisor_speech(text, final, "s-%d" % (self._segment + 1))
                if final:
                    self._segment += 1
                    await self._sup._keep_in_context("assistant", text)
        except asyncio.CancelledError:
            raise
        except Exception:
            LOG.exception("switchboard: supervisor transcription failed")
        finally:
            pumping.cancel()
            try:
                await stream.aclose()
                await audio.aclose()
            except Exception:
                pass
