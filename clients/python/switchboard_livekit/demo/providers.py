"""Scripted providers for the audible demo: a scenario's lines, spoken with espeak-ng.

- ``ScriptedSTT`` hears utterances (audio energy) and transcribes the k-th one as the scenario's
  k-th customer line, word by word while it lasts: the demo needs no speech model.
- ``ScriptedLLM`` answers with the scenario's agent lines, its ``guide_reply`` / ``handback`` for
  supervisor control and a goodbye for ``end``.
- ``EspeakTTS`` synthesises locally with espeak-ng (Debian package ``espeak-ng``).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import numpy as np
from livekit.agents import APIConnectOptions, llm, stt, tts
from livekit.agents.language import LanguageCode
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN, NotGivenOr

ESPEAK_RATE = 22050


def load_scenarios(directory: Path) -> list[dict[str, Any]]:
    names = json.loads((directory / "index.json").read_text())
    out = []
    for name in names:
        path = directory / name
        if path.is_file():
            out.append(json.loads(path.read_text()))
    return out


def fill(text: str, customer: str) -> str:
    return text.replace("{customer}", customer.split()[0])


async def espeak(text: str, voice: str = "en", speed: int = 165) -> np.ndarray:
    """16-bit mono PCM at 22050 Hz."""
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is required for the demo (apt-get install espeak-ng)")
    proc = await asyncio.create_subprocess_exec(
        "espeak-ng", "--stdout", "-v", voice, "-s", str(speed), text,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    wav, _ = await proc.communicate()
    at = wav.find(b"data")
    pcm = wav[at + 8:] if at >= 0 else wav[44:]
    return np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype=np.int16)


class ScriptedSTT(stt.STT):
    def __init__(self, lines: list[str], language: str = "en") -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=True, interim_results=True))
        self.lines = lines
        self.language = language
        self.heard = 0

    async def _recognize_impl(self, buffer: Any, *, language: Any = NOT_GIVEN,
                              conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) -> stt.SpeechEvent:
        raise NotImplementedError("streaming only")

    def stream(self, *, language: NotGivenOr[str] = NOT_GIVEN,
               conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) -> stt.RecognizeStream:
        return _UtteranceStream(self, conn_options)

    def next_line(self) -> str:
        line = self.lines[self.heard] if self.heard < len(self.lines) else "Okay."
        self.heard += 1
        return line


class _UtteranceStream(stt.RecognizeStream):
    LOUD = 300.0
    SILENCE_END = 0.6  # espeak pauses between words and sentences

    def __init__(self, owner: ScriptedSTT, conn_options: APIConnectOptions) -> None:
        super().__init__(stt=owner, conn_options=conn_options, sample_rate=16000)
        self._owner = owner

    async def _run(self) -> None:
        speaking, voiced, silence, shown = False, 0.0, 0.0, 0
        line = ""
        async for frame in self._input_ch:
            if isinstance(frame, self._FlushSentinel):
                continue
            pcm = np.frombuffer(frame.data, dtype=np.int16).astype(np.float32)
            duration = frame.samples_per_channel / frame.sample_rate
            loud = pcm.size > 0 and float(np.sqrt(np.mean(pcm * pcm))) > self.LOUD
            lang = LanguageCode(self._owner.language)
            if loud:
                if not speaking:
                    speaking, voiced, shown, line = True, 0.0, 0, self._owner.next_line()
                    self._event_ch.send_nowait(stt.SpeechEvent(type=stt.SpeechEventType.START_OF_SPEECH))
                silence = 0.0
                voiced += duration
                words = line.split()
                due = min(len(words) - 1, int(voiced / 0.3))
                if due > shown:
                    shown = due
                    self._event_ch.send_nowait(stt.SpeechEvent(
                        type=stt.SpeechEventType.INTERIM_TRANSCRIPT,
                        alternatives=[stt.SpeechData(language=lang, text=" ".join(words[:shown]))]))
            elif speaking:
                silence += duration
                if silence >= self.SILENCE_END:
                    speaking = False
                    self._event_ch.send_nowait(stt.SpeechEvent(
                        type=stt.SpeechEventType.FINAL_TRANSCRIPT,
                        alternatives=[stt.SpeechData(language=lang, text=line, confidence=0.9)]))
                    self._event_ch.send_nowait(stt.SpeechEvent(type=stt.SpeechEventType.END_OF_SPEECH))


class ScriptedLLM(llm.LLM):
    def __init__(self, scenario: dict[str, Any], customer: str) -> None:
        super().__init__()
        self.scenario = scenario
        self.customer = customer
        self.answered = 0

    def reply_for(self, chat_ctx: llm.ChatContext) -> str:
        messages = [m for m in chat_ctx.items if isinstance(m, llm.ChatMessage)]
        last = messages[-1] if messages else None
        sc = self.scenario
        if last is not None and last.role == "system" and len(messages) > 1:
            text = last.text_content or ""
            if "<supervisor_instruction>" in text:
                instruction = text.split("<supervisor_instruction>")[1].split("</supervisor_instruction>")[0].strip()
                return fill(sc.get("guide_reply", "Let me help with that: {instruction}").replace(
                    "{instruction}", instruction), self.customer)
            if "back on the call" in text:
                return fill(sc.get("handback", "Thanks for waiting. Where were we?"), self.customer)
            if "goodbye" in text.lower():
                return "Thank you for calling. Goodbye."
            if "greet" in text.lower():
                return fill(sc["greeting"], self.customer)
        turns = sc.get("turns", [])
        if self.answered < len(turns):
            reply = turns[self.answered]["agent"]
            self.answered += 1
            return fill(reply, self.customer)
        return fill(sc.get("fallback", "Is there anything else I can help with?"), self.customer)

    def chat(self, *, chat_ctx: llm.ChatContext, tools: Any = None,
             conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS, parallel_tool_calls: Any = NOT_GIVEN,
             tool_choice: Any = NOT_GIVEN, extra_kwargs: Any = NOT_GIVEN) -> llm.LLMStream:
        return _TextStream(self, self.reply_for(chat_ctx), chat_ctx=chat_ctx, tools=tools or [],
                           conn_options=conn_options)


class _TextStream(llm.LLMStream):
    def __init__(self, owner: ScriptedLLM, reply: str, **kw: Any) -> None:
        super().__init__(owner, **kw)
        self._reply = reply

    async def _run(self) -> None:
        rid = uuid.uuid4().hex[:8]
        for i, word in enumerate(self._reply.split(" ")):
            await asyncio.sleep(0.02)
            self._event_ch.send_nowait(llm.ChatChunk(id=rid, delta=llm.ChoiceDelta(
                role="assistant", content=word if i == 0 else " " + word)))


class EspeakTTS(tts.TTS):
    def __init__(self, voice: str = "en") -> None:
        super().__init__(capabilities=tts.TTSCapabilities(streaming=False), sample_rate=ESPEAK_RATE, num_channels=1)
        self.voice = voice

    def synthesize(self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) -> tts.ChunkedStream:
        return _EspeakStream(tts=self, input_text=text, conn_options=conn_options)


class _EspeakStream(tts.ChunkedStream):
    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        assert isinstance(self._tts, EspeakTTS)
        pcm = await espeak(self._input_text, self._tts.voice)
        output_emitter.initialize(request_id=uuid.uuid4().hex[:8], sample_rate=ESPEAK_RATE, num_channels=1,
                                  mime_type="audio/pcm")
        output_emitter.push(pcm.tobytes())
        output_emitter.flush()
