"""AppTest sessions of a workshop: a presenter on the knowledge check and phones in its room."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from guide_testing.workshop import phone_state
from sciatica_guide.text import unescape_markdown
from sciatica_guide.workshop.state import PRESENTER_ROOM_KEY

APP = str(Path(__file__).parent.parent / "app.py")


def start(query: dict[str, str], page: str, state: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception
    return at


def shown(at: AppTest) -> str:
    kinds = ("markdown", "caption", "warning", "info", "error", "success", "title", "button")
    parts = [
        unescape_markdown(str(getattr(e, "label", None) or e.value))
        for k in kinds
        for e in getattr(at, k)
    ]
    for table in at.table:
        parts.append(table.value.to_csv(index=False))
    return "\n".join(parts)


def presenter_on_quiz() -> tuple[AppTest, str]:
    at = start({"mode": "presenter"}, "quiz.py")
    at.button(key="workshop-start").click().run()
    assert not at.exception
    return at, at.session_state[PRESENTER_ROOM_KEY]


def phones(code: str, n: int) -> list[AppTest]:
    # Each with its browser's token (participant_token.py), as the component would have sent it.
    return [start({"room": code}, "join.py", phone_state(code)) for _ in range(n)]
