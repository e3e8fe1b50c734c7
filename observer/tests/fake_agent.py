"""An UNMODIFIED LiveKit Agents voice agent for the tests: a plain ``AgentSession`` with default
options (so the framework's own session host is on) and deterministic local providers that
implement the framework's plugin interfaces — no network, no models. Nothing of Switchboard is
imported here. Run: ``python fake_agent.py <ws url> <token> [--no-session-host]``; it prints ``READY`` once started.

The LLM answers ``Echo: <last user text>``; when the last user message carries a supervisor's
guidance it answers ``Guided: <guidance>`` — so a test sees guidance change the next reply."""

from __future__ import annotations

import asyncio
import signal
import sys
import uuid

from livekit import rtc
from livekit.agents import APIConnectOptions, Agent, AgentSession, function_tool, llm, stt, tts
from livekit.agents.language import LanguageCode
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN

GUIDANCE_MARK = "[Supervisor guidance"


class EchoLLM(llm.LLM):
    def chat(self, *, chat_ctx: llm.ChatContext, tools=None, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
             parallel_tool_calls=None, tool_choice=None, extra_kwargs=None) -> llm.LLMStream:
        return EchoStream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class EchoStream(llm.LLMStream):
    async def _run(self) -> None:
        items = [i for i in self._chat_ctx.items if getattr(i, "type", None) in ("message", "function_call_output")]
        if items and items[-1].type == "function_call_output":
            await asyncio.sleep(0.05)
            self._event_ch.send_nowait(llm.ChatChunk(id=uuid.uuid4().hex, delta=llm.ChoiceDelta(
                role="assistant", content="Your order " + items[-1].output)))
            return
        if items and items[-1].type == "message" and "order status" in (items[-1].text_content or ""):
            # a tool turn: the framework runs lookup_order and calls the LLM again with its output
            self._event_ch.send_nowait(llm.ChatChunk(id=uuid.uuid4().hex, delta=llm.ChoiceDelta(
                role="assistant", tool_calls=[llm.FunctionToolCall(name="lookup_order", arguments='{"order_id": "42"}',
                                                                   call_id="call_" + uuid.uuid4().hex[:8])])))
            return
        last = ""
        for item in reversed(self._chat_ctx.items):
            if getattr(item, "type", None) == "message" and item.role == "user":
                last = item.text_content or ""
                break
        if last.startswith(GUIDANCE_MARK):
            reply = "Guided: " + last.split("] ", 1)[-1]
        else:
            reply = "Echo: " + last
        await asyncio.sleep(0.05)
        self._event_ch.send_nowait(llm.ChatChunk(id=uuid.uuid4().hex, delta=llm.ChoiceDelta(role="assistant", content=reply)))


SPOKEN = "I need help with my bill"


@function_tool
async def lookup_order(order_id: str) -> str:
    """Looks up the status of an order."""
    return f"{order_id} has shipped"


class ScriptedSTT(stt.STT):
    """Hears any non-silent audio as speech: each burst is the utterance SPOKEN, reported as an
    interim transcript ("I need") while the burst lasts and as a final one when it ends."""

    def __init__(self) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=True, interim_results=True))

    async def _recognize_impl(self, buffer, *, language=NOT_GIVEN, conn_options=DEFAULT_API_CONNECT_OPTIONS):  # type: ignore[no-untyped-def]
        raise NotImplementedError("streaming only")

    def stream(self, *, language=NOT_GIVEN, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) -> stt.RecognizeStream:
        return ScriptedStream(stt=self, conn_options=conn_options)


class ScriptedStream(stt.RecognizeStream):
    async def _run(self) -> None:
        voiced = silent = 0
        speaking = False

        def event(kind: stt.SpeechEventType, text: str = "") -> stt.SpeechEvent:
            alts = [stt.SpeechData(language=LanguageCode("en"), text=text, confidence=1.0)] if text else []
            return stt.SpeechEvent(type=kind, alternatives=alts)

        async for frame in self._input_ch:
            if isinstance(frame, self._FlushSentinel):
                continue
            samples = frame.data
            loud = any(abs(samples[i]) > 1000 for i in range(0, len(samples), 40))
            if loud:
                voiced, silent = voiced + 1, 0
                if not speaking and voiced >= 3:
                    speaking = True
                    self._event_ch.send_nowait(event(stt.SpeechEventType.START_OF_SPEECH))
                if speaking and voiced == 20:
                    self._event_ch.send_nowait(event(stt.SpeechEventType.INTERIM_TRANSCRIPT, "I need"))
            else:
                silent += 1
                if speaking and silent >= 15:
                    speaking, voiced = False, 0
                    self._event_ch.send_nowait(event(stt.SpeechEventType.FINAL_TRANSCRIPT, SPOKEN))
                    self._event_ch.send_nowait(event(stt.SpeechEventType.END_OF_SPEECH))


class SilentTTS(tts.TTS):
    def __init__(self) -> None:
        super().__init__(capabilities=tts.TTSCapabilities(streaming=False), sample_rate=24000, num_channels=1)

    def synthesize(self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS) -> tts.ChunkedStream:
        return SilentStream(tts=self, input_text=text, conn_options=conn_options)


class SilentStream(tts.ChunkedStream):
    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        output_emitter.initialize(request_id=uuid.uuid4().hex, sample_rate=24000, num_channels=1, mime_type="audio/pcm")
        # 20 ms of silence per 2 characters, at most 0.6 s: long enough to be "speaking"
        ms = min(600, 20 * max(1, len(self._input_text) // 2))
        output_emitter.push(b"\x00\x00" * (24 * ms))
        output_emitter.flush()


async def main(url: str, token: str, host: bool) -> None:
    room = rtc.Room()
    await room.connect(url, token)
    session = AgentSession(stt=ScriptedSTT(), llm=EchoLLM(), tts=SilentTTS())
    # session_host=False stands for an agent the observer cannot follow (an older framework or one
    # that opted out); by default the framework hosts the remote session
    await session.start(Agent(instructions="You are a helpful support agent.", tools=[lookup_order]), room=room,
                        **({} if host else {"session_host": False}))
    print("READY", flush=True)
    done = asyncio.Event()
    room.on("disconnected", lambda *_: done.set())
    # SIGTERM = the job ends: leave the room like a worker's job does (kill -9 would leave a ghost
    # that LiveKit drops only after its connection times out)
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, lambda: asyncio.ensure_future(room.disconnect()))
    await done.wait()
    await session.aclose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], "--no-session-host" not in sys.argv[3:]))
