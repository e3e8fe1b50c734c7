"""Asyncio client of Switchboard's TCP event-bus bridge (Vert.x framing: a 4-byte big-endian
length, then one JSON frame). Every frame carries the observer's credential in
``headers.token``; the gateway rewrites the headers before the message reaches the bus."""

from __future__ import annotations

import asyncio
import json
import logging
import struct
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

LOG = logging.getLogger("switchboard_observer.bus")

Handler = Callable[[dict[str, Any]], None]


class BusError(Exception):
    """A failed request: ``code`` is Switchboard's HTTP-like failure code (0 when unknown)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


class BridgeClient:
    """One connection; :meth:`run` keeps it up (reconnects with back-off, re-registers)."""

    def __init__(self, host: str, port: int, token: str, ping_interval: float = 5.0) -> None:
        self._host = host
        self._port = port
        self._token = token
        self._ping_interval = ping_interval
        self._writer: asyncio.StreamWriter | None = None
        self._pending: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._handlers: dict[str, list[Handler]] = {}
        self._connected = asyncio.Event()
        self._on_connect: list[Callable[[], Coroutine[Any, Any, None]]] = []
        self._closed = False
        self.errors: list[str] = []

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def on_connect(self, cb: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self._on_connect.append(cb)

    async def wait_connected(self, timeout: float) -> None:
        await asyncio.wait_for(self._connected.wait(), timeout)

    async def run(self) -> None:
        backoff = 0.2
        while not self._closed:
            try:
                reader, writer = await asyncio.open_connection(self._host, self._port)
            except OSError as e:
                LOG.warning(json.dumps({"msg": "bridge connect failed", "error": str(e)}))
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            backoff = 0.2
            self._writer = writer
            self._connected.set()
            pinger = asyncio.create_task(self._ping_loop())
            try:
                for address in self._handlers:
                    await self._write({"type": "register", "address": address})
                for cb in self._on_connect:
                    asyncio.create_task(cb())
                await self._read_loop(reader)
            except (OSError, asyncio.IncompleteReadError, ConnectionError) as e:
                LOG.warning(json.dumps({"msg": "bridge connection lost", "error": str(e)}))
            finally:
                pinger.cancel()
                self._connected.clear()
                self._writer = None
                for fut in self._pending.values():
                    if not fut.done():
                        fut.set_exception(BusError(503, "bridge connection lost"))
                self._pending.clear()
                try:
                    writer.close()
                except Exception:
                    pass

    async def close(self) -> None:
        self._closed = True
        if self._writer is not None:
            self._writer.close()

    async def _ping_loop(self) -> None:
        while True:
            await asyncio.sleep(self._ping_interval)
            await self._write({"type": "ping"})

    async def _read_loop(self, reader: asyncio.StreamReader) -> None:
        while True:
            (length,) = struct.unpack(">I", await reader.readexactly(4))
            frame = json.loads(await reader.readexactly(length))
            self._dispatch(frame)

    def _dispatch(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        address = frame.get("address")
        fut = self._pending.pop(address, None) if isinstance(address, str) else None
        if fut is not None:
            if fut.done():
                return
            if kind == "err" or "failureCode" in frame:
                fut.set_exception(BusError(int(frame.get("failureCode") or 0), str(frame.get("message", "failed"))))
            else:
                body = frame.get("body")
                fut.set_result(body if isinstance(body, dict) else {})
            return
        if kind == "err":
            self.errors.append(str(frame.get("message")))
            LOG.warning(json.dumps({"msg": "bridge error frame", "error": frame.get("message"), "address": address}))
            return
        if kind == "message" and isinstance(address, str):
            body = frame.get("body")
            for h in self._handlers.get(address, []):
                try:
                    h(body if isinstance(body, dict) else {})
                except Exception:
                    LOG.exception("bus handler failed")

    async def _write(self, frame: dict[str, Any]) -> None:
        writer = self._writer
        if writer is None:
            raise BusError(503, "bridge not connected")
        frame.setdefault("headers", {})["token"] = self._token
        payload = json.dumps(frame).encode("utf-8")
        writer.write(struct.pack(">I", len(payload)) + payload)
        await writer.drain()

    async def request(self, address: str, body: dict[str, Any], timeout: float = 5.0) -> dict[str, Any]:
        if not self._connected.is_set():
            await self.wait_connected(timeout)
        reply = str(uuid.uuid4())
        fut: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[reply] = fut
        try:
            await self._write({"type": "send", "address": address, "body": body, "replyAddress": reply})
            return await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            raise BusError(504, f"no reply from {address} within {timeout}s") from None
        finally:
            self._pending.pop(reply, None)

    async def register(self, address: str, handler: Handler) -> None:
        first = address not in self._handlers
        self._handlers.setdefault(address, []).append(handler)
        if first and self._connected.is_set():
            await self._write({"type": "register", "address": address})

    async def unregister(self, address: str) -> None:
        if self._handlers.pop(address, None) is not None and self._connected.is_set():
            await self._write({"type": "unregister", "address": address})
