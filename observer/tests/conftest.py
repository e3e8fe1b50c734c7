"""The real stack for the observer's tests: a LiveKit server (scripts/livekit, random ports), one
Switchboard node (the jar built in this worktree, embedded Redis on a known free port) and helpers
to run the unmodified fake agent, a customer participant and observer processes."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from livekit import api, rtc

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "modules" / "app" / "target" / "switchboard.jar"
OBSERVER_KEY = "observer-test-key-0123456789"
AGENT_KEY = "http-agent-key-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"port {port} not listening after {timeout}s")


@dataclass
class Stack:
    lk_url: str
    lk_http: str
    lk_key: str
    lk_secret: str
    http: int
    bridge: int
    redis_url: str
    tmp: Path
    procs: list[subprocess.Popen[bytes]]
    observers: list[subprocess.Popen[bytes]]

    # ---- Switchboard over HTTP (what a dashboard sees) ----------------------------------------
    def _call(self, method: str, path: str, body: dict[str, Any] | None = None, token: str | None = None) -> tuple[int, Any]:
        req = urllib.request.Request(f"http://127.0.0.1:{self.http}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode())
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def login(self) -> str:
        status, body = self._call("POST", "/auth/login", {"username": "supervisor", "password": "supervisor-demo"})
        assert status == 200, body
        return body["token"]

    def calls(self, token: str) -> list[dict[str, Any]]:
        return self._call("GET", "/api/calls", token=token)[1]["calls"]

    def history(self, token: str, room: str) -> dict[str, Any]:
        return self._call("GET", f"/api/calls/{room}/history", token=token)[1]

    def action(self, token: str, room: str, action: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        return self._call("POST", f"/api/calls/{room}/{action}", body or {}, token=token)

    # ---- LiveKit ------------------------------------------------------------------------------
    def token(self, room: str, identity: str, kind: str = "standard", **grants: Any) -> str:
        g = api.VideoGrants(room_join=True, room=room, **grants)
        t = api.AccessToken(self.lk_key, self.lk_secret).with_identity(identity).with_grants(g)
        if kind != "standard":
            t = t.with_kind(kind)  # type: ignore[arg-type]
        return t.to_jwt()

    def lkapi(self) -> api.LiveKitAPI:
        return api.LiveKitAPI(self.lk_http, self.lk_key, self.lk_secret)

    # ---- processes ----------------------------------------------------------------------------
    def start_agent(self, room: str, identity: str = "agent-1", session_host: bool = True) -> subprocess.Popen[bytes]:
        token = self.token(room, identity, kind="agent", agent=True)
        extra = [] if session_host else ["--no-session-host"]
        p = subprocess.Popen([sys.executable, str(Path(__file__).parent / "fake_agent.py"), self.lk_url, token, *extra],
                             stdout=subprocess.PIPE, stderr=open(self.tmp / f"agent-{room}.log", "wb"))
        self.procs.append(p)
        assert p.stdout is not None
        line = p.stdout.readline()
        assert line.strip() == b"READY", f"agent did not start: {line!r}"
        return p

    def post_event(self, room: str, session_id: str, event_type: str, data: dict[str, Any]) -> tuple[int, Any]:
        """What an agent on the HTTP path does: POST /call-event with its key."""
        req = urllib.request.Request(f"http://127.0.0.1:{self.http}/call-event", method="POST", data=json.dumps(
            {"room_name": room, "session_id": session_id, "event_type": event_type, "data": data}).encode())
        req.add_header("Content-Type", "application/json")
        req.add_header("X-API-Key", AGENT_KEY)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def stop_observers(self) -> None:
        """Each test runs its own observers: earlier ones would take its rooms."""
        for p in self.observers:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    p.kill()
        self.observers.clear()

    def start_observer(self, name: str) -> tuple[subprocess.Popen[bytes], Path]:
        status = self.tmp / f"observer-{name}.json"
        env = dict(os.environ, SWITCHBOARD_OBSERVER_KEY=OBSERVER_KEY, PYTHONPATH=str(ROOT / "observer"))
        p = subprocess.Popen([sys.executable, "-m", "switchboard_observer", "--bridge", f"127.0.0.1:{self.bridge}",
                              "--redis", self.redis_url, "--instance", name, "--poll-s", "1", "--lease-ms", "3000",
                              "--status-file", str(status)],
                             env=env, stdout=open(self.tmp / f"observer-{name}.log", "wb"), stderr=subprocess.STDOUT)
        self.procs.append(p)
        self.observers.append(p)
        return p, status


def read_status(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


async def eventually(check: Any, timeout: float, what: str, interval: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = await asyncio.to_thread(check) if not asyncio.iscoroutinefunction(check) else await check()
        if last:
            return last
        await asyncio.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})")


@pytest.fixture
def stack(live_stack: Stack) -> Iterator[Stack]:
    live_stack.stop_observers()
    yield live_stack
    live_stack.stop_observers()


@pytest.fixture(scope="session")
def live_stack() -> Iterator[Stack]:
    if not JAR.exists():
        pytest.fail(f"{JAR} missing: build it with mvn -B -ntp -q -DskipTests package")
    tmp = Path(tempfile.mkdtemp(prefix="observer-test-"))
    http, bridge, redis_port, lk = free_port(), free_port(), free_port(), free_port()
    udp0 = 40000 + (os.getpid() % 200) * 100
    out = subprocess.run([str(ROOT / "scripts" / "livekit"), "start", "--port", str(lk), "--rtc-tcp-port", str(free_port()),
                          "--udp-range", f"{udp0}-{udp0 + 99}", "--webhook", f"http://127.0.0.1:{http}/livekit/webhook",
                          "--empty-timeout", "5", "--departure-timeout", "3", "--dir", str(tmp / "livekit")],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    info = dict(kv.split("=", 1) for kv in out.split() if "=" in kv)
    lk_pid = int(info["pid"])
    secret = "switchboard-test-secret-0123456789abcdef"
    cmd = ["java", "-Xmx384m", "-jar", str(JAR), "--http-port", str(http),
           "--verticles", "gateway,ingest,webhook-receiver,debouncer,control,analytics",
           "--set", f"tcp.bridge.port={bridge}", "--set", f"embedded.redis.port={redis_port}",
           "--set", "mongo.embedded=memory", "--set", f"data.dir={tmp / 'data'}",
           "--set", f"livekit.url={info['url']}", "--set", f"livekit.api.key={info.get('key', 'devkey')}",
           "--set", f"livekit.api.secret={secret}",
           "--set", f"agent.keys.observer={OBSERVER_KEY}", "--set", f"agent.keys.httpagent={AGENT_KEY}",
           "--set", "tcp.bridge.observers=observer", "--set", "auth.demo.users=true",
           "--set", "reconcile.period.s=0"]
    node = subprocess.Popen(cmd, stdout=open(tmp / "switchboard.log", "wb"), stderr=subprocess.STDOUT)
    s = Stack(info["url"], info["url"].replace("ws://", "http://"), info.get("key", "devkey"), secret, http, bridge,
              f"redis://127.0.0.1:{redis_port}", tmp, [], [])
    try:
        wait_port(http, 90)
        wait_port(bridge, 30)
        yield s
    finally:
        for p in s.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in s.procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        node.send_signal(signal.SIGTERM)
        try:
            node.wait(20)
        except subprocess.TimeoutExpired:
            node.kill()
        subprocess.run([str(ROOT / "scripts" / "livekit"), "stop", str(lk_pid)], check=False)


class Customer:
    """A caller in the room: sends text turns (the agent's RoomIO text input, topic lk.chat)."""

    def __init__(self, stack: Stack, room: str, identity: str = "customer-1") -> None:
        self.stack, self.room_name, self.identity = stack, room, identity
        self.room = rtc.Room()

    async def join(self) -> None:
        await self.room.connect(self.stack.lk_url, self.stack.token(self.room_name, self.identity))

    async def speak(self, seconds: float = 1.5) -> None:
        """Publishes a microphone track and 'talks' (a tone) for `seconds`, then stays silent."""
        import math

        source = rtc.AudioSource(48000, 1)
        track = rtc.LocalAudioTrack.create_audio_track("mic", source)
        await self.room.local_participant.publish_track(track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE))
        self._mic = source
        await asyncio.sleep(0.5)  # let the agent subscribe
        n = 0
        for i in range(int(seconds * 100) + 150):
            frame = rtc.AudioFrame.create(48000, 1, 480)
            data = frame.data
            if i < seconds * 100:
                for k in range(480):
                    data[k] = int(8000 * math.sin(2 * math.pi * 440 * (n + k) / 48000))
            n += 480
            await source.capture_frame(frame)

    async def say(self, text: str) -> None:
        await self.room.local_participant.send_text(text, topic="lk.chat")

    async def leave(self) -> None:
        await self.room.disconnect()
