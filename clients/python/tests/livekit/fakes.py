"""Deterministic local STT, LLM and TTS built on the framework's own plugin interfaces, and a
customer participant that talks into a real LiveKit room.

Speech is real audio: the customer "says" phrase k of PHRASES by sending a tone of
``tone_hz(k)`` through its published microphone track; FakeSTT hears the tone in the frames the
AgentSession forwards (Opus, resampled), decodes the phrase from its frequency, reveals it word
by word as interim transcripts while the tone lasts and finalises it on silence. No network, no
model: every provider counts its calls so a test can prove "zero LLM/TTS calls while paused".
"""

from __future__ import annotations

import ast
import asyncio
import json
import math
import time
import uuid
from dataclasses import dataclass, field

import numpy as np
from livekit import rtc
from livekit.agents import APIConnectOptions, llm, stt, tts, vad
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN, NotGivenOr

PHRASES = [
    "hello I need help with my bill",  # 0
    "I was charged twice this month",  # 1
    "can you check my account please",  # 2
    "yes that is correct",  # 3
    "thank you very much",  # 4
    "my account number is seven seven",  # 5
    "okay I understand now",  # 6
    "the charge was on Monday",  # 7
]
WORD_SECONDS = 0.22


def tone_hz(index: int) -> float:
    return 500.0 + 250.0 * index


def phrase_for(freq: float) -> int | None:
    index = round((freq - 500.0) / 250.0)
    return index if 0 <= index < len(PHRASES) and abs(freq - tone_hz(index)) < 90 else None


# ---- STT ------------------------------------------------------------------------------------

class FakeSTT(stt.STT):
    def __init__(self) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=True, interim_results=True))
        self.finals: list[str] = []
        self.interims: list[str] = []
        self.streams = 0

    @property
    def model(self) -> str:
        return "tone-phrasebook"

    @property
    def provider(self) -> str:
        return "switchboard-tests"

    async def _recognize_impl(self, buffer, *, language=NOT_GIVEN, conn_options=DEFAULT_API_CONNECT_OPTIONS):
        raise NotImplementedError("streaming only")

    def stream(self, *, language: NotGivenOr[str] = NOT_GIVEN,
               conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) -> stt.RecognizeStream:
        self.streams += 1
        return _ToneStream(stt=self, conn_options=conn_options)


class _ToneStream(stt.RecognizeStream):
    RATE = 16000
    LOUD = 600.0  # RMS of int16 samples that counts as speech
    SILENCE_END = 0.18  # seconds of silence that end an utterance

    def __init__(self, *, stt: FakeSTT, conn_options: APIConnectOptions) -> None:
        super().__init__(stt=stt, conn_options=conn_options, sample_rate=self.RATE)
        self._fake = stt

    async def _run(self) -> None:
        speaking = False
        samples: list[np.ndarray] = []
        silence = 0.0
        voiced = 0.0
        shown_words = 0
        index: int | None = None
        request_id = uuid.uuid4().hex[:8]
        async for frame in self._input_ch:
            if isinstance(frame, self._FlushSentinel):
                continue
            pcm = np.frombuffer(frame.data, dtype=np.int16).astype(np.float32)
            duration = frame.samples_per_channel / frame.sample_rate
            loud = pcm.size > 0 and float(np.sqrt(np.mean(pcm * pcm))) > self.LOUD
            if loud:
                if not speaking:
                    speaking, samples, voiced, shown_words, index = True, [], 0.0, 0, None
                    self._event_ch.send_nowait(stt.SpeechEvent(type=stt.SpeechEventType.START_OF_SPEECH,
                                                               request_id=request_id))
                silence = 0.0
                voiced += duration
                samples.append(pcm)
                if index is None and voiced >= 0.12:
                    index = phrase_for(_frequency(np.concatenate(samples), frame.sample_rate))
                if index is not None:
                    words = PHRASES[index].split()
                    due = min(len(words) - 1, int(voiced / WORD_SECONDS))
                    if due > shown_words:
                        shown_words = due
                        text = " ".join(words[:shown_words])
                        self._fake.interims.append(text)
                        self._event_ch.send_nowait(stt.SpeechEvent(
                            type=stt.SpeechEventType.INTERIM_TRANSCRIPT, request_id=request_id,
                            alternatives=[stt.SpeechData(language="en", text=text, confidence=0.6)]))
            elif speaking:
                silence += duration
                if silence >= self.SILENCE_END:
                    speaking = False
                    if index is None and samples:
                        index = phrase_for(_frequency(np.concatenate(samples), frame.sample_rate))
                    text = PHRASES[index] if index is not None else ""
                    if text:
                        self._fake.finals.append(text)
                        self._event_ch.send_nowait(stt.SpeechEvent(
                            type=stt.SpeechEventType.FINAL_TRANSCRIPT, request_id=request_id,
                            alternatives=[stt.SpeechData(language="en", text=text, confidence=0.95)]))
                    self._event_ch.send_nowait(stt.SpeechEvent(type=stt.SpeechEventType.END_OF_SPEECH,
                                                               request_id=request_id))
                    self._event_ch.send_nowait(stt.SpeechEvent(
                        type=stt.SpeechEventType.RECOGNITION_USAGE, request_id=request_id,
                        recognition_usage=stt.RecognitionUsage(audio_duration=voiced)))
                    request_id = uuid.uuid4().hex[:8]


def _frequency(pcm: np.ndarray, rate: int) -> float:
    """The dominant frequency (FFT peak), robust to the codec's noise."""
    spectrum = np.abs(np.fft.rfft(pcm * np.hanning(pcm.size)))
    spectrum[:5] = 0  # no DC
    return float(np.argmax(spectrum)) * rate / pcm.size


# ---- VAD ------------------------------------------------------------------------------------

class FakeVAD(vad.VAD):
    """Energy VAD: speech while frames are loud, its end after 0.25 s of silence."""

    def __init__(self) -> None:
        super().__init__(capabilities=vad.VADCapabilities(update_interval=0.05))

    @property
    def model(self) -> str:
        return "energy"

    @property
    def provider(self) -> str:
        return "switchboard-tests"

    def stream(self) -> vad.VADStream:
        return _EnergyVADStream(self)


class _EnergyVADStream(vad.VADStream):
    SILENCE_END = 0.25

    async def _main_task(self) -> None:
        speaking = False
        speech = silence = 0.0
        samples = 0
        async for frame in self._input_ch:
            if isinstance(frame, self._FlushSentinel):
                speaking, speech, silence = False, 0.0, 0.0
                continue
            pcm = np.frombuffer(frame.data, dtype=np.int16).astype(np.float32)
            duration = frame.samples_per_channel / frame.sample_rate
            samples += frame.samples_per_channel
            loud = pcm.size > 0 and float(np.sqrt(np.mean(pcm * pcm))) > _ToneStream.LOUD

            def event(kind: vad.VADEventType, **kw: object) -> vad.VADEvent:
                return vad.VADEvent(type=kind, samples_index=samples, timestamp=time.time(),
                                    speech_duration=speech, silence_duration=silence, frames=[frame],
                                    probability=1.0 if loud else 0.0, speaking=speaking, **kw)

            if loud:
                silence = 0.0
                speech += duration
                if not speaking:
                    speaking = True
                    self._event_ch.send_nowait(event(vad.VADEventType.START_OF_SPEECH))
            elif speaking:
                silence += duration
                if silence >= self.SILENCE_END:
                    speaking = False
                    self._event_ch.send_nowait(event(vad.VADEventType.END_OF_SPEECH))
                    speech = 0.0
            self._event_ch.send_nowait(event(vad.VADEventType.INFERENCE_DONE))


# ---- LLM ------------------------------------------------------------------------------------

GREETING = "Hello, this is Aria from billing. How can I help you today?"


TOOL_LINES = {  # customer phrase -> the tool the fake model calls for it (when the agent has it)
    "my account number is seven seven": ("lookup_account", {"account": "77"}),
    "the charge was on Monday": ("transfer_to_disputes", {"reason": "charge on Monday"}),
}


def fake_reply(chat_ctx: llm.ChatContext, tool_names: set[str] = frozenset()) -> str | llm.FunctionToolCall:
    """The fake model's whole mind: a tool result, the turn's extra instructions, else the last user line."""
    tail = chat_ctx.items[-1] if chat_ctx.items else None
    if isinstance(tail, llm.FunctionCallOutput):
        result = ast.literal_eval(tail.output) if tail.output.startswith("{") else {}  # str(dict) of the tool
        if tail.name == "lookup_account":
            return "Your account %s is %s." % (result.get("account"), result.get("status"))
        return "Done."
    messages = [m for m in chat_ctx.items if isinstance(m, llm.ChatMessage)]
    if isinstance(tail, llm.ChatMessage) and tail.role == "user" and tail.text_content in TOOL_LINES:
        name, args = TOOL_LINES[tail.text_content]
        if name in tool_names:
            return llm.FunctionToolCall(name=name, arguments=json.dumps(args), call_id="call-" + uuid.uuid4().hex[:8])
    last = messages[-1] if messages else None
    if last is not None and last.role == "system" and len(messages) > 1:
        text = last.text_content or ""
        if "<supervisor_instruction>" in text:
            instruction = text.split("<supervisor_instruction>")[1].split("</supervisor_instruction>")[0].strip()
            if instruction.lower().startswith("offer "):
                return "Good news: I can offer you %s." % instruction[6:].rstrip(".")
            return "One moment: %s." % instruction.rstrip(".")
        if "back on the call" in text:
            users = [m.text_content for m in messages if m.role == "user"]
            return "Thanks for your patience. Picking up where we are: %s." % (users[-1] if users else "your request")
        if "disputes specialist" in text:
            return "This is Dana from disputes, I will look into that charge."
        if "goodbye" in text.lower():
            return "Thank you for calling, goodbye."
        if "greet" in text.lower():
            return GREETING
    users = [m for m in messages if m.role == "user"]
    if not users:
        return GREETING
    return "I heard: %s." % users[-1].text_content


@dataclass
class LlmCall:
    at: float
    chat_ctx: llm.ChatContext
    reply: str


class FakeLLM(llm.LLM):
    def __init__(self, *, token_delay: float = 0.01) -> None:
        super().__init__()
        self.calls: list[LlmCall] = []
        self.token_delay = token_delay

    @property
    def model(self) -> str:
        return "fake-llm"

    @property
    def provider(self) -> str:
        return "switchboard-tests"

    def chat(self, *, chat_ctx: llm.ChatContext, tools=None, conn_options=DEFAULT_API_CONNECT_OPTIONS,
             parallel_tool_calls=NOT_GIVEN, tool_choice=NOT_GIVEN, extra_kwargs=NOT_GIVEN) -> llm.LLMStream:
        names = {getattr(t, "id", None) for t in (tools or [])}
        reply = fake_reply(chat_ctx, names)
        self.calls.append(LlmCall(time.monotonic(), chat_ctx.copy(), reply if isinstance(reply, str) else
                                  "tool:%s" % reply.name))
        return _FakeLLMStream(self, reply=reply, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _FakeLLMStream(llm.LLMStream):
    def __init__(self, fake: FakeLLM, *, reply: str, chat_ctx, tools, conn_options) -> None:
        super().__init__(fake, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)
        self._reply = reply
        self._delay = fake.token_delay

    async def _run(self) -> None:
        request_id = "req-" + uuid.uuid4().hex[:8]
        if isinstance(self._reply, llm.FunctionToolCall):
            await asyncio.sleep(self._delay)
            self._event_ch.send_nowait(llm.ChatChunk(
                id=request_id, delta=llm.ChoiceDelta(role="assistant", tool_calls=[self._reply])))
            return
        for i, word in enumerate(self._reply.split(" ")):
            await asyncio.sleep(self._delay)
            self._event_ch.send_nowait(llm.ChatChunk(
                id=request_id, delta=llm.ChoiceDelta(role="assistant", content=(word if i == 0 else " " + word))))
        self._event_ch.send_nowait(llm.ChatChunk(
            id=request_id, usage=llm.CompletionUsage(completion_tokens=len(self._reply.split()),
                                                     prompt_tokens=10, total_tokens=10 + len(self._reply.split()))))


# ---- TTS ------------------------------------------------------------------------------------

class FakeTTS(tts.TTS):
    RATE = 24000
    SECONDS_PER_CHAR = 0.012

    def __init__(self) -> None:
        super().__init__(capabilities=tts.TTSCapabilities(streaming=False), sample_rate=self.RATE, num_channels=1)
        self.texts: list[str] = []

    @property
    def model(self) -> str:
        return "fake-tts"

    @property
    def provider(self) -> str:
        return "switchboard-tests"

    def synthesize(self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) -> tts.ChunkedStream:
        self.texts.append(text)
        return _FakeChunkedStream(tts=self, input_text=text, conn_options=conn_options)


class _FakeChunkedStream(tts.ChunkedStream):
    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        seconds = min(2.0, max(0.2, len(self._input_text) * FakeTTS.SECONDS_PER_CHAR))
        n = int(FakeTTS.RATE * seconds)
        t = np.arange(n) / FakeTTS.RATE
        pcm = (3000 * np.sin(2 * math.pi * 220 * t)).astype(np.int16)
        output_emitter.initialize(request_id=uuid.uuid4().hex[:8], sample_rate=FakeTTS.RATE, num_channels=1,
                                  mime_type="audio/pcm")
        await asyncio.sleep(0.02)
        output_emitter.push(pcm.tobytes())
        output_emitter.flush()


# ---- the customer ---------------------------------------------------------------------------

@dataclass
class Customer:
    """A participant that publishes a microphone track fed in real time (silence between lines)."""

    room: rtc.Room
    source: rtc.AudioSource
    rate: int = 48000
    _speech: asyncio.Queue = field(default_factory=asyncio.Queue)
    _task: asyncio.Task | None = None
    said: list[str] = field(default_factory=list)

    @classmethod
    async def join(cls, url: str, token: str) -> "Customer":
        room = rtc.Room()
        await room.connect(url, token)
        source = rtc.AudioSource(48000, 1)
        track = rtc.LocalAudioTrack.create_audio_track("microphone", source)
        opts = rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
        await room.local_participant.publish_track(track, opts)
        me = cls(room=room, source=source)
        me._task = asyncio.get_running_loop().create_task(me._feed())
        return me

    async def say(self, index: int) -> None:
        """Speaks phrase ``index``; returns when the last voiced frame was sent."""
        done = asyncio.get_running_loop().create_future()
        self.said.append(PHRASES[index])
        await self._speech.put((index, done))
        await done

    async def _feed(self) -> None:
        frame_samples = self.rate // 100  # 10 ms
        silence = np.zeros(frame_samples, dtype=np.int16)
        start = time.monotonic()
        sent = 0
        phase = 0
        while True:
            pcm = silence
            job = None
            if not self._speech.empty():
                job = self._speech.get_nowait()
            frames = [silence]
            if job is not None:
                index, _ = job
                freq = tone_hz(index)
                total = int(len(PHRASES[index].split()) * WORD_SECONDS * 100) + 10
                frames = []
                for _ in range(total):
                    t = (phase + np.arange(frame_samples)) / self.rate
                    frames.append((8000 * np.sin(2 * math.pi * freq * t)).astype(np.int16))
                    phase += frame_samples
            for pcm in frames:
                frame = rtc.AudioFrame(pcm.tobytes(), self.rate, 1, frame_samples)
                await self.source.capture_frame(frame)
                sent += 1
                ahead = start + sent * 0.01 - time.monotonic()
                if ahead > 0:
                    await asyncio.sleep(ahead)
            if job is not None and not job[1].done():
                job[1].set_result(None)

    async def leave(self) -> None:
        if self._task is not None:
            self._task.cancel()
        await self.room.disconnect()
