"""The observer process: finds live rooms (control's ListRooms every few seconds, and at once when
``calls.active`` shows a room move), takes a Redis lease per room, and runs one
:class:`RoomObserver` per room it holds. Several processes split the rooms; when one dies its
leases lapse and the next discovery pass of another picks the rooms up."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import redis.asyncio as aioredis

from .bus import BridgeClient, BusError
from .events import Counters
from .leases import RoomLeases
from .room_observer import NoAgent, RoomObserver, RoomSettings, Unsupported

LOG = logging.getLogger("switchboard_observer.service")

OBSERVER_ROOMS = "observer.rooms"
CALLS_ACTIVE = "calls.active"
CALLS_SNAPSHOT = "calls.snapshot"


def log(msg: str, **fields: Any) -> None:
    LOG.info(json.dumps({"msg": msg, **fields}))


@dataclass
class ServiceSettings:
    poll_s: float = 2.0
    lease_ms: int = 3000
    unsupported_retry_s: float = 60.0
    status_file: str | None = None
    room: RoomSettings = field(default_factory=RoomSettings)


class ObserverService:
    def __init__(self, bus: BridgeClient, redis: aioredis.Redis, instance: str, settings: ServiceSettings) -> None:
        self.bus = bus
        self.settings = settings
        self.instance = instance
        self.leases = RoomLeases(redis, instance, settings.lease_ms)
        self.counters = Counters()
        self.rooms: dict[str, RoomObserver] = {}
        self.opening: set[str] = set()
        self.unsupported: dict[str, float] = {}
        self.reported: dict[str, dict[str, Any]] = {}  # calls.active summaries by room
        self.live_rooms: dict[str, str] = {}  # LiveKit room name → sid
        self.ended: set[str] = set()  # LiveKit room sids whose call we ended
        self._tasks: list[asyncio.Task[Any]] = []
        self._wake = asyncio.Event()
        self._snapshot = asyncio.Event()  # the first discovery pass waits for the call list

    # ---- public -------------------------------------------------------------------------------

    async def start(self) -> None:
        await self.bus.register(CALLS_ACTIVE, self._on_calls_active)
        self.bus.on_connect(self._load_snapshot)
        self._tasks = [
            asyncio.create_task(self.bus.run(), name="bus"),
            asyncio.create_task(self._discover_loop(), name="discover"),
            asyncio.create_task(self._renew_loop(), name="renew"),
        ]
        if self.settings.status_file:
            self._tasks.append(asyncio.create_task(self._status_loop(), name="status"))

    async def stop(self) -> None:
        for t in self._tasks:
            t.cancel()
        for name, r in list(self.rooms.items()):
            await r.close()
            with contextlib.suppress(Exception):
                await self.leases.release(name)
        self.rooms.clear()
        await self.bus.close()

    def status(self) -> dict[str, Any]:
        return {
            "instance": self.instance,
            "pid": os.getpid(),
            "rooms": sorted(self.rooms),
            "unsupported": sorted(self.unsupported),
            "backfilled": {n: r.backfilled for n, r in self.rooms.items()},
            "counters": asdict(self.counters),
            "at": time.time(),
        }

    # ---- discovery ----------------------------------------------------------------------------

    async def _load_snapshot(self) -> None:
        try:
            snap = await self.bus.request(CALLS_SNAPSHOT, {}, timeout=5.0)
            for c in snap.get("calls", []):
                if isinstance(c, dict) and isinstance(c.get("room"), str):
                    self.reported.setdefault(c["room"], {}).update(c)
        except Exception as e:
            log("call list unavailable", error=str(e))
        finally:
            self._snapshot.set()

    def _on_calls_active(self, delta: dict[str, Any]) -> None:
        for u in delta.get("upserts", []) or []:
            if isinstance(u, dict) and isinstance(u.get("room"), str):
                self.reported.setdefault(u["room"], {}).update(u)
        for r in delta.get("removed", []) or []:
            self.reported.pop(r, None)
        self._wake.set()  # a room moved (webhook, agent event): look now, not at the next tick

    def _agent_reports_itself(self, room: str, sid: str) -> bool:
        """The call already arrives through the HTTP or package path (its own session id)."""
        c = self.reported.get(room)
        if not c or c.get("status") == "ended":
            return False
        sup = c.get("supervision")
        if sup == "observer":
            return False
        return bool(c.get("session_id")) and c.get("session_id") != sid

    async def _discover_loop(self) -> None:
        # never take a room before knowing which calls report themselves: observing one of those
        # would start a second session in a room whose agent already reports its call
        await self._snapshot.wait()
        while True:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.settings.poll_s)
            self._wake.clear()
            try:
                reply = await self.bus.request(OBSERVER_ROOMS, {}, timeout=5.0)
            except BusError as e:
                log("live rooms unavailable", error=str(e))
                continue
            # a room nobody is in is not a call (and joining it would keep it open)
            live = {r["name"]: r.get("sid", "") for r in reply.get("rooms", [])
                    if isinstance(r, dict) and r.get("name") and r.get("participants", 0) > 0}
            self.live_rooms = live
            now = time.monotonic()
            for name, sid in live.items():
                if name in self.rooms or name in self.opening or sid in self.ended:
                    continue
                if self.unsupported.get(name, 0) > now or self._agent_reports_itself(name, sid):
                    continue
                self.opening.add(name)
                asyncio.create_task(self._try_open(name))

    async def _try_open(self, name: str) -> None:
        try:
            if not await self.leases.claim(name):
                return
            r = RoomObserver(self.bus, name, self.settings.room, self.counters, self._room_finished)
            try:
                await r.open()
            except (NoAgent, Unsupported, BusError, Exception) as e:
                await r.close()
                await self.leases.release(name)
                if isinstance(e, Unsupported):
                    self.unsupported[name] = time.monotonic() + self.settings.unsupported_retry_s
                    log("agent does not speak the remote-session protocol: left to the HTTP/package paths", room=name)
                elif not isinstance(e, NoAgent):
                    log("room observation failed", room=name, error=str(e))
                return
            self.rooms[name] = r
        except Exception as e:  # Redis down: try again on the next pass
            log("lease unavailable", room=name, error=str(e))
        finally:
            self.opening.discard(name)

    async def _room_finished(self, name: str, how: str) -> None:
        r = self.rooms.pop(name, None)
        if how == "ended" and r is not None:
            self.ended.add(r.session_id)
        with contextlib.suppress(Exception):
            await self.leases.release(name)
        log("room left", room=name, how=how)

    async def _renew_loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.lease_ms / 3000.0)
            for name, r in list(self.rooms.items()):
                try:
                    held = await self.leases.renew(name)
                except Exception:
                    continue  # Redis blip: keep the room until the lease really lapses
                if not held:
                    log("lease lost: leaving room to its new owner", room=name)
                    self.rooms.pop(name, None)
                    await r.close()

    async def _status_loop(self) -> None:
        path = self.settings.status_file
        assert path
        while True:
            tmp = path + ".tmp"
            with open(tmp, "w") as f:
                json.dump(self.status(), f)
            os.replace(tmp, path)
            await asyncio.sleep(0.5)
