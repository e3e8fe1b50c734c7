"""A LiveKit Agents voice agent that Switchboard supervises (the package's documented usage).

    pip install ./clients/python            # switchboard-livekit + livekit-agents
    export LIVEKIT_URL=... LIVEKIT_API_KEY=... LIVEKIT_API_SECRET=...
    export SWITCHBOARD_URL=http://localhost:8080 SWITCHBOARD_API_KEY=demo-agent-key
    python examples/livekit_agent_example.py start

The only Switchboard-specific lines are the import and ``switchboard.attach(...)``. The tests
(clients/python/tests/livekit) run this very ``entrypoint`` in a real room, with local fake
providers passed as ``session``.
"""

from __future__ import annotations

import os

from livekit.agents import Agent, AgentSession, JobContext, WorkerOptions, cli

import switchboard_livekit as switchboard


class Aria(Agent):
    def __init__(self) -> None:
        super().__init__(instructions="You are Aria, a friendly contact-centre agent for billing questions. "
                                      "Answer briefly, in the customer's language.")


def default_session() -> AgentSession:
    # any providers work; these are LiveKit Inference model names
    return AgentSession(stt="deepgram/nova-3", llm="openai/gpt-4.1-mini", tts="cartesia/sonic-2")


async def entrypoint(ctx: JobContext, session: AgentSession | None = None) -> switchboard.Supervision:
    await ctx.connect()
    session = session or default_session()
    await session.start(agent=Aria(), room=ctx.room)

    supervision = await switchboard.attach(
        session, ctx.room,
        url=os.environ.get("SWITCHBOARD_URL", "http://localhost:8080"),
        api_key=os.environ.get("SWITCHBOARD_API_KEY", "demo-agent-key"),
        agent="aria", language="en",
    )
    ctx.add_shutdown_callback(supervision.aclose)

    session.generate_reply(instructions="Greet the caller and offer your help.")
    return supervision


if __name__ == "__main__":
    cli.run_app(WorkerOptions(entrypoint_fnc=entrypoint))
