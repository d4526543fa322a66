"""The room's questions at scale: 200 protocol-level phones answer an open question and vote for
the question on the projector, all within 10 seconds.

    python -m benchmarks.room_questions_bench                       # 200 phones, memory and Redis
    python -m benchmarks.room_questions_bench --phones 20 --backends memory   # quick

The presenter starts a room and goes to the knowledge check's open question; a phone asks the
presenter a question, and the review page (a session of its own, opened with the projector's
review link) shows it on the projector. The phones join and open their questions panel; the
presenter asks the open question. Each phone then sends its words and votes for the shown
question, each at a random moment in the first 9.5 s. The projector's two live fragments (the
room's words and the shown question) rerun every half second, as the browser's timers do.
Measured: for each vote and each answer, the time until the projector's count includes it (p95;
target 1 s); errors. Loopback only. Writes benchmarks/results/room_questions.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import time
from pathlib import Path
from typing import Any

from benchmarks import quiz_bench
from benchmarks.open_bench import WORDS, projector_state
from benchmarks.open_bench import Phone as OpenPhone
from benchmarks.quiz_bench import widget
from guide_testing.protocol import AsyncStreamlitSession, RerunResult
from guide_testing.workshop import room_code
from sciatica_guide.content import load_content
from sciatica_guide.text import unescape_plain
from sciatica_guide.workshop.open_answers import MAX_ANSWER_CHARS
from sciatica_guide.workshop.open_ui import LIVE_SECONDS
from sciatica_guide.workshop.room_questions import MAX_ASK_CHARS
from sciatica_guide.workshop.room_questions_ui import PROJECTOR_SECONDS

RESULTS = Path(__file__).resolve().parent / "results" / "room_questions.json"
WINDOW_S = 9.5
TARGET_P95_S = 1.0
QUESTION = "Should I use heat or ice after a massage?"


def widget_with_key(page: RerunResult, key: str) -> str:
    """A widget drawn with a user key (Streamlit puts the key in its id)."""
    return next(e.widget_id for e in page.elements if e.widget_id and key in e.widget_id)


def shown_votes(result: RerunResult, votes_label: str) -> int | None:
    """The votes the projector shows for the question on it ("... · Votes: 12")."""
    pattern = re.compile(re.escape(votes_label).replace(r"\{count\}", r"(\d+)"))
    for element in result.elements:
        found = pattern.search(unescape_plain(element.text or ""))
        if found:
            return int(found.group(1))
    return None


class Phone(OpenPhone):
    """A phone that answers the open question (open_bench) and votes for the shown question."""

    voted_at: float | None = None

    async def open_panel(self, label: str) -> None:
        assert self.page is not None
        states = {widget(self.page, label): True}
        self.page = await self.session.rerun(query_string=None, widget_states=states)

    async def vote(self) -> None:
        """Tap Vote: a rerun of the panel's fragment, as the browser sends it."""
        assert self.page is not None
        try:
            button = next(
                e
                for e in self.page.elements
                if e.widget_id and "room-vote-q1--False" in e.widget_id
            )
            assert button.widget_id is not None
            result = await self.session.rerun(
                query_string=None,
                widget_states={button.widget_id: True},
                fragment_id=button.fragment_id,
            )
        except Exception:
            self.errors += 1
            return
        if result.status not in ("success", "fragment_success"):
            self.errors += 1
        self.voted_at = time.perf_counter()

    async def answer_and_vote(self, box: str, button: str, start: float) -> None:
        """Each at a random moment of the window, in the order they fall (one run at a time,
        as one browser tab sends them)."""
        moments = sorted(random.random() * WINDOW_S for _ in range(2))
        first_is_vote = random.random() < 0.5
        for i, moment in enumerate(moments):
            await asyncio.sleep(max(0.0, start + moment - time.perf_counter()))
            if (i == 0) == first_is_vote:
                await self.vote()
            else:
                await self.send(self.first, box, button)


def p95(delays: list[float]) -> float | None:
    delays = sorted(delays)
    return round(delays[max(0, round(0.95 * len(delays)) - 1)], 3) if delays else None


def delays_until_counted(taken: list[float], seen: list[tuple[float, int | None]]) -> list[float]:
    """For each event (in time order), the time until the projector's count reached its rank."""
    out = []
    for rank, at in enumerate(sorted(taken), start=1):
        shown_at = next((t for t, n in seen if t >= at and (n or 0) >= rank), None)
        if shown_at is not None:
            out.append(shown_at - at)
    return out


async def check(url: str, phones_n: int) -> dict[str, Any]:
    content = load_content()
    words = content.workshop.words
    room_words = content.workshop.room_questions
    questions = content.workshop.questions
    open_question = next(q for q in questions if q.is_open)
    presenter = await AsyncStreamlitSession(url).connect()
    page = await presenter.rerun(page="present", query_string="mode=presenter")
    page = await presenter.rerun(
        query_string=None, widget_states={widget(page, content.modes.workshop.start): True}
    )
    code = room_code(page)
    review_url = next(e.spec for e in page.elements if e.kind == "link_button" and e.spec)

    # A phone asks; the review page shows its question on the projector.
    asker = Phone(url, "asker", None)
    await asker.join(code)
    await asker.open_panel(room_words.ask_heading)
    assert asker.page is not None
    ask = {
        widget(asker.page, room_words.ask_input.format(limit=MAX_ASK_CHARS)): QUESTION,
        widget(asker.page, room_words.ask_send): True,
    }
    asker.page = await asker.session.rerun(query_string=None, widget_states=ask)
    review = await AsyncStreamlitSession(url).connect()
    path, _, query = review_url.partition("?")
    reviewed = await review.rerun(page=path, query_string=query)
    reviewed = await review.rerun(
        query_string=None, widget_states={widget_with_key(reviewed, "room-review-shown-q1"): True}
    )

    # The knowledge check's open question; the phones join and open their questions panel.
    page = await presenter.rerun(page="knowledge-check", query_string=None)
    for _ in range(questions.index(open_question)):
        page = await presenter.rerun(
            query_string=None, widget_states={widget(page, words.next): True}
        )
    phones = [Phone(url, WORDS[i % len(WORDS)][0], None) for i in range(phones_n)]
    for i in range(0, phones_n, 10):
        await asyncio.gather(*(p.join(code) for p in phones[i : i + 10]))
    page = await presenter.rerun(query_string=None, widget_states={widget(page, words.open): True})
    # Every fragment the projector's timers rerun this often: the room's words, the strip's
    # count of questions and the shown question.
    fragments = [
        f for f, every in presenter.fragments.items() if every in (LIVE_SECONDS, PROJECTOR_SECONDS)
    ]
    for i in range(0, phones_n, 10):
        batch = phones[i : i + 10]
        await asyncio.gather(*(p.see_question() for p in batch))
        await asyncio.gather(*(p.open_panel(room_words.ask_heading) for p in batch))

    answers_seen: list[tuple[float, int | None]] = []
    votes_seen: list[tuple[float, int | None]] = []
    presenter_errors = 0
    stop = asyncio.Event()

    async def projector() -> None:
        nonlocal presenter_errors
        next_tick = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(max(0.0, next_tick - time.perf_counter()))
            next_tick += LIVE_SECONDS
            for fragment in fragments:
                result = await presenter.rerun(fragment_id=fragment, query_string=None)
                if result.status != "fragment_success":
                    presenter_errors += 1
                    continue
                now = time.perf_counter()
                answered, _ = projector_state(result)
                if answered is not None:
                    answers_seen.append((now, answered))
                votes = shown_votes(result, room_words.votes)
                if votes is not None:
                    votes_seen.append((now, votes))

    watcher = asyncio.create_task(projector())
    box = words.open_input.format(limit=MAX_ANSWER_CHARS)
    start = time.perf_counter()
    await asyncio.gather(*(p.answer_and_vote(box, words.open_send, start) for p in phones))
    busy_s = max(max(p.done_at, p.voted_at or 0.0) for p in phones) - start
    await asyncio.sleep(TARGET_P95_S + 2.0)
    stop.set()
    await watcher
    answer_delays = delays_until_counted(
        [p.first_at for p in phones if p.first_at is not None], answers_seen
    )
    vote_delays = delays_until_counted(
        [p.voted_at for p in phones if p.voted_at is not None], votes_seen
    )
    for phone in (*phones, asker):
        await phone.session.close()
    await review.close()
    await presenter.close()
    return {
        "phones": phones_n,
        "busy_s": round(busy_s, 2),
        "votes_shown": votes_seen[-1][1] if votes_seen else None,
        "answers_shown": answers_seen[-1][1] if answers_seen else None,
        "vote_shown_p95_s": p95(vote_delays),
        "answer_shown_p95_s": p95(answer_delays),
        "votes_seen_on_projector": len(vote_delays),
        "answers_seen_on_projector": len(answer_delays),
        "errors": sum(p.errors for p in phones) + asker.errors + presenter_errors,
    }


def run(backend: str, phones: int) -> dict[str, Any]:
    return quiz_bench.run(backend, phones, check)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--backends", default="memory,redis")
    args = parser.parse_args()
    results = [run(b, args.phones) for b in args.backends.split(",")]
    print("| Store | Phones | answers and votes in | vote on projector p95 | answer p95 | errors |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['backend']} | {r['phones']} | {r['busy_s']} s | {r['vote_shown_p95_s']} s"
            f" | {r['answer_shown_p95_s']} s | {r['errors']} |"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"targets": {"p95_s": TARGET_P95_S}, "results": results}, indent=2)
    )


if __name__ == "__main__":
    main()
