"""The session's language: the one owner of its choice, its control, and what every page shows
about a translation (the page's language tag, and whether a health professional has checked it).

Other code never reads the choice: `ui.state.get_content()` gives the content in the session's
language, and everything on screen and on paper comes from that content.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import streamlit as st

from sciatica_guide.content import Content
from sciatica_guide.languages import (
    LANG_PARAM,
    browser_languages,
    date_text,
    resolve_language,
)
from sciatica_guide.session import PREFIX
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.state import LANGUAGE_KEY, offered

#: The ?lang= value already taken from the address (taken once: the control's choice then wins).
TAKEN_KEY = PREFIX + "language_taken"

#: Sets <html lang> (screen readers read with the right voice; Chinese breaks lines as Chinese).
_JS = """
export default function ({ data }) {
  const root = document.documentElement;
  if (root.lang !== data.lang) root.lang = data.lang;
}
"""

_page_language = st.components.v2.component("sciatica_guide.page_language", js=_JS)


def choose_language(settings: Settings) -> None:
    """Resolve this run's language and remember it (app.py calls this before loading content)."""
    headers = st.context.headers
    choice = resolve_language(
        offered(settings),
        st.query_params.to_dict(),
        st.session_state.get(LANGUAGE_KEY),
        st.session_state.get(TAKEN_KEY),
        browser_languages(headers.get("Accept-Language"), st.context.locale),
    )
    st.session_state[LANGUAGE_KEY] = choice.language
    st.session_state[TAKEN_KEY] = choice.taken_request


def render_page_language(content: Content) -> None:
    # Keyed: guide.css hides its element (no gap), as the theme probe's.
    _page_language(key="page-language", data={"lang": content.written.html_lang})


def render_language_control(content: Content, settings: Settings) -> None:
    """A button named in the session's language that opens the choice, each language in its
    own name. Not drawn where the deployment offers one language."""
    codes = offered(settings)
    if len(codes) < 2:
        return
    names = {lang.code: lang.name for lang in content.languages.languages}
    current = names.get(content.language, content.language)
    with st.popover(current, icon=":material/translate:", width="content", key="language"):
        st.radio(
            content.languages.words.control,
            options=codes,
            format_func=lambda code: names.get(code, code),
            key=LANGUAGE_KEY,
        )


def english_address(source: str) -> str:
    """This page's address with ?lang= the source language (the reference version)."""
    url = st.context.url or "/"
    path = urlsplit(url).path or "/"
    return f"{quote(path, safe='/')}?{LANG_PARAM}={quote(source)}"


def render_translation_notice(content: Content) -> None:
    """One line at the top of every page of an unchecked translation, with the same page in
    the source language a tap away (opens beside this one: nothing here is lost)."""
    review = content.translation
    if review is None or review.reviewed:
        return
    words = content.languages.words
    link = f"[{escape_markdown(words.in_english)}]({english_address(content.languages.source)})"
    with st.container(key="translation-notice"):
        st.caption(f":material/translate: {escape_markdown(words.unreviewed)} {link}")


def render_translation_review(content: Content) -> None:
    """Under every page of a checked translation: who checked it, and when."""
    review = content.translation
    if review is None or not review.reviewed or review.last_reviewed is None:
        return
    line = content.languages.words.reviewed.format(
        reviewer=review.reviewers, date=date_text(review.last_reviewed, content.language)
    )
    st.caption(escape_markdown(line))
