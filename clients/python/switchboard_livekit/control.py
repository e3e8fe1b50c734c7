"""Supervisor control messages: parsing and validation.

The control verticle sends ``AgentControl`` JSON (modules/contract live/AgentControl.java)::

    {"v": 1, "type": "guide|pause|resume|end", "room": "...", "session_id": "...",
     "text": "...", "by": "...", "at": 1733000000000, "id": "..."}

through the room (RoomService SendData, topic ``switchboard.control``, no sender participant)
or, as a fallback, the TCP event-bus bridge (``agent.<room>.control``). Anything that does not
parse is rejected with a reason that the caller counts; nothing here raises.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

CONTROL_TOPIC = "switchboard.control"
CONTROL_TYPES = ("guide", "pause", "resume", "end")
MAX_PAYLOAD_BYTES = 16 * 1024
MAX_GUIDE_CHARS = 2000  # the supervisor event schema's limit for a guide text

ControlType = Literal["guide", "pause", "resume", "end"]


@dataclass(frozen=True)
class ControlMessage:
    type: ControlType
    room: str | None
    session_id: str | None
    text: str | None
    by: str | None
    at: int
    id: str | None

    def dedup_key(self) -> str:
        """Both paths may deliver the same action: the id (or its content) names it once."""
        return self.id or self.content_key()

    def dedup_keys(self) -> list[str]:
        """Every name of this action: its id, and its content when it carries a time (``at``), so
        the room copy (with ``id``) and a bridge copy (maybe without) are recognised as one."""
        keys = [self.id] if self.id else []
        if self.at or not keys:
            keys.append(self.content_key())
        return keys

    def content_key(self) -> str:
        return "%s|%s|%s|%s" % (self.type, self.by, self.at, self.text)


class Rejected(Exception):
    """A control input that is ignored; ``reason`` is the counter's name."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_payload(payload: bytes | str) -> ControlMessage:
    if isinstance(payload, str):
        payload = payload.encode("utf-8", "replace")
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise Rejected("oversized")
    try:
        body = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Rejected("not_json") from None
    return parse_body(body)


def parse_body(body: Any) -> ControlMessage:
    if not isinstance(body, dict):
        raise Rejected("not_an_object")
    version = body.get("v", 1)
    if version != 1:
        raise Rejected("unknown_version")
    kind = body.get("type")
    if kind not in CONTROL_TYPES:
        raise Rejected("unknown_type")
    text = body.get("text")
    if text is not None and not isinstance(text, str):
        raise Rejected("bad_text")
    if kind == "guide":
        if text is None or not text.strip():
            raise Rejected("guide_without_text")
        if len(text) > MAX_GUIDE_CHARS:
            raise Rejected("oversized_text")
    at = body.get("at", 0)
    if not isinstance(at, int) or isinstance(at, bool):
        at = 0
    return ControlMessage(
        type=kind,
        room=_str_or_none(body.get("room")),
        session_id=_str_or_none(body.get("session_id")),
        text=text.strip() if (kind == "guide" and text) else text,
        by=_str_or_none(body.get("by")),
        at=at,
        id=_str_or_none(body.get("id")),
    )


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
