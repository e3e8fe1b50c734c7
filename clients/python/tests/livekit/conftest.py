"""Real services for the live tests: a LiveKit server (scripts/livekit) and Switchboard (the jar),
both on random loopback ports, started once per test session."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[4]
AGENT_KEY = "demo-agent-key"
LIVEKIT_KEY = "devkey"
LIVEKIT_SECRET = "switchboard-test-secret-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_port_pair() -> int:
    """A port P whose neighbour P+1 (LiveKit's ICE/TCP port) is free too."""
    for _ in range(50):
        p = free_port()
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", p + 1))
                return p
            except OSError:
                continue
    raise RuntimeError("no free port pair")


class LiveKitServer:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port_pair()
        base = 20000 + (os.getpid() * 7 + self.port) % 40000
        self.udp = "%d-%d" % (base, base + 60)
        out = subprocess.run(
            [str(ROOT / "scripts/livekit"), "start", "--port", str(self.port), "--udp-range", self.udp,
             "--empty-timeout", "30", "--departure-timeout", "5", "--dir", str(workdir)],
            check=True, capture_output=True, text=True, timeout=900,
        ).stdout
        fields = dict(re.findall(r"(\w+)=(\S+)", out))
        self.pid = int(fields["pid"])
        self.url = fields["url"]
        self.http_url = "http://127.0.0.1:%d" % self.port

    def stop(self) -> None:
        subprocess.run([str(ROOT / "scripts/livekit"), "stop", str(self.pid)], check=False, timeout=60)


class Switchboard:
    """One Switchboard node (embedded Redis and archive) that a test may kill and restart."""

    def __init__(self, workdir: Path, http_port: int | None = None) -> None:
        jar = Path(os.environ.get("SWITCHBOARD_JAR", ROOT / "modules/app/target/switchboard.jar"))
        if not jar.is_file():
            pytest.fail("Switchboard jar missing: build it first (mvn -B -ntp -DskipTests package) or set SWITCHBOARD_JAR")
        self.jar = jar
        self.workdir = workdir
        self.http_port = http_port or free_port()
        self.bridge_port = free_port()
        self.url = "http://127.0.0.1:%d" % self.http_port
        self.proc: subprocess.Popen[bytes] | None = None
        self._token: str | None = None
        self.starts = 0

    def start(self) -> "Switchboard":
        env = dict(os.environ)
        for k in list(env):
            if k.startswith("SWITCHBOARD_") or k in ("REDIS_URL", "MONGO_URL", "LIVEKIT_URL"):
                env.pop(k)
        env.update({
            "SWITCHBOARD_AGENT_KEYS_DEMO": AGENT_KEY,
            "SWITCHBOARD_AUTH_DEMO_USERS": "true",
            "SWITCHBOARD_TCP_BRIDGE_PORT": str(self.bridge_port),
            "SWITCHBOARD_SIMULATOR_ENABLED": "false",
        })
        self.starts += 1
        log = open(self.workdir / ("switchboard-%d.log" % self.starts), "wb")
        self.proc = subprocess.Popen(
            ["java", "-Xmx512m", "-jar", str(self.jar), "--http-port", str(self.http_port)],
            cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("switchboard exited early; see %s" % log.name)
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as resp:
                    if resp.status == 200:
                        self._token = None
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError("switchboard did not become healthy")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    # ---- reading it back ------------------------------------------------------------------

    def _request(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        if token:
            req.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(req, timeout=5) as resp:
            return json.loads(resp.read() or b"null")

    def token(self, user: str = "viewer") -> str:
        if self._token is None or user != "viewer":
            tok = self._request("POST", "/auth/login", {"username": user, "password": user + "-demo"})["token"]
            if user != "viewer":
                return tok
            self._token = tok
        return self._token

    def history(self, room: str) -> dict[str, Any]:
        lines: list[dict[str, Any]] = []
        after = 0
        while True:
            page = self._request("GET", "/api/calls/%s/history?afterSeq=%d" % (room, after), token=self.token())
            lines.extend(page.get("lines") or [])
            after = page.get("lastSeq", after)
            if not page.get("hasMore"):
                page["lines"] = lines
                return page

    def supervisor_action(self, room: str, action: str, body: dict[str, Any]) -> Any:
        return self._request("POST", "/api/calls/%s/%s" % (room, action), body, token=self.token("supervisor"))


@pytest.fixture(scope="session")
def workdir() -> Any:
    d = Path(tempfile.mkdtemp(prefix="sb-livekit-tests-"))
    yield d
    if os.environ.get("SWITCHBOARD_KEEP_TEST_LOGS") != "1":
        shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="session")
def livekit_server(workdir: Path) -> Any:
    server = LiveKitServer(workdir / "livekit")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def switchboard(workdir: Path) -> Any:
    d = workdir / "switchboard"
    d.mkdir()
    node = Switchboard(d).start()
    yield node
    node.stop()


async def wait_for(predicate: Any, timeout: float = 10.0, what: str = "condition") -> Any:
    """Polls ``predicate`` (sync) until truthy; returns its value or fails with ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %.1fs waiting for %s" % (timeout, what))
        await asyncio.sleep(0.05)
