"""A scripted flood at protocol level, on a real guide server (issue 29): many websocket sessions,
each with a token of its own, cannot push a question over the anonymity threshold once it is
asked; one connection is one phone whatever tokens it sends; a connection that tries codes waits
longer before each new try."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from guide_testing.protocol import AsyncStreamlitSession, RerunResult, StreamlitSession
from guide_testing.server import RunningApp, run_streamlit
from guide_testing.workshop import new_token, press, send_token, start_room
from sciatica_guide.content import Content
from sciatica_guide.text import unescape_markdown
from sciatica_guide.workshop.limits import FREE_MISSES
from sciatica_guide.workshop.participant_token import TOKEN_COMPONENT_KEY, TOKEN_EVENT
from sciatica_guide.workshop.quiz import MIN_SHOWN, option_label

FLOOD = 50


@pytest.fixture(scope="module")
def guide() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


def text(result: RerunResult) -> str:
    return unescape_markdown(result.text)


def widget(page: RerunResult, label: str) -> str:
    return next(e.widget_id for e in page.elements if e.text == label and e.widget_id)


async def scripted_phone(url: str, code: str, label: str) -> str:
    """One scripted 'phone': a new connection, a made-up token, a tap on an answer."""
    session = AsyncStreamlitSession(url, timeout=90)
    await session.connect()
    try:
        page = await session.rerun(page="join", query_string=f"room={code}")
        value = {"room": code, "token": new_token()}
        page = await session.component_event(TOKEN_COMPONENT_KEY, TOKEN_EVENT, value)
        # Sent even though the page shows the button disabled: a script is not a browser.
        page = await session.rerun(query_string=None, widget_states={widget(page, label): True})
        return text(page)
    finally:
        await session.close()


async def flood(url: str, code: str, label: str) -> list[str]:
    pages: list[str] = []
    for start in range(0, FLOOD, 10):
        batch = [scripted_phone(url, code, label) for _ in range(start, min(start + 10, FLOOD))]
        pages += await asyncio.gather(*batch)
    return pages


@pytest.mark.slow
def test_a_flood_of_sessions_cannot_reveal_counts_below_the_threshold(
    guide: RunningApp, content: Content
) -> None:
    words = content.workshop.words
    question = content.workshop.questions[0]
    labels = [option_label(question, o.id, content.workshop.words) for o in question.options]
    with StreamlitSession(guide.url) as presenter, StreamlitSession(guide.url) as honest:
        code, _ = start_room(presenter, content.modes.workshop.start)
        page = presenter.rerun(page="knowledge-check", query_string=None)
        honest.rerun(page="join", query_string=f"room={code}")
        assert send_token(honest, code).ok
        page = press(presenter, words.open, page)
        mine = honest.rerun(query_string=None)
        mine = press(honest, labels[1], mine)
        assert words.phone_saved.format(answer=labels[1]) in text(mine)

        # 50 scripted sessions, each with a token of its own, answer after the question was asked.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pages = pool.submit(asyncio.run, flood(guide.url, code, labels[0])).result()
        assert all(words.phone_late in p for p in pages)
        # One connection sending token after token is still one phone.
        with StreamlitSession(guide.url) as script:
            script.rerun(page="join", query_string=f"room={code}")
            for _ in range(5):
                send_token(script, code)
            tapped = script.rerun(query_string=None)
            tapped = script.rerun(
                query_string=None, widget_states={widget(tapped, labels[0]): True}
            )
            assert words.phone_late in text(tapped)

        page = presenter.rerun(query_string=None)
        shown = text(page)
        assert words.answered.split("{")[0] + "1 " in shown
        assert words.hidden.format(threshold=MIN_SHOWN) in shown
        assert not [e for e in page.elements if e.kind == "plotly_chart"]


def test_one_connection_trying_codes_waits_longer_before_each_try(
    guide: RunningApp, content: Content
) -> None:
    words = content.modes.workshop
    with StreamlitSession(guide.url) as presenter, StreamlitSession(guide.url) as guesser:
        code, _ = start_room(presenter, words.start)
        for wrong in ["WWWWWW", "XXXXXX", "YYYYYY"][:FREE_MISSES]:
            page = guesser.rerun(page="join", query_string=f"room={wrong}")
            assert words.unknown_room in text(page)
        # Even the right code is not looked up while the connection waits.
        page = guesser.rerun(page="join", query_string=f"room={code}")
        assert words.code_wait.format(seconds=2) in text(page)
        assert words.following.split("{")[0] not in text(page)
        # A new connection (a browser that keeps to the rules) joins at once.
        with StreamlitSession(guide.url) as phone:
            page = phone.rerun(page="join", query_string=f"room={code}")
            assert words.following.split("{")[0] in text(page)
