"""A knowledge check at scale: 100 protocol-level phones answer one question within 5 seconds.

    python -m benchmarks.quiz_bench                       # 100 phones, memory and Redis
    python -m benchmarks.quiz_bench --phones 20 --backends memory   # quick

The presenter starts a room and opens the Knowledge check page; the phones join (each a websocket
session on /join?room=CODE that sends its browser's token), then the presenter asks the first
question, which only phones in the room before it was asked may answer. Each phone taps an
answer at a random moment in the first 4.5 s; one in five changes its answer 0.3 s later.
Meanwhile the presenter's live counts fragment reruns once a second, as the browser's timer does
(st.fragment(run_every=1)), and its Plotly chart is read from the figure the server sends.
Measured: every answer counted (the chart's final counts equal the phones' last answers), the
time from the last answer until the chart shows the final counts, and errors. Loopback only.
Writes benchmarks/results/quiz.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from guide_testing.protocol import AsyncStreamlitSession, RerunResult
from guide_testing.redis_server import run_redis
from guide_testing.server import run_streamlit
from guide_testing.workshop import new_token, room_code
from sciatica_guide.content import load_content
from sciatica_guide.text import unescape_markdown
from sciatica_guide.workshop.participant_token import TOKEN_COMPONENT_KEY, TOKEN_EVENT
from sciatica_guide.workshop.quiz import option_label

RESULTS = Path(__file__).resolve().parent / "results" / "quiz.json"
ANSWER_WINDOW_S = 4.5
CHANGE_AFTER_S = 0.3
TARGET_FINAL_S = 2.0


def widget(page: RerunResult, label: str) -> str:
    return next(e.widget_id for e in page.elements if e.text == label and e.widget_id)


def chart_counts(result: RerunResult) -> list[int] | None:
    for element in result.elements:
        if element.kind == "plotly_chart" and element.spec:
            return [int(x) for x in json.loads(element.spec)["data"][0]["x"]]
    return None


class RoomPhone:
    """A protocol-level phone in a room: joins with its browser's token, then sees the page."""

    def __init__(self, url: str) -> None:
        self.session = AsyncStreamlitSession(url)
        self.errors = 0
        self.done_at = 0.0
        self.page: RerunResult | None = None

    async def join(self, code: str) -> None:
        await self.session.connect()
        self.page = await self.session.rerun(page="join", query_string=f"room={code}")
        if not self.page.ok:
            raise RuntimeError(f"a phone could not join: {self.page.status}")
        # The browser's token (participant_token.py): this phone counts and may answer.
        token = {"room": code, "token": new_token()}
        self.page = await self.session.component_event(TOKEN_COMPONENT_KEY, TOKEN_EVENT, token)

    async def see_question(self) -> None:
        """The run a phone's watcher asks for when the presenter asks: the question drawn."""
        self.page = await self.session.rerun(query_string=None)


class Phone(RoomPhone):
    def __init__(self, url: str, choice: int, change_to: int | None) -> None:
        super().__init__(url)
        self.choice = choice
        self.change_to = change_to

    async def tap(self, label: str, saved: str) -> None:
        assert self.page is not None
        try:
            self.page = await self.session.rerun(
                query_string=None, widget_states={widget(self.page, label): True}
            )
        except Exception:
            self.errors += 1
            return
        if not self.page.ok or saved not in unescape_markdown(self.page.text):
            self.errors += 1
        self.done_at = time.perf_counter()

    async def answer(self, labels: list[str], saved: str, start: float) -> None:
        await asyncio.sleep(
            max(0.0, start + random.random() * ANSWER_WINDOW_S - time.perf_counter())
        )
        await self.tap(labels[self.choice], saved.format(answer=labels[self.choice]))
        if self.change_to is not None:
            await asyncio.sleep(CHANGE_AFTER_S)
            await self.tap(labels[self.change_to], saved.format(answer=labels[self.change_to]))

    @property
    def last(self) -> int:
        return self.choice if self.change_to is None else self.change_to


async def check(url: str, phones_n: int) -> dict[str, Any]:
    content = load_content()
    words = content.workshop.words
    question = content.workshop.questions[0]
    labels = [option_label(question, o.id, words) for o in question.options]
    presenter = await AsyncStreamlitSession(url).connect()
    page = await presenter.rerun(page="present", query_string="mode=presenter")
    page = await presenter.rerun(
        query_string=None, widget_states={widget(page, content.modes.workshop.start): True}
    )
    code = room_code(page)
    page = await presenter.rerun(page="knowledge-check", query_string=None)
    phones = [
        Phone(url, i % len(labels), (i + 1) % len(labels) if i % 5 == 0 else None)
        for i in range(phones_n)
    ]
    # Phones join before the question is asked: only they may answer it (issue 29).
    for i in range(0, phones_n, 10):
        await asyncio.gather(*(p.join(code) for p in phones[i : i + 10]))
    page = await presenter.rerun(query_string=None, widget_states={widget(page, words.open): True})
    live = next(f for f, every in presenter.fragments.items() if every == 1.0)
    for i in range(0, phones_n, 10):
        await asyncio.gather(*(p.see_question() for p in phones[i : i + 10]))
    expected = [sum(1 for p in phones if p.last == k) for k in range(len(labels))]

    seen: list[tuple[float, list[int] | None]] = []
    presenter_errors = 0
    stop = asyncio.Event()

    async def projector() -> None:
        nonlocal presenter_errors
        next_tick = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(max(0.0, next_tick - time.perf_counter()))
            next_tick += 1.0
            result = await presenter.rerun(fragment_id=live, query_string=None)
            if result.status != "fragment_success":
                presenter_errors += 1
                continue
            seen.append((time.perf_counter(), chart_counts(result)))

    watcher = asyncio.create_task(projector())
    start = time.perf_counter()
    await asyncio.gather(*(p.answer(labels, words.phone_saved, start) for p in phones))
    last_answer = max(p.done_at for p in phones)
    answering_s = last_answer - start
    await asyncio.sleep(TARGET_FINAL_S + 2.0)
    stop.set()
    await watcher
    final_at = next((t for t, counts in seen if t >= last_answer and counts == expected), None)
    final_counts = seen[-1][1] if seen else None
    for phone in phones:
        await phone.session.close()
    await presenter.close()
    return {
        "phones": phones_n,
        "changed": sum(1 for p in phones if p.change_to is not None),
        "answering_s": round(answering_s, 2),
        "expected_counts": expected,
        "final_counts": final_counts,
        "all_counted": final_counts == expected,
        "final_shown_after_last_answer_s": (
            round(final_at - last_answer, 3) if final_at is not None else None
        ),
        "errors": sum(p.errors for p in phones) + presenter_errors,
    }


def run(
    backend: str,
    phones: int,
    measure: Callable[[str, int], Awaitable[dict[str, Any]]] = check,
) -> dict[str, Any]:
    """`measure` (this module's check by default) against a fresh server with rooms in
    `backend`: "memory" or "redis" (a redis-server of its own)."""
    with ExitStack() as stack:
        env: dict[str, str] = {}
        if backend == "redis":
            env["SCIATICA_GUIDE_ROOM_STORE"] = stack.enter_context(run_redis()).url
        app = stack.enter_context(run_streamlit(env=env))
        result = asyncio.run(measure(app.url, phones))
    return {"backend": backend, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--backends", default="memory,redis")
    args = parser.parse_args()
    results = [run(b, args.phones) for b in args.backends.split(",")]
    print("| Store | Phones | answers in | all counted | final counts shown after | errors |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['backend']} | {r['phones']} ({r['changed']} changed) | {r['answering_s']} s"
            f" | {'yes' if r['all_counted'] else 'NO'} | {r['final_shown_after_last_answer_s']} s"
            f" | {r['errors']} |"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"targets": {"final_s": TARGET_FINAL_S}, "results": results}, indent=2)
    )


if __name__ == "__main__":
    main()
