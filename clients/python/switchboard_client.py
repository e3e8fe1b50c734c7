"""Switchboard agent client: stdlib only, Python 3.8+.

Sends seed-compatible call events to a Switchboard gateway and (optionally) receives supervisor
control messages over the Vert.x TCP event-bus bridge.

    client = SwitchboardClient("http://localhost:8080", api_key, room="call-42")
    client.call_started(customer="Siti Aminah", language="ms")
    client.transcript("user", "Boleh cakap Bahasa Melayu?", final=True, segment_id="u-1")
    ...
    client.call_ended("completed")
    client.close()

Design rules (the voice agent must never wait on or be broken by the supervision plane):
  * every public method returns immediately and never raises;
  * events go through a bounded queue to one background thread; when the queue is full the
    event is dropped and counted;
  * each HTTP request has a 5 s timeout; failures are counted and logged, never re-raised.
"""

import itertools
import json
import logging
import queue
import socket
import struct
import threading
import time
import urllib.error
import urllib.request
import uuid

__all__ = ["SwitchboardClient", "ControlListener", "AGENT_STATES", "END_REASONS"]

LOG = logging.getLogger("switchboard_client")

AGENT_STATES = ("initializing", "listening", "thinking", "speaking", "paused", "ended")
END_REASONS = ("completed", "customer_hangup", "transferred", "agent_error", "ended_by_supervisor")

_STOP = object()


def _now_ms():
    return int(time.time() * 1000)


class SwitchboardClient:
    """Fire-and-forget sender of call events for one call (room + session)."""

    def __init__(self, base_url, api_key, room, session_id=None, timeout=5.0, max_queue=1000, language=None):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.room = room
        self.session_id = session_id or "py-" + uuid.uuid4().hex[:16]
        self.timeout = timeout
        self.language = language
        self._queue = queue.Queue(maxsize=max_queue)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending = 0
        self._thread = None
        self._closed = False
        self.stats = {"sent": 0, "failed": 0, "dropped": 0}

    # ---- generic -------------------------------------------------------------------------

    def send(self, event_type, data=None):
        """Queue one event. Returns True when queued, False when dropped. Never raises."""
        try:
            if self._closed:
                self._count("dropped")
                return False
            body = {
                "room_name": self.room,
                "session_id": self.session_id,
                "event_type": event_type,
                "data": dict(data or {}),
                "event_id": "%s:%d" % (self.session_id, next(self._seq)),
                "ts": _now_ms(),
            }
            self._ensure_thread()
            with self._lock:
                self._pending += 1
            try:
                self._queue.put_nowait(body)
            except queue.Full:
                self._done()
                self._count("dropped")
                LOG.warning("switchboard queue full, dropping %s event (room=%s)", event_type, self.room)
                return False
            return True
        except Exception:  # pragma: no cover - the contract is: never raise into the agent
            LOG.exception("switchboard client: unexpected error while queueing")
            return False

    # ---- helpers, one per event type -----------------------------------------------------------

    def call_started(self, customer=None, language=None, agent=None, metadata=None, room_sid=None):
        data = _compact(customer=customer, language=language or self.language, agent=agent, metadata=metadata,
                        room_sid=room_sid)
        return self.send("call_started", data)

    def transcript(self, role, text, final=True, segment_id=None, language=None):
        """role: user | agent | supervisor. Interim chunks share the final's segment_id."""
        data = _compact(role=role, text=text, final=bool(final), segment_id=segment_id,
                        language=language or self.language, ts=_now_ms())
        return self.send("transcript", data)

    def interim(self, role, text, segment_id, language=None):
        return self.transcript(role, text, final=False, segment_id=segment_id, language=language)

    def agent_state(self, state):
        return self.send("agent_state", {"state": state, "ts": _now_ms()})

    def metrics(self, **timings):
        """e.g. metrics(stt_ms=120, llm_ttft_ms=340, llm_total_ms=900, tts_ttfb_ms=150, tts_ms=400, e2e_ms=800)"""
        return self.send("metrics", _compact(**timings))

    def tool_call(self, name, args=None, result=None, duration_ms=None):
        return self.send("tool_call", _compact(name=name, args=args, result=result, duration_ms=duration_ms))

    def debug(self, kind, **fields):
        """Ephemeral detail for the supervisor's debug panel (state changes, RAG hits, …)."""
        data = dict(fields)
        data["kind"] = kind
        return self.send("debug", data)

    def sentiment(self, seq, label, score=None, confidence=None):
        return self.send("sentiment", _compact(seq=seq, label=label, score=score, confidence=confidence))

    def call_ended(self, reason="completed", transfer_target=None):
        return self.send("call_ended", _compact(reason=reason, transfer_target=transfer_target))

    # ---- lifecycle -----------------------------------------------------------------------------

    def flush(self, timeout=None):
        """Wait until every queued event was sent or failed. Returns True when drained."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._pending > 0:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._idle.wait(remaining)
        return True

    def close(self, timeout=5.0):
        """Send what is queued (up to timeout), then stop the worker. Never raises."""
        try:
            self.flush(timeout)
            self._closed = True
            if self._thread is not None:
                try:
                    self._queue.put_nowait(_STOP)
                except queue.Full:
                    pass
        except Exception:  # pragma: no cover
            LOG.exception("switchboard client: error while closing")

    # ---- internals -----------------------------------------------------------------------------

    def _ensure_thread(self):
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="switchboard-client", daemon=True)
                    self._thread.start()

    def _run(self):
        url = self.base_url + "/call-event"
        while True:
            body = self._queue.get()
            if body is _STOP:
                return
            try:
                self._post(url, body)
                self._count("sent")
            except Exception as err:  # network, timeout, HTTP status: counted, never raised
                self._count("failed")
                LOG.warning("switchboard event %s failed (room=%s): %s", body.get("event_type"), self.room, err)
            finally:
                self._done()

    def _post(self, url, body):
        req = urllib.request.Request(
            url,
            data=json.dumps(body).encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/json", "X-API-Key": self.api_key},
        )
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            resp.read()

    def _done(self):
        with self._idle:
            self._pending -= 1
            if self._pending <= 0:
                self._idle.notify_all()

    def _count(self, key):
        with self._lock:
            self.stats[key] += 1


def _compact(**fields):
    return {k: v for k, v in fields.items() if v is not None}


class ControlListener:
    """Receives ``agent.<room>.control`` messages (guide / pause / resume / end) over the Vert.x
    TCP event-bus bridge and hands each body (a dict) to ``on_control`` on a background thread.

    Frames are a 4-byte big-endian length followed by UTF-8 JSON. The agent token travels in the
    register message's headers. Reconnects with back-off; ``on_control`` errors are logged.
    """

    def __init__(self, host, port, room, token, on_control, token_header="token", ping_interval=5.0,
                 connect_timeout=5.0, reconnect_delay=1.0):
        self.host = host
        self.port = port
        self.address = "agent.%s.control" % room
        self.token = token
        self.token_header = token_header
        self.on_control = on_control
        self.ping_interval = ping_interval
        self.connect_timeout = connect_timeout
        self.reconnect_delay = reconnect_delay
        self._stop = threading.Event()
        self._sock = None
        self._thread = None
        self._send_lock = threading.Lock()
        self.connected = threading.Event()
        self.errors = []

    def start(self):
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="switchboard-control", daemon=True)
            self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        sock = self._sock
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass

    def _run(self):
        delay = self.reconnect_delay
        while not self._stop.is_set():
            try:
                self._session()
                delay = self.reconnect_delay
            except Exception as err:
                if not self._stop.is_set():
                    LOG.warning("switchboard control bridge %s:%s lost: %s", self.host, self.port, err)
            self.connected.clear()
            if self._stop.wait(delay):
                return
            delay = min(delay * 2, 30.0)

    def _session(self):
        sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        self._sock = sock
        try:
            sock.settimeout(self.ping_interval)
            self._write({"type": "register", "address": self.address, "headers": {self.token_header: self.token}})
            self.connected.set()
            while not self._stop.is_set():
                try:
                    frame = self._read_frame(sock)
                except socket.timeout:
                    self._write({"type": "ping"})
                    continue
                self._handle(frame)
        finally:
            self._sock = None
            try:
                sock.close()
            except OSError:
                pass

    def _handle(self, frame):
        kind = frame.get("type")
        if kind == "message" and frame.get("address") == self.address:
            try:
                self.on_control(frame.get("body") or {})
            except Exception:
                LOG.exception("switchboard control callback failed")
        elif kind == "err":
            self.errors.append(frame.get("message"))
            LOG.warning("switchboard control bridge error: %s", frame.get("message"))

    def _write(self, obj):
        payload = json.dumps(obj).encode("utf-8")
        with self._send_lock:
            self._sock.sendall(struct.pack(">I", len(payload)) + payload)

    @staticmethod
    def _read_exact(sock, n, idle_ok):
        """Reads n bytes. An idle timeout is raised only before the first byte (idle_ok): inside
        a frame we keep waiting, so a ping never lands mid-frame and framing stays in sync."""
        buf = b""
        while len(buf) < n:
            try:
                chunk = sock.recv(n - len(buf))
            except socket.timeout:
                if idle_ok and not buf:
                    raise
                continue
            if not chunk:
                raise ConnectionError("bridge closed the connection")
            buf += chunk
        return buf

    def _read_frame(self, sock):
        (length,) = struct.unpack(">I", self._read_exact(sock, 4, True))
        return json.loads(self._read_exact(sock, length, False).decode("utf-8"))
