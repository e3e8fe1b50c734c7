"""Fire-and-forget sender of call events to Switchboard's ``POST /call-event``.

The agent's event loop must never wait on supervision: :meth:`EventSender.send` only puts the
event into a bounded queue (``put_nowait``) and returns. One background task posts the events
in order. When the queue is full, or Switchboard was found down (connection refused, timeout,
5xx) and the back-off has not expired yet, the event is dropped and counted. The first event
after the back-off probes again; a success closes the breaker and sending resumes.
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

LOG = logging.getLogger("switchboard_livekit")


@dataclass
class SenderStats:
    """Counters of what happened to the events (never reset)."""

    queued: int = 0
    sent: int = 0
    rejected: int = 0
    """Switchboard answered 4xx (bad event, bad key, ended session): not retried."""
    failed: int = 0
    """the POST failed (connection refused, timeout, 5xx): Switchboard counted as down."""
    dropped_full: int = 0
    dropped_down: int = 0
    dropped_closed: int = 0
    last_error: str | None = None
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def dropped(self) -> int:
        return self.dropped_full + self.dropped_down + self.dropped_closed

    def as_dict(self) -> dict[str, Any]:
        return {
            "queued": self.queued,
            "sent": self.sent,
            "rejected": self.rejected,
            "failed": self.failed,
            "dropped": self.dropped,
            "dropped_full": self.dropped_full,
            "dropped_down": self.dropped_down,
            "dropped_closed": self.dropped_closed,
        }


class EventSender:
    """One call's event stream. Create it inside the running event loop."""

    def __init__(
        self,
        url: str,
        api_key: str,
        room: str,
        session_id: str,
        *,
        max_queue: int = 1000,
        timeout: float = 5.0,
        min_backoff: float = 0.25,
        max_backoff: float = 5.0,
    ) -> None:
        self._endpoint = url.rstrip("/") + "/call-event"
        self._api_key = api_key
        self.room = room
        self.session_id = session_id
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=max_queue)
        self._seq = itertools.count(1)
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._backoff = min_backoff
        self._down_until = 0.0
        self._closed = False
        self._http: aiohttp.ClientSession | None = None
        self._task: asyncio.Task[None] | None = None
        self.stats = SenderStats()
        self.recent: collections.deque[dict[str, Any]] = collections.deque(maxlen=256)
        """the last queued events (bodies), for inspection and tests; bounded."""

    @property
    def switchboard_down(self) -> bool:
        return time.monotonic() < self._down_until

    def send(self, event_type: str, data: dict[str, Any]) -> bool:
        """Queues one event; True when queued. Never blocks, never raises."""
        try:
            if self._closed:
                self.stats.dropped_closed += 1
                return False
            if self.switchboard_down:
                self.stats.dropped_down += 1
                return False
            body = {
                "room_name": self.room,
                "session_id": self.session_id,
                "event_type": event_type,
                "data": data,
                "event_id": "%s:%d" % (self.session_id, next(self._seq)),
                "ts": int(time.time() * 1000),
            }
            self._queue.put_nowait(body)
            self.recent.append(body)
            self.stats.queued += 1
            self.stats.by_type[event_type] = self.stats.by_type.get(event_type, 0) + 1
            if self._task is None:
                self._task = asyncio.get_running_loop().create_task(self._run(), name="switchboard-sender")
            return True
        except asyncio.QueueFull:
            self.stats.dropped_full += 1
            return False
        except Exception:  # the contract: nothing reaches the agent's code
            LOG.exception("switchboard: could not queue %s event", event_type)
            return False

    async def flush(self, timeout: float = 5.0) -> bool:
        """Waits until the queue is drained (sent, rejected or failed). True when drained."""
        if self._task is None:
            return True
        try:
            await asyncio.wait_for(self._queue.join(), timeout)
            return True
        except (asyncio.TimeoutError, Exception):
            return False

    async def aclose(self, timeout: float = 5.0) -> None:
        """Sends what is queued (up to ``timeout``), then stops. Never raises."""
        try:
            await self.flush(timeout)
        finally:
            self._closed = True
            if self._task is not None:
                self._task.cancel()
                try:
                    await self._task
                except BaseException:
                    pass
            if self._http is not None:
                try:
                    await self._http.close()
                except Exception:
                    pass

    async def _run(self) -> None:
        self._http = aiohttp.ClientSession(timeout=self._timeout)
        while True:
            body = await self._queue.get()
            try:
                if self.switchboard_down:
                    self.stats.dropped_down += 1
                    continue
                await self._post(body)
            except asyncio.CancelledError:
                raise
            except Exception as err:  # pragma: no cover - _post counts its own failures
                LOG.warning("switchboard sender: %s", err)
            finally:
                self._queue.task_done()

    async def _post(self, body: dict[str, Any]) -> None:
        assert self._http is not None
        try:
            async with self._http.post(
                self._endpoint,
                data=json.dumps(body, default=str),
                headers={"Content-Type": "application/json", "X-API-Key": self._api_key},
            ) as resp:
                await resp.read()
                if resp.status < 400:
                    self.stats.sent += 1
                    self._backoff = self._min_backoff
                    return
                if resp.status < 500:
                    self.stats.rejected += 1
                    self.stats.last_error = "HTTP %d for %s" % (resp.status, body["event_type"])
                    LOG.warning(json.dumps({"msg": "switchboard rejected event", "room": self.room,
                                            "session": self.session_id, "event_type": body["event_type"],
                                            "status": resp.status}))
                    return
                raise aiohttp.ClientResponseError(resp.request_info, (), status=resp.status)
        except asyncio.CancelledError:
            raise
        except Exception as err:
            self.stats.failed += 1
            self.stats.last_error = "%s: %s" % (type(err).__name__, err)
            self._down_until = time.monotonic() + self._backoff
            LOG.warning(json.dumps({"msg": "switchboard unreachable, dropping events", "room": self.room,
                                    "session": self.session_id, "backoff_s": self._backoff,
                                    "error": type(err).__name__}))
            self._backoff = min(self._backoff * 2, self._max_backoff)
