"""Wiring Switchboard into a LiveKit Agents (Python, 1.x) voice agent.

Example code only (not run by the tests). It shows:
  * reporting call events to Switchboard (transcripts with interim -> final segments, agent
    state, metrics, tool calls, call end) through the non-blocking SwitchboardClient;
  * obeying supervisor control from the TCP event-bus bridge:
      guide  -> session.interrupt() + generate_reply(instructions=<supervisor text>)
      pause  -> stop replying (a supervisor took over; no LLM/TTS work while paused)
      resume -> a short hand-back turn, no new greeting
      end    -> close the session

Environment: SWITCHBOARD_URL, SWITCHBOARD_API_KEY, SWITCHBOARD_BRIDGE_HOST/PORT, SWITCHBOARD_AGENT_TOKEN.
"""

import asyncio
import itertools
import os
import sys

from livekit import agents
from livekit.agents import Agent, AgentSession, StopResponse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from switchboard_client import ControlListener, SwitchboardClient  # noqa: E402


class SupervisedAgent(Agent):
    """An agent that stays silent while a supervisor has taken over."""

    def __init__(self):
        super().__init__(instructions="You are Aria, a helpful contact-centre agent.")
        self.paused = False

    async def on_user_turn_completed(self, turn_ctx, new_message):
        if self.paused:
            # the customer is talking to the human supervisor: keep the context, skip LLM + TTS
            raise StopResponse()


async def entrypoint(ctx: agents.JobContext):
    await ctx.connect()
    room = ctx.room.name
    sb = SwitchboardClient(os.environ["SWITCHBOARD_URL"], os.environ["SWITCHBOARD_API_KEY"], room=room)
    agent = SupervisedAgent()
    session = AgentSession()  # configure stt=/llm=/tts=/vad= as usual
    loop = asyncio.get_running_loop()
    segments = itertools.count(1)
    current_segment = {"id": "u-%d" % next(segments)}

    # ---- events to Switchboard ----------------------------------------------------------------
    @session.on("user_input_transcribed")
    def _on_user(ev):
        sb.transcript("user", ev.transcript, final=ev.is_final, segment_id=current_segment["id"])
        if ev.is_final:
            current_segment["id"] = "u-%d" % next(segments)

    @session.on("conversation_item_added")
    def _on_item(ev):
        if ev.item.role == "assistant" and ev.item.text_content:
            sb.transcript("agent", ev.item.text_content, final=True, segment_id="a-%s" % ev.item.id)

    @session.on("agent_state_changed")
    def _on_state(ev):
        sb.agent_state("paused" if agent.paused else ev.new_state)

    @session.on("metrics_collected")
    def _on_metrics(ev):
        m = ev.metrics
        if getattr(m, "ttft", None) is not None:
            sb.metrics(llm_ttft_ms=round(m.ttft * 1000), llm_total_ms=round(m.duration * 1000))
        elif getattr(m, "ttfb", None) is not None:
            sb.metrics(tts_ttfb_ms=round(m.ttfb * 1000), tts_ms=round(m.duration * 1000))

    @session.on("function_tools_executed")
    def _on_tools(ev):
        for call, output in ev.zipped():
            sb.tool_call(call.name, args=call.arguments, result=output.output if output else None)

    # ---- control from supervisors (callbacks arrive on the listener's thread) -----------------
    async def on_guide(text):
        session.interrupt()
        await session.generate_reply(
            instructions="A supervisor instructs you: %s. Relay this to the customer now, in their language." % text)

    async def on_resume():
        agent.paused = False
        session.output.set_audio_enabled(True)
        sb.agent_state("listening")
        await session.generate_reply(
            instructions="You are back on the call after a supervisor spoke with the customer. Do not greet again; "
                         "briefly acknowledge and continue helping.")

    def on_control(msg):
        kind = msg.get("type")
        if kind == "guide" and msg.get("text"):
            asyncio.run_coroutine_threadsafe(on_guide(msg["text"]), loop)
        elif kind == "pause":
            def pause():
                agent.paused = True
                session.interrupt()
                session.output.set_audio_enabled(False)
                sb.agent_state("paused")
            loop.call_soon_threadsafe(pause)
        elif kind == "resume":
            asyncio.run_coroutine_threadsafe(on_resume(), loop)
        elif kind == "end":
            asyncio.run_coroutine_threadsafe(session.aclose(), loop)

    listener = ControlListener(os.environ.get("SWITCHBOARD_BRIDGE_HOST", "localhost"),
                               int(os.environ.get("SWITCHBOARD_BRIDGE_PORT", "7000")), room,
                               os.environ["SWITCHBOARD_AGENT_TOKEN"], on_control).start()

    async def on_shutdown():
        sb.call_ended("completed")
        listener.stop()
        await asyncio.get_running_loop().run_in_executor(None, sb.close, 5.0)

    ctx.add_shutdown_callback(on_shutdown)

    sb.call_started(agent="aria", language="en")
    await session.start(room=ctx.room, agent=agent)
    await session.generate_reply(instructions="Greet the caller and offer your help.")


if __name__ == "__main__":
    agents.cli.run_app(agents.WorkerOptions(entrypoint_fnc=entrypoint))
