"""The agent never waits on Switchboard: killed or hung mid-call, the turns keep their latency."""

from __future__ import annotations

import os
import signal
import statistics
import time

import pytest

from .conftest import Switchboard, wait_for
from .fakes import PHRASES
from .harness import Call


@pytest.fixture
def own_switchboard(workdir):
    d = workdir / ("switchboard-outage-%d" % time.monotonic_ns())
    d.mkdir()
    node = Switchboard(d).start()
    yield node
    node.stop()


async def turn(call: Call, index: int) -> float:
    """Seconds from the customer's last voiced frame to the agent's reply reaching TTS."""
    await call.wait_listening()
    before = len(call.tts_times)
    await call.customer.say(index)
    said_at = time.monotonic()
    await wait_for(lambda: len(call.tts_times) > before and call.tts.texts[before] == "I heard: %s." % PHRASES[index],
                   30, "reply to phrase %d" % index)
    return call.tts_times[before] - said_at


async def test_agent_keeps_its_latency_when_switchboard_dies_or_hangs_and_sending_resumes(livekit_server, own_switchboard):
    call = Call(livekit_server, own_switchboard)
    await call.start(max_queue=40)
    try:
        sender = call.supervision.sender
        baseline = [await turn(call, i) for i in (0, 1, 2)]  # the same phrases in every phase

        own_switchboard.kill()
        down = [await turn(call, i) for i in (0, 1, 2)]
        assert sender.stats.failed >= 1 and sender.stats.dropped_down >= 1, sender.stats
        assert sender.switchboard_down or sender.stats.failed >= 2

        # back (a new node), then hung rather than dead: connections open, nothing answers (5 s
        # client timeout). A JVM start on a loaded machine disturbs the media path for a while,
        # so the hung turns are compared with the turns right after the restart.
        own_switchboard.start()
        restarted = [await turn(call, i) for i in (0, 1, 2)]
        os.killpg(own_switchboard.proc.pid, signal.SIGSTOP)
        try:
            hung = [await turn(call, i) for i in (0, 1, 2)]
            assert sender._queue.qsize() <= 40  # bounded
        finally:
            os.killpg(own_switchboard.proc.pid, signal.SIGCONT)

        noise = max(0.4, 3 * statistics.pstdev(baseline))  # a shared 2-core machine
        print("turn latency s: baseline %s, switchboard killed %s, restarted %s, hung %s, stats %s"
              % ([round(x, 3) for x in baseline], [round(x, 3) for x in down], [round(x, 3) for x in restarted],
                 [round(x, 3) for x in hung], sender.stats.as_dict()))
        assert statistics.median(down) <= statistics.median(baseline) + noise
        assert statistics.median(hung) <= statistics.median(restarted) + max(0.4, 3 * statistics.pstdev(restarted))
        assert not call.agent_errors, call.agent_errors
        assert sender.stats.dropped >= 1

        # back: the next events get through to the (restarted) node
        sent_before = sender.stats.sent
        await wait_for(lambda: not sender.switchboard_down, 10, "breaker half-open")
        await turn(call, 1)
        await wait_for(lambda: sender.stats.sent > sent_before, 15, "sending resumed")
        await call.wait_user_line(PHRASES[1], timeout=15)
    finally:
        await call.close()
