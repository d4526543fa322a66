"""A workshop at scale: 200 protocol-level phones following one presenter, on both room stores.

    python -m benchmarks.workshop_bench                  # 200 phones, memory and Redis
    python -m benchmarks.workshop_bench --phones 20 --moves 2 --backends memory   # quick

Each phone is a websocket session on /join?room=CODE that has sent its browser's token (so it
counts in the room) and does what its page does in a browser: its waker keeps one request on
the wait route (sciatica_guide/workshop/wake.py) and, on an answer, fires the waker's event, which
reruns the followed fragment; its fallback timer reruns the watch fragment every
FALLBACK_POLL_SECONDS. The presenter presses Next; the time to a phone is from that press until
the phone's session has run the new section. Also measured: the server's CPU while the phones wait
and nothing changes. Loopback only; Redis is Debian's redis-server on a free port. Writes
benchmarks/results/workshop.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchmarks.protocol_bench import cpu_seconds, percentile
from guide_testing.protocol import AsyncStreamlitSession, RerunResult
from guide_testing.redis_server import run_redis
from guide_testing.server import run_streamlit
from guide_testing.workshop import new_token, room_code, step_label_of, wait_for_room
from sciatica_guide.content import load_content
from sciatica_guide.workshop.participant_token import TOKEN_COMPONENT_KEY, TOKEN_EVENT
from sciatica_guide.workshop.participant_ui import FALLBACK_POLL_SECONDS
from sciatica_guide.workshop.waker import CHANGED_EVENT, WAKER_KEY

RESULTS = Path(__file__).resolve().parent / "results" / "workshop.json"
#: Issue 30: p95 <= 1 s for 200 protocol-level phones (<= 0.5 s for 3 phones in Chromium).
TARGET_P95_S = 1.0
TARGET_IDLE_CPU = 0.25


async def press(session: AsyncStreamlitSession, label: str, page: RerunResult) -> RerunResult:
    widget = next(e.widget_id for e in page.elements if e.text == label and e.widget_id)
    return await session.rerun(query_string=None, widget_states={widget: True})


class Phone:
    def __init__(self, url: str) -> None:
        self.url = url
        self.session = AsyncStreamlitSession(url)
        self.token = new_token()
        self.code = ""
        self.label: str | None = None
        self.seen_at: dict[str, float] = {}
        self.errors = 0
        self.version = 0
        # One run at a time on a session, as a browser sends them.
        self._running = asyncio.Lock()

    async def join(self, code: str) -> None:
        self.code = code
        await self.session.connect()
        result = await self.session.rerun(page="join", query_string=f"room={code}")
        if not result.ok or step_label_of(result) is None:
            raise RuntimeError(f"a phone could not join: {result.status}")
        value = {"room": code, "token": self.token}
        result = await self.session.component_event(TOKEN_COMPONENT_KEY, TOKEN_EVENT, value)
        if not result.ok:
            raise RuntimeError(f"a phone could not send its token: {result.status}")
        self.label = step_label_of(result)

    def _saw(self, result: RerunResult) -> None:
        if result.status in ("success", "fragment_success"):
            label = step_label_of(result)
            if label and label != self.label:
                self.label = label
                self.seen_at[label] = time.perf_counter()
        else:
            self.errors += 1

    async def wake(self, stop: asyncio.Event) -> None:
        """The waker: one request waiting on the route; on an answer, the waker's event."""
        while not stop.is_set():
            try:
                status, body = await wait_for_room(self.url, self.code, self.token, self.version)
            except Exception:
                self.errors += 1
                await asyncio.sleep(1)
                continue
            if status == 204:
                continue
            if status == 409:
                return  # the room is over
            if status != 200 or body is None:
                self.errors += 1
                await asyncio.sleep(1)
                continue
            self.version = int(body["version"])
            async with self._running:
                try:
                    result = await self.session.component_event(
                        WAKER_KEY, CHANGED_EVENT, self.version
                    )
                except Exception:
                    self.errors += 1
                    continue
            self._saw(result)

    async def follow(self, stop: asyncio.Event, period: float) -> None:
        """The fallback: a browser's timer, one watch-fragment rerun per period."""
        (fragment,) = self.session.fragments
        next_tick = time.perf_counter() + random.random() * period
        while not stop.is_set():
            await asyncio.sleep(max(0.0, next_tick - time.perf_counter()))
            next_tick += period
            if stop.is_set():
                break  # the room ends: the page's timer goes with its fragment
            async with self._running:
                try:
                    result = await self.session.rerun(fragment_id=fragment, query_string=None)
                except Exception:
                    self.errors += 1
                    continue
            self._saw(result)


async def workshop(url: str, pid: int, phones_n: int, moves: int, idle_s: float) -> dict[str, Any]:
    content = load_content()
    words = content.modes.workshop
    presenter = await AsyncStreamlitSession(url).connect()
    page = await presenter.rerun(page="present", query_string="mode=presenter")
    page = await press(presenter, words.start, page)
    code = room_code(page)
    phones = [Phone(url) for _ in range(phones_n)]
    for i in range(0, phones_n, 10):
        await asyncio.gather(*(p.join(code) for p in phones[i : i + 10]))
    stop = asyncio.Event()
    tasks = [asyncio.create_task(p.follow(stop, FALLBACK_POLL_SECONDS)) for p in phones]
    tasks += [asyncio.create_task(p.wake(stop)) for p in phones]
    await asyncio.sleep(3)  # every waker waiting, every timer running
    cpu_before, wall_before = cpu_seconds(pid), time.perf_counter()
    await asyncio.sleep(idle_s)
    idle_cpu = (cpu_seconds(pid) - cpu_before) / (time.perf_counter() - wall_before)
    latencies: list[float] = []
    per_phone: list[list[float]] = [[] for _ in phones]
    missed = 0
    move_cpu: list[float] = []
    for _ in range(moves):
        cpu_at_press = cpu_seconds(pid)
        pressed = time.perf_counter()
        page = await press(presenter, content.modes.presenter.next, page)
        label = step_label_of(page)
        assert label
        await asyncio.sleep(4)
        # The server's CPU for one move (the press and every phone's run), less the waiting rate.
        move_cpu.append(
            cpu_seconds(pid) - cpu_at_press - idle_cpu * (time.perf_counter() - pressed)
        )
        for index, phone in enumerate(phones):
            if label in phone.seen_at:
                latencies.append(phone.seen_at[label] - pressed)
                per_phone[index].append(round(phone.seen_at[label] - pressed, 3))
            else:
                missed += 1
    stop.set()
    # A waker's request waits up to WAIT_SECONDS: the room's end answers every one at once.
    await press(presenter, words.end, page)
    await asyncio.gather(*tasks)
    errors = sum(p.errors for p in phones)
    for phone in phones:
        await phone.session.close()
    await presenter.close()
    return {
        "phones": phones_n,
        "moves": moves,
        "p50_s": round(percentile(latencies, 0.5), 3),
        "p95_s": round(percentile(latencies, 0.95), 3),
        "max_s": round(max(latencies), 3) if latencies else None,
        "missed": missed,
        "errors": errors,
        "idle_cpu_share_of_one_core": round(idle_cpu, 3),
        #: The server's CPU per phone for one move (median of the moves), beyond its idle rate:
        #: the figure the p95 is made of, since one process runs the phones' reruns in turn.
        "server_cpu_ms_per_phone_move": round(percentile(move_cpu, 0.5) / phones_n * 1000, 2),
        #: Each phone's time to each new section, in order of the moves.
        "per_phone_s": per_phone,
    }


def _pin(pid: int, cpus: set[int]) -> None:
    """Keep a process (and its threads) on `cpus`, where the system allows it."""
    import os

    for task in os.listdir(f"/proc/{pid}/task"):
        os.sched_setaffinity(int(task), cpus)


def run(backend: str, phones: int, moves: int, idle_s: float, pin: bool = False) -> dict[str, Any]:
    """`pin`: the guide's server on the first CPU, this load generator and Redis on the others,
    as in a room where the phones are other devices (needs 2 CPUs or more)."""
    import os

    with ExitStack() as stack:
        env: dict[str, str] = {}
        redis_pid = None
        if backend == "redis":
            redis = stack.enter_context(run_redis())
            env["SCIATICA_GUIDE_ROOM_STORE"] = redis.url
            redis_pid = redis.process.pid
        app = stack.enter_context(run_streamlit(env=env))
        cpus = sorted(os.sched_getaffinity(0))
        pinned = pin and len(cpus) >= 2
        if pinned:
            _pin(app.process.pid, {cpus[0]})
            for pid in (os.getpid(), redis_pid):
                if pid is not None:
                    _pin(pid, set(cpus[1:]))
        try:
            result = asyncio.run(workshop(app.url, app.process.pid, phones, moves, idle_s))
        finally:
            if pinned:
                os.sched_setaffinity(0, set(cpus))
    return {"backend": backend, "pinned": pinned, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--moves", type=int, default=5)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--backends", default="memory,redis")
    parser.add_argument(
        "--pin",
        action="store_true",
        help="the server on one CPU, the phones and Redis on the others",
    )
    args = parser.parse_args()
    results = [
        run(b, args.phones, args.moves, args.idle_seconds, args.pin)
        for b in args.backends.split(",")
    ]
    print(
        "| Store | Phones | p50 to new section | p95 | max | missed | errors | CPU waiting"
        " | server CPU per phone and move |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['backend']} | {r['phones']} | {r['p50_s']} s | {r['p95_s']} s | {r['max_s']} s"
            f" | {r['missed']} | {r['errors']} | {r['idle_cpu_share_of_one_core']:.0%}"
            f" | {r['server_cpu_ms_per_phone_move']} ms |"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"targets": {"p95_s": TARGET_P95_S, "idle_cpu": TARGET_IDLE_CPU}, "results": results},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
