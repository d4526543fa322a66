"""AppTest runs of the whole app (app.py), from an address's query, and the words they show."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from sciatica_guide import APP_ROOT
from sciatica_guide.text import unescape_markdown

APP = str(APP_ROOT / "app.py")


def run_app(query: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    """A fresh session opened at an address with `query`, then on `page` (a script in
    app_pages/) if given; it must run without an exception."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


def shown_text(at: AppTest) -> str:
    """The Markdown, captions, errors, notes and section titles on screen, unescaped."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [i.value for i in at.info]
    parts += [x.label for x in at.expander]
    return unescape_markdown("\n".join(str(p) for p in parts))
