"""Measures what one observer process costs per observed room (RSS and CPU while the calls talk).
Prints the figures docs/observer.md quotes; asserts only a generous ceiling."""

from __future__ import annotations

import asyncio
import uuid

import psutil

from conftest import Customer, Stack, eventually, read_status


async def sample(proc: psutil.Process, seconds: float, customers: list[Customer]) -> tuple[float, float]:
    cpu0 = proc.cpu_times()
    t0 = asyncio.get_running_loop().time()
    turn = 0
    while asyncio.get_running_loop().time() - t0 < seconds:
        for c in customers:
            await c.say(f"turn {turn}")
        turn += 1
        await asyncio.sleep(1.0)
    cpu1 = proc.cpu_times()
    elapsed = asyncio.get_running_loop().time() - t0
    cpu = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / elapsed * 100
    return cpu, proc.memory_info().rss / 2**20


async def test_cost_per_room(stack: Stack) -> None:
    obs, status = stack.start_observer("cost")
    proc = psutil.Process(obs.pid)
    await eventually(lambda: "at" in read_status(status), 20, "observer up")
    await asyncio.sleep(2)
    idle_cpu, idle_rss = await sample(proc, 5, [])
    rooms, customers = [], []
    for _ in range(3):
        room = "cost-" + uuid.uuid4().hex[:6]
        c = Customer(stack, room)
        await c.join()
        stack.start_agent(room)
        rooms.append(room)
        customers.append(c)
    await eventually(lambda: set(rooms) <= set(read_status(status).get("rooms", [])), 30, "all rooms observed")
    busy_cpu, busy_rss = await sample(proc, 10, customers)
    per_room_rss = (busy_rss - idle_rss) / len(rooms)
    per_room_cpu = (busy_cpu - idle_cpu) / len(rooms)
    print(f"observer cost: idle {idle_rss:.0f} MiB RSS {idle_cpu:.1f}% CPU; {len(rooms)} rooms, one text turn/s each: "
          f"{busy_rss:.0f} MiB {busy_cpu:.1f}% CPU -> per room {per_room_rss:.1f} MiB, {per_room_cpu:.1f}% of one core")
    assert per_room_rss < 100 and per_room_cpu < 50
    for c in customers:
        await c.leave()
