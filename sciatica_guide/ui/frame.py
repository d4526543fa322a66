"""What every page shares: urgent-help signs at the top, the disclaimer, and the session's mode."""

from __future__ import annotations

import base64
import time
from functools import cache
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from sciatica_guide.content import Content
from sciatica_guide.help_html import call_row_html
from sciatica_guide.limits import bounded_query, query_is_bounded
from sciatica_guide.local_help import LocalHelp
from sciatica_guide.modes import (
    IDLE_RESET_NOTICE_KEY,
    MODE_KEY,
    Clock,
    record_activity,
    reset_if_idle,
    resolve_mode,
)
from sciatica_guide.session import clear_person
from sciatica_guide.settings import Mode, Settings
from sciatica_guide.text import escape_markdown, plain_markdown
from sciatica_guide.ui.country import COUNTRY_KEY, choose_country, country_options, help_for
from sciatica_guide.ui.language import (
    render_language_control,
    render_page_language,
    render_translation_notice,
    render_translation_review,
)
from sciatica_guide.ui.palette import palette_css
from sciatica_guide.ui.reading import render_text_size_control, text_size, text_size_css
from sciatica_guide.ui.reconnect import reconnect_style
from sciatica_guide.ui.streamlit_internals import internal_css
from sciatica_guide.ui.theme_probe import render_theme_probe

# Shown only when the content folder or the settings cannot be read, so these words cannot come
# from the content folder.
STARTUP_ERROR_TITLE = "The guide cannot start"
STARTUP_ERROR_HELP = "Ask the person who runs this guide to fix this:"
#: The urgent-help words of last resort, for the one page that cannot read content/red_flags.yaml.
#: The same words as its emergency level and main signs; no number: the setting may be the broken
#: part (docs/clinical-safety.md, H-startup).
LAST_RESORT_URGENT_TITLE = "Get urgent help"
LAST_RESORT_URGENT = (
    "**Call your local emergency number or go to an emergency department now if you have:**\n\n"
    "- Sciatica in both legs\n"
    "- Weakness or numbness in both legs that is bad or getting worse\n"
    "- Numbness, tingling or pins and needles around your genitals or your bottom\n"
    "- New trouble peeing or pooing, or you cannot control it\n\n"
    "Do not have a massage. If you feel very ill, get help now."
)

UI_DIR = Path(__file__).parent
#: A local image: a ":material/...:" page icon would be fetched from a font CDN.
FAVICON_FILE = UI_DIR / "favicon.png"
#: The same image as a data URL, built once per process. Given a file path, st.set_page_config
#: reads the file and registers it as a media file again on every rerun (about 1 ms each); a
#: data URL is passed to the browser as it is. It stays on the app's own page: no request at all.
FAVICON = "data:image/png;base64," + base64.b64encode(FAVICON_FILE.read_bytes()).decode("ascii")
STYLESHEETS = {
    None: "guide.css",
    Mode.CLINIC: "clinic.css",
    Mode.PRESENTER: "presenter.css",
}
#: The clock the idle reset reads; tests replace it.
clock: Clock = time.monotonic


@cache
def _stylesheet(mode: Mode | None) -> str:
    # One <style> element per stylesheet: the file's public rules, then the rules that need
    # Streamlit's internal markup for the same mode (ui/streamlit_internals.py).
    css = (UI_DIR / STYLESHEETS[mode]).read_text(encoding="utf-8")
    if mode is None:
        # The guide's colours first, light and dark (palette.py): every stylesheet uses them.
        css = palette_css() + "\n" + css
    return f"<style>{css}\n{internal_css(mode)}</style>"


def red_flag_markdown(content: Content, help: LocalHelp, *, calls: bool = False) -> str:
    """The urgent-help signs as Markdown: each group's action first, then its signs. With
    `calls`, under the first heading of each level: its call button ("Call <number>", a tel: link)
    and where to go, as an HTML block (help_html.py escapes every text in it)."""
    # Built on every run: a few microseconds (benchmarks/build_costs.py), less than a cache lookup.
    # A setting: shown as plain text, whatever it holds (settings.py checks its shape too).
    number = plain_markdown(help.number)
    lines: list[str] = [content.red_flags.intro, ""]
    shown_levels: set[str] = set()
    for group in content.red_flags.groups:
        lines.append(f"**{content.red_flags.heading(group, number)}**")
        lines.append("")
        if calls and group.level not in shown_levels:
            shown_levels.add(group.level)
            # The emergency number only where the level's own action calls it: a same-day
            # sign gets the advice line, not a button for the ambulance.
            lines += [call_row_html(content, help, group.level, emergency=False), ""]
        lines.extend(f"- {flag.text}" for flag in group.flags)
        lines.append("")
    return "\n".join(lines)


def render_urgent_help(
    content: Content, settings: Settings, help: LocalHelp, *, switch: bool, expanded: bool = False
) -> None:
    """The box on every page: which country its numbers are for (and, unless on a clinic's
    tablet, a control to change it for this session), then every sign under what to do."""
    words = content.site.local_help
    # The text size control shares the urgent-help box's row: no page grows for it.
    row = st.container(horizontal=True, vertical_alignment="top", key="urgent-row", gap="small")
    with row:
        box = st.container(key="urgent-help")
        render_text_size_control(content, colours=switch)
        render_language_control(content, settings)
    with (
        box,
        st.expander(content.red_flags.title, icon=":material/warning:", expanded=expanded),
    ):
        numbers_for = words.numbers_for.format(country=help.country_name)
        st.markdown(
            f"**{escape_markdown(numbers_for)}**\n\n"
            + red_flag_markdown(content, help, calls=True),
            unsafe_allow_html=True,
        )
        # Below the signs and their numbers: what matters in an emergency comes first.
        if switch:
            with st.container(key="country-switch"):
                st.selectbox(
                    words.change_country,
                    options=country_options(content, settings),
                    format_func=lambda code: content.countries[code].name,
                    key=COUNTRY_KEY,
                )


def current_mode(settings: Settings) -> tuple[Mode, str | None]:
    """This session's mode, remembered across pages; and any unknown mode a URL asked for.

    A query with too many or too long values is cut to size first (sciatica_guide/limits.py),
    before any page reads it: nothing of the guide's own is that long.
    """
    query = st.query_params.to_dict()
    if not query_is_bounded(query):
        query = bounded_query(query)
        st.query_params.from_dict(query)
    choice = resolve_mode(settings, query, st.session_state.get(MODE_KEY))
    st.session_state[MODE_KEY] = choice.mode
    return choice.mode, choice.unknown_request


def return_to_start(start_page: StreamlitPage) -> None:
    """Back to the first page with a clean address (no ?region= or other values left over)."""
    st.query_params.clear()
    st.switch_page(start_page)


def start_over(start_page: StreamlitPage) -> None:
    """Forget the person and go back to the first page, for the next patient."""
    clear_person(st.session_state)
    return_to_start(start_page)


def _render_clinic_bar(content: Content, settings: Settings, start_page: StreamlitPage) -> None:
    words = content.modes.clinic
    with st.container(horizontal=True, vertical_alignment="center", key="clinic-bar"):
        if settings.clinic_logo and settings.clinic_logo.is_file():
            st.image(str(settings.clinic_logo), width=64)
        if settings.clinic_name:
            st.markdown(f"**{plain_markdown(settings.clinic_name)}**")
        st.space("stretch")
        if st.button(
            words.start_over,
            key="start-over",
            icon=":material/restart_alt:",
            help=words.start_over_help,
            type="primary",
        ):
            start_over(start_page)
    if settings.clinic_contact:
        st.caption(f"{words.contact_prefix} {plain_markdown(settings.clinic_contact)}")


def _watch_for_idle(settings: Settings, start_page: StreamlitPage) -> None:
    # A page left open checks itself; a fragment rerun is not a tap, so it does not count as use.
    @st.fragment(run_every=settings.idle_check_seconds)
    def idle_watch() -> None:
        if reset_if_idle(st.session_state, settings, clock):
            return_to_start(start_page)

    idle_watch()


def render_frame(
    content: Content,
    settings: Settings,
    mode: Mode,
    start_page: StreamlitPage,
    unknown_mode: str | None = None,
) -> LocalHelp:
    """Shared parts of every page, drawn before the page's own script runs. Returns the
    session's numbers and services (the same as ui.country.session_help())."""
    # One element for both: every element costs a message on every run.
    st.html(_stylesheet(None) + reconnect_style() + text_size_css(text_size(st.session_state)))
    render_theme_probe()
    render_page_language(content)
    render_translation_notice(content)
    if mode in STYLESHEETS:
        st.html(_stylesheet(mode))
    if mode is Mode.CLINIC:
        # Checked on every run too, in case the browser slowed the timer of a background tab.
        if reset_if_idle(st.session_state, settings, clock):
            return_to_start(start_page)
        record_activity(st.session_state, clock)
        _watch_for_idle(settings, start_page)
        _render_clinic_bar(content, settings, start_page)
        if st.session_state.pop(IDLE_RESET_NOTICE_KEY, False):
            st.info(content.modes.clinic.idle_notice, icon=":material/restart_alt:")
    if unknown_mode:
        notice = content.modes.unknown_mode_notice.format(mode=plain_markdown(unknown_mode))
        st.info(notice, icon=":material/info:")
    choice = choose_country(content, settings, mode)
    help = help_for(content, settings, choice.country)
    if choice.unknown_request:
        note = content.site.local_help.unknown_country.format(
            country=plain_markdown(choice.unknown_request), name=plain_markdown(help.country_name)
        )
        st.caption(note)
    render_urgent_help(content, settings, help, switch=mode is not Mode.CLINIC)
    return help


def render_footer(content: Content) -> None:
    """The guide's disclaimer, under every page (the guide draws nothing in the sidebar: its
    pages are in the top bar)."""
    st.caption(content.site.disclaimer.short)
    render_translation_review(content)


def render_startup_error(message: str) -> None:
    # Urgent help first, from built-in words: the content that holds them may be what is broken.
    st.error(f"**{LAST_RESORT_URGENT_TITLE}**\n\n{LAST_RESORT_URGENT}", icon=":material/emergency:")
    # The message can quote a content file or a setting: shown as plain text.
    st.error(
        f"**{STARTUP_ERROR_TITLE}.** {STARTUP_ERROR_HELP}\n\n{plain_markdown(message)}",
        icon=":material/error:",
    )


def run_startup_error_page(message: str) -> None:
    """Show broken content or settings as one clear message on the only page there is."""
    # st.navigation must still run, or Streamlit falls back to listing the raw page files.
    st.set_page_config(page_title=STARTUP_ERROR_TITLE, page_icon=FAVICON)
    st.navigation(
        [
            st.Page(
                lambda: render_startup_error(message), title=STARTUP_ERROR_TITLE, url_path="error"
            )
        ],
        position="hidden",
    ).run()
