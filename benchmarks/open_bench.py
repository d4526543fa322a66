"""An open question at scale: 200 protocol-level phones each send a few words within 10 seconds.

    python -m benchmarks.open_bench                        # 200 phones, memory and Redis
    python -m benchmarks.open_bench --phones 20 --backends memory   # quick

As benchmarks/quiz_bench.py, on the knowledge check's open question: the presenter starts a room
and goes to the open question; the phones join, then the presenter asks. Each phone sends its
words at a random moment in the first 9.5 s (varied case and plurals, so the projector groups
them); one in five changes its words 0.3 s later. The presenter's live words fragment reruns
every LIVE_SECONDS (half a second), as the browser's timer does. Measured: for each answer, the
time until the projector's count includes it (p95); the time from the last answer until the
projector shows every phone's answer and the room's words as the phones last sent them; errors.
Loopback only. Writes benchmarks/results/open.json.
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
from benchmarks.quiz_bench import RoomPhone, widget
from guide_testing.protocol import AsyncStreamlitSession, RerunResult
from guide_testing.workshop import room_code
from sciatica_guide.content import load_content
from sciatica_guide.text import unescape_plain
from sciatica_guide.workshop.open_answers import MAX_ANSWER_CHARS, room_words
from sciatica_guide.workshop.open_ui import LIVE_SECONDS

RESULTS = Path(__file__).resolve().parent / "results" / "open.json"
ANSWER_WINDOW_S = 9.5
CHANGE_AFTER_S = 0.3
TARGET_FINAL_S = 1.0
#: What phones type: one word in several forms, so grouping is measured too.
WORDS = [
    ["Blood thinners", "blood thinner", "BLOOD THINNERS!"],
    ["pain level", "Pain levels"],
    ["surgery", "Surgeries"],
    ["numbness", "Numbness."],
    ["pregnancy", "Pregnancy"],
    ["where it hurts", "Where it hurts"],
    ["medicines", "medicine"],
    ["weak bones", "weak bone"],
]
_ANSWERED = re.compile(r"class='quiz-answered'>[^<]*?(\d+)\D+(\d+)")


def projector_state(result: RerunResult) -> tuple[int | None, set[str]]:
    """The answered count and the words the projector shows (each a button)."""
    answered = None
    for element in result.elements:
        found = _ANSWERED.search(element.text or "")
        if found:
            answered = int(found.group(1))
    shown = {
        unescape_plain(e.text).strip("\u2068\u2069")
        for e in result.elements
        if e.kind == "button" and e.widget_id and "quiz-word-" in e.widget_id
    }
    return answered, shown


class Phone(RoomPhone):
    def __init__(self, url: str, first: str, change_to: str | None) -> None:
        super().__init__(url)
        self.first = first
        self.change_to = change_to
        #: When its first words were taken (the projector's count grows by one then).
        self.first_at: float | None = None

    @property
    def last(self) -> str:
        return self.change_to or self.first

    async def send(self, text: str, box: str, button: str) -> None:
        assert self.page is not None
        try:
            states = {widget(self.page, box): text, widget(self.page, button): True}
            self.page = await self.session.rerun(query_string=None, widget_states=states)
        except Exception:
            self.errors += 1
            return
        if not self.page.ok or text not in unescape_plain(self.page.text):
            self.errors += 1
        self.done_at = time.perf_counter()
        if self.first_at is None:
            self.first_at = self.done_at

    async def answer(self, box: str, button: str, start: float) -> None:
        await asyncio.sleep(
            max(0.0, start + random.random() * ANSWER_WINDOW_S - time.perf_counter())
        )
        await self.send(self.first, box, button)
        if self.change_to is not None:
            await asyncio.sleep(CHANGE_AFTER_S)
            await self.send(self.change_to, box, button)


async def check(url: str, phones_n: int) -> dict[str, Any]:
    content = load_content()
    words = content.workshop.words
    questions = content.workshop.questions
    question = next(q for q in questions if q.is_open)
    presenter = await AsyncStreamlitSession(url).connect()
    page = await presenter.rerun(page="present", query_string="mode=presenter")
    page = await presenter.rerun(
        query_string=None, widget_states={widget(page, content.modes.workshop.start): True}
    )
    code = room_code(page)
    page = await presenter.rerun(page="knowledge-check", query_string=None)
    for _ in range(questions.index(question)):
        page = await presenter.rerun(
            query_string=None, widget_states={widget(page, words.next): True}
        )
    phones = []
    for i in range(phones_n):
        forms = WORDS[i % len(WORDS)]
        later = WORDS[(i + 3) % len(WORDS)][0] if i % 5 == 0 else None
        phones.append(Phone(url, forms[i % len(forms)], later))
    for i in range(0, phones_n, 10):
        await asyncio.gather(*(p.join(code) for p in phones[i : i + 10]))
    page = await presenter.rerun(query_string=None, widget_states={widget(page, words.open): True})
    # The projector reruns several parts every LIVE_SECONDS (the strip, the room's question,
    # the words): the words' part is the one that draws the answered line.
    live = None
    for fragment, every in presenter.fragments.items():
        if every == LIVE_SECONDS:
            probe = await presenter.rerun(fragment_id=fragment, query_string=None)
            if projector_state(probe)[0] is not None:
                live = fragment
                break
    if live is None:
        raise RuntimeError("the projector shows no answered line")
    for i in range(0, phones_n, 10):
        await asyncio.gather(*(p.see_question() for p in phones[i : i + 10]))
    tally: dict[str, int] = {}
    for phone in phones:
        tally[phone.last] = tally.get(phone.last, 0) + 1
    expected_words = {w.text for w in room_words(tally, content.blocked_words.words).words}

    seen: list[tuple[float, int | None, set[str]]] = []
    presenter_errors = 0
    stop = asyncio.Event()

    async def projector() -> None:
        nonlocal presenter_errors
        next_tick = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(max(0.0, next_tick - time.perf_counter()))
            next_tick += LIVE_SECONDS
            result = await presenter.rerun(fragment_id=live, query_string=None)
            if result.status != "fragment_success":
                presenter_errors += 1
                continue
            seen.append((time.perf_counter(), *projector_state(result)))

    watcher = asyncio.create_task(projector())
    box = words.open_input.format(limit=MAX_ANSWER_CHARS)
    start = time.perf_counter()
    await asyncio.gather(*(p.answer(box, words.open_send, start) for p in phones))
    last_answer = max(p.done_at for p in phones)
    answering_s = last_answer - start
    await asyncio.sleep(TARGET_FINAL_S + 2.0)
    stop.set()
    await watcher
    final_at = next(
        (
            t
            for t, answered, shown in seen
            if t >= last_answer and answered == phones_n and shown == expected_words
        ),
        None,
    )
    last_seen = seen[-1] if seen else (0.0, None, set())
    # Each phone's answer, until the projector's count includes it: the count reaches its place
    # among the answers taken so far.
    firsts = sorted(p.first_at for p in phones if p.first_at is not None)
    delays = []
    for rank, taken in enumerate(firsts, start=1):
        shown_at = next((t for t, n, _ in seen if t >= taken and (n or 0) >= rank), None)
        if shown_at is not None:
            delays.append(shown_at - taken)
    delays.sort()
    p95 = delays[max(0, round(0.95 * len(delays)) - 1)] if delays else None
    for phone in phones:
        await phone.session.close()
    await presenter.close()
    return {
        "phones": phones_n,
        "changed": sum(1 for p in phones if p.change_to is not None),
        "answering_s": round(answering_s, 2),
        "expected_words": sorted(expected_words),
        "shown_words": sorted(last_seen[2]),
        "answered_shown": last_seen[1],
        "all_shown": last_seen[1] == phones_n and last_seen[2] == expected_words,
        "answer_shown_p95_s": round(p95, 3) if p95 is not None else None,
        "answers_seen_on_projector": len(delays),
        "final_shown_after_last_answer_s": (
            round(final_at - last_answer, 3) if final_at is not None else None
        ),
        "errors": sum(p.errors for p in phones) + presenter_errors,
    }


def run(backend: str, phones: int) -> dict[str, Any]:
    return quiz_bench.run(backend, phones, check)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--backends", default="memory,redis")
    args = parser.parse_args()
    results = [run(b, args.phones) for b in args.backends.split(",")]
    print(
        "| Store | Phones | answers in | all shown | answer on projector p95"
        " | final words after | errors |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['backend']} | {r['phones']} ({r['changed']} changed) | {r['answering_s']} s"
            f" | {'yes' if r['all_shown'] else 'NO'} | {r['answer_shown_p95_s']} s"
            f" | {r['final_shown_after_last_answer_s']} s"
            f" | {r['errors']} |"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"targets": {"final_s": TARGET_FINAL_S}, "results": results}, indent=2)
    )


if __name__ == "__main__":
    main()
