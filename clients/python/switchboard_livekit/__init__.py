"""Makes a LiveKit Agents ``AgentSession`` supervisable by Switchboard.

    import switchboard_livekit as switchboard

    await session.start(agent=MyAgent(), room=ctx.room)
    supervision = await switchboard.attach(session, ctx.room, url=SWITCHBOARD_URL, api_key=KEY)

Events go to ``POST /call-event`` (non-blocking, bounded, dropped and counted when Switchboard is
slow or down); supervisor control (guide, pause, resume, end) arrives as server-sent room data on
topic ``switchboard.control`` and, optionally, over the TCP event-bus bridge. See README.md.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from livekit import rtc
from livekit.agents import AgentSession

from .control import CONTROL_TOPIC, MAX_GUIDE_CHARS, ControlMessage, Rejected, parse_body, parse_payload
from .sender import EventSender, SenderStats
from .supervision import (
    GOODBYE_INSTRUCTIONS,
    GUIDE_INSTRUCTIONS,
    RESUME_INSTRUCTIONS,
    Supervision,
    SupervisionOptions,
    new_session_id,
)

__all__ = [
    "attach",
    "Supervision",
    "SupervisionOptions",
    "EventSender",
    "SenderStats",
    "ControlMessage",
    "Rejected",
    "parse_body",
    "parse_payload",
    "CONTROL_TOPIC",
    "MAX_GUIDE_CHARS",
    "GUIDE_INSTRUCTIONS",
    "RESUME_INSTRUCTIONS",
    "GOODBYE_INSTRUCTIONS",
]

__version__ = "0.1.0"


async def attach(
    session: AgentSession,
    room: rtc.Room | None,
    *,
    url: str | None = None,
    api_key: str | None = None,
    room_name: str | None = None,
    session_id: str | None = None,
    agent: str | None = None,
    customer: str | None = None,
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
    bridge_host: str | None = None,
    bridge_port: int | None = None,
    bridge_token: str | None = None,
    max_queue: int = 1000,
    timeout: float = 5.0,
    options: SupervisionOptions | None = None,
) -> Supervision:
    """Subscribes to ``session``'s events and to ``room``'s control data; returns at once.

    ``url`` / ``api_key`` default to ``SWITCHBOARD_URL`` / ``SWITCHBOARD_API_KEY``. The bridge
    fallback starts when ``bridge_port`` (or ``SWITCHBOARD_BRIDGE_PORT``) is set; its token
    defaults to ``SWITCHBOARD_AGENT_TOKEN``, then to ``api_key``. Call it after
    ``session.start(...)`` (before it works too: the pause gate is installed on the first state
    change). Never raises for Switchboard being unreachable: it is not contacted here.
    """
    url = url or os.environ.get("SWITCHBOARD_URL")
    api_key = api_key or os.environ.get("SWITCHBOARD_API_KEY")
    if not url or not api_key:
        raise ValueError("switchboard.attach needs url and api_key (or SWITCHBOARD_URL / SWITCHBOARD_API_KEY)")
    name = room_name or (room.name if room is not None else None)
    if not name:
        raise ValueError("switchboard.attach needs a connected room or room_name")
    sid = session_id or new_session_id()
    sender = EventSender(url, api_key, name, sid, max_queue=max_queue, timeout=timeout)
    sup = Supervision(session, room, sender, options=options or SupervisionOptions(), language=language)

    started: dict[str, Any] = {}
    for key, value in (("agent", agent), ("customer", customer), ("language", language), ("metadata", metadata)):
        if value is not None:
            started[key] = value
    if room is not None:
        try:
            room_sid = await asyncio.wait_for(room.sid, 2.0)
            if room_sid:
                started["room_sid"] = room_sid[:64]
        except Exception:
            pass

    port = bridge_port or _int_env("SWITCHBOARD_BRIDGE_PORT")
    bridge = None
    if port:
        host = bridge_host or os.environ.get("SWITCHBOARD_BRIDGE_HOST", "127.0.0.1")
        token = bridge_token or os.environ.get("SWITCHBOARD_AGENT_TOKEN") or api_key
        bridge = (host, port, token)
    sup._start(started, bridge)
    return sup


def _int_env(name: str) -> int | None:
    value = os.environ.get(name)
    try:
        return int(value) if value else None
    except ValueError:
        return None
