"""Control parsing and the bounded sender, without LiveKit (a local fake gateway)."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import web

from switchboard_livekit import EventSender, Rejected, parse_payload


@pytest.mark.parametrize("payload, reason", [
    (b"{oops", "not_json"),
    (b"\xff\xfe", "not_json"),
    (b"[]", "not_an_object"),
    (b'{"v":2,"type":"pause"}', "unknown_version"),
    (b'{"type":"reboot"}', "unknown_type"),
    (b'{"type":"guide"}', "guide_without_text"),
    (b'{"type":"guide","text":"  "}', "guide_without_text"),
    (b'{"type":"guide","text":7}', "bad_text"),
    (json.dumps({"type": "guide", "text": "x" * 2001}).encode(), "oversized_text"),
    (b" " * 17000, "oversized"),
])
def test_bad_control_payloads_are_rejected_with_their_reason(payload, reason):
    with pytest.raises(Rejected) as info:
        parse_payload(payload)
    assert info.value.reason == reason


def test_a_valid_guide_parses():
    msg = parse_payload(b'{"v":1,"type":"guide","room":"r1","session_id":"s","text":" offer a credit ","by":"sue","at":5,"id":"c-1"}')
    assert (msg.type, msg.room, msg.text, msg.by, msg.at, msg.dedup_key()) == ("guide", "r1", "offer a credit", "sue", 5, "c-1")


async def start_gateway(status=202, delay=0.0):
    received = []

    async def handle(request):
        received.append((request.headers.get("X-API-Key"), await request.json()))
        await asyncio.sleep(delay)
        return web.json_response({"accepted": True}, status=status)

    app = web.Application()
    app.router.add_post("/call-event", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, "http://127.0.0.1:%d" % port, received


async def test_events_are_posted_in_order_with_the_key():
    runner, url, received = await start_gateway()
    try:
        sender = EventSender(url, "k-1", "room-1", "s-1")
        for i in range(5):
            assert sender.send("transcript", {"role": "user", "text": "t%d" % i, "final": True})
        assert await sender.flush(5)
        assert [b["data"]["text"] for _, b in received] == ["t0", "t1", "t2", "t3", "t4"]
        key, body = received[0]
        assert key == "k-1" and body["room_name"] == "room-1" and body["session_id"] == "s-1"
        assert body["event_type"] == "transcript" and body["event_id"] == "s-1:1"
        assert sender.stats.sent == 5
        await sender.aclose()
    finally:
        await runner.cleanup()


async def test_a_slow_gateway_fills_the_bounded_queue_and_drops_without_blocking():
    runner, url, received = await start_gateway(delay=1.0)
    try:
        sender = EventSender(url, "k", "r", "s", max_queue=10)
        loop = asyncio.get_running_loop()
        started = loop.time()
        results = [sender.send("debug", {"kind": "n", "i": i}) for i in range(100)]
        assert loop.time() - started < 0.05  # never waits
        assert results.count(True) == 10 and sender.stats.dropped_full == 90
        await sender.aclose(0.1)
    finally:
        await runner.cleanup()


async def test_a_dead_gateway_is_counted_then_sending_resumes():
    sender = EventSender("http://127.0.0.1:9", "k", "r", "s", min_backoff=0.2, max_backoff=0.2)
    sender.send("debug", {"kind": "a"})
    await sender.flush(5)
    assert sender.stats.failed == 1 and sender.switchboard_down
    assert sender.send("debug", {"kind": "b"}) is False and sender.stats.dropped_down == 1
    runner, url, received = await start_gateway()
    try:
        sender._endpoint = url + "/call-event"  # Switchboard is back (same sender, new address)
        await asyncio.sleep(0.25)
        assert sender.send("debug", {"kind": "c"})
        await sender.flush(5)
        assert sender.stats.sent == 1 and [b["data"]["kind"] for _, b in received] == ["c"]
    finally:
        await sender.aclose(1)
        await runner.cleanup()


async def test_rejected_events_are_counted_not_retried():
    runner, url, received = await start_gateway(status=400)
    try:
        sender = EventSender(url, "k", "r", "s")
        sender.send("debug", {"kind": "x"})
        await sender.flush(5)
        assert sender.stats.rejected == 1 and len(received) == 1 and not sender.switchboard_down
        await sender.aclose()
    finally:
        await runner.cleanup()


def test_the_room_copy_and_a_bridge_copy_of_one_action_share_a_name():
    room_copy = parse_payload(b'{"type":"pause","by":"sue","at":17,"id":"c-9"}')
    bridge_copy = parse_payload(b'{"type":"pause","by":"sue","at":17}')
    later = parse_payload(b'{"type":"pause","by":"sue","at":18}')
    assert set(room_copy.dedup_keys()) & set(bridge_copy.dedup_keys())
    assert not set(room_copy.dedup_keys()) & set(later.dedup_keys())
