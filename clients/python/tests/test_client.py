"""Tests of the stdlib Switchboard client against local fakes on 127.0.0.1 (no network)."""

import json
import logging
import os
import socket
import struct
import sys
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from switchboard_client import ControlListener, SwitchboardClient  # noqa: E402

# failures are the point of several tests: keep their warnings out of the output
logging.getLogger("switchboard_client").setLevel(logging.CRITICAL)


class FakeGateway:
    """Records POSTs; `delay` seconds before answering with `status`."""

    def __init__(self, status=200, delay=0.0):
        self.requests = []
        self.status = status
        self.delay = delay
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                gateway.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": json.loads(body)})
                time.sleep(gateway.delay)
                payload = b'{"ok":true}'
                try:
                    self.send_response(gateway.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class ClientRequestShapeTest(unittest.TestCase):
    def setUp(self):
        self.gw = FakeGateway()
        self.client = SwitchboardClient(self.gw.url, "key-123", room="call-7", session_id="s-abc", language="en")

    def tearDown(self):
        self.client.close(1)
        self.gw.close()

    def test_posts_seed_compatible_events_with_api_key(self):
        self.client.call_started(customer="Siti Aminah", language="ms", agent="aria")
        self.client.interim("user", "I was", segment_id="u-1")
        self.client.transcript("user", "I was charged twice", final=True, segment_id="u-1")
        self.client.agent_state("thinking")
        self.client.metrics(stt_ms=120, llm_ttft_ms=300, e2e_ms=900)
        self.client.tool_call("lookup_account", {"id": 7}, {"ok": True}, 42)
        self.client.debug("rag", hits=2)
        self.client.sentiment(3, "negative", score=-0.6, confidence=0.9)
        self.client.call_ended("transferred", transfer_target="sip:billing@cc")
        self.assertTrue(self.client.flush(5))

        reqs = self.gw.requests
        self.assertEqual(9, len(reqs))
        for r in reqs:
            self.assertEqual("/call-event", r["path"])
            self.assertEqual("key-123", r["headers"]["x-api-key"], "X-API-Key header (names are case-insensitive)")
            self.assertEqual("application/json", r["headers"]["content-type"])
            self.assertEqual({"room_name", "session_id", "event_type", "data", "event_id", "ts"}, set(r["body"]))
            self.assertEqual("call-7", r["body"]["room_name"])
            self.assertEqual("s-abc", r["body"]["session_id"])
            self.assertIsInstance(r["body"]["ts"], int)
        bodies = [r["body"] for r in reqs]
        self.assertEqual(len(bodies), len({b["event_id"] for b in bodies}), "event ids are unique")
        types = [b["event_type"] for b in bodies]
        self.assertEqual(["call_started", "transcript", "transcript", "agent_state", "metrics", "tool_call", "debug",
                          "sentiment", "call_ended"], types)
        self.assertEqual({"customer": "Siti Aminah", "language": "ms", "agent": "aria"}, bodies[0]["data"])
        interim, final = bodies[1]["data"], bodies[2]["data"]
        self.assertEqual((False, "u-1", "user", "en"), (interim["final"], interim["segment_id"], interim["role"], interim["language"]))
        self.assertEqual((True, "u-1", "I was charged twice"), (final["final"], final["segment_id"], final["text"]))
        self.assertEqual("thinking", bodies[3]["data"]["state"])
        self.assertEqual({"stt_ms": 120, "llm_ttft_ms": 300, "e2e_ms": 900}, bodies[4]["data"])
        self.assertEqual({"name": "lookup_account", "args": {"id": 7}, "result": {"ok": True}, "duration_ms": 42},
                         bodies[5]["data"])
        self.assertEqual({"kind": "rag", "hits": 2}, bodies[6]["data"])
        self.assertEqual({"seq": 3, "label": "negative", "score": -0.6, "confidence": 0.9}, bodies[7]["data"])
        self.assertEqual({"reason": "transferred", "transfer_target": "sip:billing@cc"}, bodies[8]["data"])
        self.assertEqual({"sent": 9, "failed": 0, "dropped": 0}, self.client.stats)


class ClientNeverBlocksNorRaisesTest(unittest.TestCase):
    def test_slow_gateway_times_out_without_blocking_the_caller(self):
        gw = FakeGateway(delay=1.0)
        client = SwitchboardClient(gw.url, "k", room="r1", timeout=0.3)
        try:
            t0 = time.monotonic()
            self.assertTrue(client.agent_state("listening"))
            self.assertLess(time.monotonic() - t0, 0.1, "send returns immediately")
            self.assertTrue(client.flush(5))
            self.assertEqual(1, client.stats["failed"])
            gw.delay = 0.0
            client.agent_state("thinking")
            self.assertTrue(client.flush(5))
            self.assertEqual(1, client.stats["sent"], "the client keeps working after a timeout")
        finally:
            client.close(1)
            gw.close()

    def test_default_timeout_is_five_seconds(self):
        self.assertEqual(5.0, SwitchboardClient("http://127.0.0.1:1", "k", room="r").timeout)

    def test_error_status_is_counted_not_raised(self):
        gw = FakeGateway(status=500)
        client = SwitchboardClient(gw.url, "k", room="r1")
        try:
            client.call_ended("completed")
            self.assertTrue(client.flush(5))
            self.assertEqual({"sent": 0, "failed": 1, "dropped": 0}, client.stats)
        finally:
            client.close(1)
            gw.close()

    def test_unreachable_gateway_never_raises(self):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()  # nothing listens there now
        client = SwitchboardClient("http://127.0.0.1:%d" % port, "k", room="r1", timeout=0.5)
        client.transcript("agent", "hello")
        client.debug("state", to="speaking")
        self.assertTrue(client.flush(5))
        self.assertEqual(2, client.stats["failed"])
        client.close(1)

    def test_full_queue_drops_and_counts(self):
        gw = FakeGateway(delay=0.5)
        client = SwitchboardClient(gw.url, "k", room="r1", max_queue=2)
        try:
            t0 = time.monotonic()
            results = [client.agent_state("thinking") for _ in range(10)]
            self.assertLess(time.monotonic() - t0, 0.2)
            self.assertIn(False, results)
            self.assertGreaterEqual(client.stats["dropped"], 7)
        finally:
            client.close(0.1)
            gw.close()

    def test_bad_input_does_not_raise(self):
        client = SwitchboardClient("http://127.0.0.1:1", "k", room="r1", timeout=0.2)
        self.assertTrue(client.debug("x", obj=object()))  # not JSON-serialisable: fails in the worker
        self.assertTrue(client.flush(5))
        self.assertEqual(1, client.stats["failed"])
        client.close(0.1)


class FakeBridge:
    """A TCP event-bus bridge stand-in: records frames, lets the test push frames."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.port = self.server.getsockname()[1]
        self.frames = []
        self.conn = None
        self.registered = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.conn, _ = self.server.accept()
        while True:
            try:
                header = self._read(4)
                frame = json.loads(self._read(struct.unpack(">I", header)[0]))
            except (OSError, ValueError):
                return
            self.frames.append(frame)
            if frame.get("type") == "register":
                self.registered.set()

    def _read(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.conn.recv(n - len(buf))
            if not chunk:
                raise OSError("closed")
            buf += chunk
        return buf

    def push(self, obj):
        data = json.dumps(obj).encode()
        # split the frame in two writes: the listener must reassemble it
        self.conn.sendall(struct.pack(">I", len(data)) + data[:5])
        time.sleep(0.05)
        self.conn.sendall(data[5:])

    def close(self):
        for s in (self.conn, self.server):
            try:
                s.close()
            except (OSError, AttributeError):
                pass


class ControlListenerTest(unittest.TestCase):
    def test_registers_with_token_and_delivers_control_messages(self):
        bridge = FakeBridge()
        received = []
        got = threading.Event()

        def on_control(body):
            received.append(body)
            got.set()

        listener = ControlListener("127.0.0.1", bridge.port, "call-7", "agent-token-1", on_control, ping_interval=0.2).start()
        try:
            self.assertTrue(bridge.registered.wait(5))
            register = bridge.frames[0]
            self.assertEqual({"type": "register", "address": "agent.call-7.control",
                              "headers": {"token": "agent-token-1"}}, register)
            bridge.push({"type": "message", "address": "agent.other.control", "body": {"type": "end"}})
            guide = {"v": 1, "type": "guide", "room": "call-7", "session_id": "s-1", "text": "Offer a refund", "by": "sup"}
            bridge.push({"type": "message", "address": "agent.call-7.control", "body": guide})
            self.assertTrue(got.wait(5))
            self.assertEqual([guide], received, "only this room's control messages reach the callback")
            time.sleep(0.5)
            self.assertIn({"type": "ping"}, bridge.frames, "idle connections are kept alive with pings")
        finally:
            listener.stop()
            bridge.close()


if __name__ == "__main__":
    unittest.main()
