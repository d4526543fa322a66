"""The presenter's side of a workshop: start a room, show its code, count phones, end it."""

from __future__ import annotations

import time
from typing import Any, NamedTuple

import streamlit as st

from sciatica_guide import session
from sciatica_guide.article.slides import slide_count
from sciatica_guide.article.state import (
    STEP_KEY,
)
from sciatica_guide.body_map.state import (
    NERVE_KEY,
    ROOTS_KEY,
)
from sciatica_guide.content import Content
from sciatica_guide.content.models import PageSpec
from sciatica_guide.modes import presenter_step
from sciatica_guide.qr import qr_png
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown, plain_markdown
from sciatica_guide.ui.controls import drawn_key
from sciatica_guide.ui.show_technique import technique_on_screen
from sciatica_guide.workshop.codes import spoken
from sciatica_guide.workshop.follow import (
    guide_root,
    is_local_address,
    join_url,
    on_network,
    shared_view,
)
from sciatica_guide.workshop.limits import (
    FLOODS,
    START_REFUSED,
    STARTS_PER_CONNECTION,
    STORE_BUSY,
    STORE_FULL,
    allow,
)
from sciatica_guide.workshop.network import lan_address, network_host
from sciatica_guide.workshop.projector_keys import projector_keys
from sciatica_guide.workshop.quiz_ui import quiz_publication
from sciatica_guide.workshop.room_questions_ui import render_shown_question, render_strip_questions
from sciatica_guide.workshop.rooms import (
    RoomGone,
    RoomLimitReached,
    RoomMoved,
    RoomStore,
    RoomStoreUnavailable,
)
from sciatica_guide.workshop.state import (
    PRESENTER_NOTICE_KEY,
    PRESENTER_ROOM_KEY,
    PUBLISHED_KEY,
    ROOM_VERSION_KEY,
    SHOW_CODE_KEY,
    START_TIMES_KEY,
)
from sciatica_guide.workshop.streamlit_store import (
    get_store,
    unavailable_line,
)

#: How often the presenter's count of phones is refreshed.
COUNT_SECONDS = 5.0
#: The QR code's size on the projector: a phone reads it from the back of a room.
BIG_QR_PX = 420
#: The strip's QR code: for the front rows; J shows the large one.
STRIP_QR_PX = 112


def _forget_room(state: session.StateMap, notice: str | None) -> None:
    for key in (PRESENTER_ROOM_KEY, PUBLISHED_KEY, SHOW_CODE_KEY, ROOM_VERSION_KEY):
        state.pop(key, None)
    if notice:
        state[PRESENTER_NOTICE_KEY] = notice


def _start(content: Content, settings: Settings) -> None:
    words = content.modes.workshop
    if st.session_state.get(PRESENTER_ROOM_KEY) is not None:
        return  # a second click on Start (double-click, replay): one room is enough
    if not allow(st.session_state, START_TIMES_KEY, STARTS_PER_CONNECTION, time.monotonic()):
        FLOODS.note(START_REFUSED)
        st.session_state[PRESENTER_NOTICE_KEY] = words.starts_limited
        return
    try:
        code = get_store(settings).create()
    except RoomLimitReached as refused:
        FLOODS.note(STORE_FULL if refused.reason == "full" else STORE_BUSY)
        full = refused.reason == "full"
        st.session_state[PRESENTER_NOTICE_KEY] = words.rooms_full if full else words.rooms_busy
        return
    except RoomStoreUnavailable as error:
        st.session_state[PRESENTER_NOTICE_KEY] = unavailable_line(
            words.unavailable_presenter, settings, error
        )
        return
    st.session_state[PRESENTER_ROOM_KEY] = code
    # The slide keeps the screen; the strip shows the code, and J shows it large.
    st.session_state[SHOW_CODE_KEY] = False
    st.session_state.pop(PUBLISHED_KEY, None)
    st.session_state[ROOM_VERSION_KEY] = 0


def _end(content: Content, settings: Settings, drawn_for: str) -> None:
    code = st.session_state.get(PRESENTER_ROOM_KEY)
    if code != drawn_for:
        return  # a click drawn for a room this presenter has left already
    try:
        get_store(settings).end(code)
    except RoomStoreUnavailable as error:
        words = content.modes.workshop
        st.session_state[PRESENTER_NOTICE_KEY] = unavailable_line(
            words.unavailable_presenter, settings, error
        )
        return
    _forget_room(st.session_state, content.modes.workshop.ended_presenter)


def _toggle_code(drawn_for: bool) -> None:
    if bool(st.session_state.get(SHOW_CODE_KEY, False)) == drawn_for:
        st.session_state[SHOW_CODE_KEY] = not drawn_for


class GuideAddress(NamedTuple):
    """The address phones open, and whether it is this computer's network address standing in
    for the "localhost" the presenter's browser shows (phones then need the same network)."""

    url: str | None
    on_network: bool = False

    @property
    def for_phones(self) -> str | None:
        """The address, when a phone can open it."""
        return self.url if self.url and not is_local_address(self.url) else None


def guide_address(settings: Settings, page: PageSpec) -> GuideAddress:
    """The setting, else the address the presenter's browser uses, with this computer's network
    address in place of localhost (as Streamlit's "Network URL")."""
    if settings.public_url:
        return GuideAddress(settings.public_url)
    root = guide_root(st.context.url, page.link_path)
    if root is None or not is_local_address(root):
        return GuideAddress(root)
    host = network_host(st.get_option("server.address"), lan_address())
    network = on_network(root, host)
    return GuideAddress(network, on_network=True) if network else GuideAddress(root)


def _address_hint(content: Content, address: GuideAddress) -> None:
    words = content.modes.workshop
    if address.url is None:
        st.warning(words.no_address_hint, icon=":material/qr_code:")
    elif is_local_address(address.url):
        st.warning(words.localhost_hint, icon=":material/qr_code:")
    elif address.on_network:
        st.caption(words.same_network_hint)


def _strip_hint(content: Content, address: GuideAddress) -> None:
    """In the strip, in place of a QR code phones could not open: one line, and why on request
    (the large join code says why too), so the slide keeps the screen."""
    words = content.modes.workshop
    why = words.no_address_hint if address.url is None else words.localhost_hint
    st.caption(
        f":material/qr_code: {escape_markdown(words.strip_no_address)}", help=why, width="content"
    )


def _render_count(content: Content, settings: Settings, code: str) -> None:
    words = content.modes.workshop

    @st.fragment(run_every=COUNT_SECONDS)
    def count() -> None:
        try:
            store = get_store(settings)
            status = store.status(code)
            phones = store.phones(code) if status else 0
        except RoomStoreUnavailable as error:
            st.caption(
                escape_markdown(unavailable_line(words.unavailable_presenter, settings, error))
            )
            return
        if status is None or status.ended:
            _forget_room(st.session_state, words.expired_presenter)
            st.rerun()
        st.markdown(f"**{words.phones.format(count=phones)}**")

    count()


def render_join_panel(content: Content, code: str, address: GuideAddress) -> None:
    """The code, the join address and a QR code, large, on the projector."""
    words = content.modes.workshop
    url = address.for_phones
    with st.container(border=True, key="workshop-join-panel", horizontal=True, gap="large"):
        with st.container(key="workshop-join-text"):
            st.markdown(f"### {words.join_heading}")
            st.markdown(f"<p class='workshop-code'>{spoken(code)}</p>", unsafe_allow_html=True)
            if url:
                st.markdown(escape_markdown(words.join_caption.format(url=join_url(url, code))))
            _address_hint(content, address)
        if url:
            st.image(qr_png(join_url(url, code), scale=10), width=BIG_QR_PX)


def render_presenter_workshop(content: Content, settings: Settings, page: PageSpec) -> None:
    """The workshop's part of every presenter page: a strip along the top of the slide (start,
    or the code, a small QR code, the count and the controls), and the join code large on
    request (J). The sidebar stays closed on a projector (app.py), so nothing needed is there."""
    words = content.modes.workshop
    code = st.session_state.get(PRESENTER_ROOM_KEY)
    address = guide_address(settings, page)
    notice = st.session_state.pop(PRESENTER_NOTICE_KEY, None)
    if notice:
        st.error(escape_markdown(notice), icon=":material/error:")
    url = address.for_phones
    with st.container(
        horizontal=True, vertical_alignment="center", gap="small", key="workshop-strip"
    ):
        if url is None:
            _strip_hint(content, address)
        if code is None:
            if url:
                st.image(qr_png(url, scale=4), width=STRIP_QR_PX)
                st.caption(content.modes.presenter.qr_caption.format(url=plain_markdown(url)))
            st.space("stretch")
            st.button(
                words.start,
                key="workshop-start",
                icon=":material/groups:",
                help=words.start_help,
                on_click=_start,
                args=(content, settings),
                type="primary",
            )
        else:
            if url:
                st.image(qr_png(join_url(url, code), scale=4), width=STRIP_QR_PX)
            with st.container(key="workshop-strip-code", gap="xxsmall", width="content"):
                st.markdown(
                    f"<p class='workshop-code-small'>{spoken(code)}</p>", unsafe_allow_html=True
                )
                _render_count(content, settings, code)
                # Under the count, not beside it: the strip stays one row at 1280x720.
                render_strip_questions(content, settings, code)
            st.space("stretch")
            showing = bool(st.session_state.get(SHOW_CODE_KEY))
            st.button(
                words.hide_code if showing else words.show_code,
                # Keys name what each control is drawn for (ui/controls.py): one click acts once.
                key=drawn_key("workshop-toggle-code", showing),
                icon=":material/qr_code:",
                on_click=_toggle_code,
                args=(showing,),
                shortcut="J",
            )
            st.button(
                words.end,
                key=drawn_key("workshop-end", code),
                icon=":material/stop_circle:",
                help=words.end_help,
                on_click=_end,
                args=(content, settings, code),
            )
        projector_keys(content)
    if code is not None and st.session_state.get(SHOW_CODE_KEY):
        render_join_panel(content, code, address)
    elif address.on_network:
        _address_hint(content, address)
    if code is not None:
        render_shown_question(content, settings, code)


def publish_presenter_view(
    content: Content, settings: Settings, page: PageSpec, *, say_problem: bool = True
) -> None:
    """Tell the room what the presenter's page shows now, if that changed (before the page
    runs, and after: `say_problem` False there, so a store out of reach is said once)."""
    code = st.session_state.get(PRESENTER_ROOM_KEY)
    if code is None:
        return
    state = st.session_state
    view = shared_view(
        page.id,
        step=presenter_step(int(state.get(STEP_KEY, 0)), 0, slide_count(content)),
        region=session.get_selected_region(state),
        nerve=bool(state.get(NERVE_KEY, False)),
        roots=bool(state.get(ROOTS_KEY, False)),
        technique=technique_on_screen(state, page.id),
    )
    # The knowledge check's stage rides along, and says which question phones may answer.
    quiz_part, accepting, accept_for = quiz_publication(content, state, page.id)
    published = (view, quiz_part, accepting)
    if state.get(PUBLISHED_KEY) == published:
        return
    words = content.modes.workshop
    try:
        version = _publish(
            get_store(settings), code, view.as_dict() | quiz_part, accepting, accept_for
        )
    except RoomGone:
        _forget_room(state, words.expired_presenter)
        st.rerun()
    except RoomStoreUnavailable as error:
        # Not marked as published: the next run tries again.
        if say_problem:
            line = unavailable_line(words.unavailable_presenter, settings, error)
            st.error(escape_markdown(line), icon=":material/error:")
        return
    state[PUBLISHED_KEY] = published
    state[ROOM_VERSION_KEY] = version


def _publish(
    store: RoomStore,
    code: str,
    view: dict[str, Any],
    accepting: str | None,
    accept_for: float | None,
) -> int:
    """Publish from the version this presenter last published (compare-and-set): the room
    moves once per change of the presenter's page, never twice for one."""
    expect = st.session_state.get(ROOM_VERSION_KEY)
    try:
        return store.publish(code, view, accepting=accepting, accept_for=accept_for, expect=expect)
    except RoomMoved as moved:
        # The room is not where this presenter left it (an earlier publication whose answer
        # was lost, or a replay). If it shows this view already, nothing moves again.
        room = store.room(code)
        if room is not None and room.version == moved.version and room.view == view:
            return moved.version
        # Otherwise the presenter's page is what the room shows: once more, from where it is.
        return store.publish(
            code, view, accepting=accepting, accept_for=accept_for, expect=moved.version
        )
