"""Drive a Streamlit session without a browser: the websocket protocol the frontend speaks.

A browser tab is one websocket to ``/_stcore/stream`` (subprotocol ``streamlit``). The tab asks
for a script run with ``BackMsg.rerun_script`` (a ``ClientState``: query string, page, widget
values) and the server answers with ``ForwardMsg``s (``new_session``, ``navigation``, one
``delta`` per element, ...) until ``script_finished``. This module sends the same messages, so
tests can check what a page says and benchmarks can time script runs and run many sessions at
once (`AsyncStreamlitSession`) without the cost of a browser.

Used by tests (page titles, which replica answered, sticky-session headers) and by
``benchmarks/``. Loopback use only: it is a test client, not a crawler.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import ClientConnection as AsyncConnection
from websockets.asyncio.client import connect as async_connect
from websockets.sync.client import ClientConnection, connect

#: Streamlit's websocket endpoint and the subprotocol its frontend asks for.
STREAM_PATH = "_stcore/stream"
SUBPROTOCOL = "streamlit"
#: Root containers: the first number of every delta path (streamlit.proto.RootContainer).
MAIN, SIDEBAR, EVENT, BOTTOM = 0, 1, 2, 3
#: Streamlit messages can exceed the websockets default of 1 MiB (data frames, large Markdown).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024

_FINISHED_NAMES = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "success",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "interrupted",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_success",
}
# The fields that carry what an element shows, in the order they are looked for.
_TEXT_FIELDS = ("body", "label", "message", "code_text", "text", "title")


class ProtocolError(RuntimeError):
    """The server closed the session or answered with something a browser would not expect."""


@dataclass(frozen=True)
class PageRef:
    """One page of the app, as the server's navigation message lists it."""

    page_script_hash: str
    title: str
    url_path: str
    is_default: bool


@dataclass(frozen=True)
class Element:
    """One element or block the script drew: where, what kind, and the words it shows."""

    path: tuple[int, ...]
    kind: str
    text: str
    widget_id: str | None = None
    #: A Plotly chart's figure (plotly_chart) or a components-v2 element's data
    #: (bidi_component), as JSON; a link button's address (link_button).
    spec: str | None = None
    #: The st.fragment that drew it (a rerun of that fragment redraws it), or None.
    fragment_id: str | None = None

    @property
    def container(self) -> int:
        """MAIN, SIDEBAR, EVENT or BOTTOM."""
        return self.path[0] if self.path else MAIN


@dataclass(frozen=True)
class RerunResult:
    """What one script run sent back, and how long it took from request to ``script_finished``."""

    seconds: float
    status: str
    page_script_hash: str
    page: PageRef | None
    page_not_found: bool
    elements: tuple[Element, ...]
    messages: int
    bytes_received: int

    @property
    def ok(self) -> bool:
        return self.status == "success"

    @property
    def text(self) -> str:
        """Every element's words, one per line, in the order the script drew them."""
        return "\n".join(e.text for e in self.elements if e.text)

    @property
    def main_text(self) -> str:
        """The words of the main area only (not the sidebar)."""
        return "\n".join(e.text for e in self.elements if e.text and e.container == MAIN)

    def texts(self, kind: str) -> list[str]:
        """The words of every element of one kind, e.g. ``texts("heading")``."""
        return [e.text for e in self.elements if e.kind == kind]

    @property
    def widget_ids(self) -> list[str]:
        return [e.widget_id for e in self.elements if e.widget_id]


def stream_url(url: str) -> str:
    """``http://host:port/base`` -> ``ws://host:port/base/_stcore/stream``."""
    parts = urlsplit(url)
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    path = parts.path.rstrip("/") + "/" + STREAM_PATH
    return urlunsplit((scheme, parts.netloc, path, "", ""))


def widget_state(widget_id: str, value: Any) -> WidgetState:
    """A WidgetState proto for a plain Python value (bool, int, float, str, list, dict)."""
    state = WidgetState(id=widget_id)
    if isinstance(value, WidgetState):
        state.CopyFrom(value)
        state.id = widget_id
    elif isinstance(value, bool):
        state.bool_value = value
    elif isinstance(value, int):
        state.int_value = value
    elif isinstance(value, float):
        state.double_value = value
    elif isinstance(value, str):
        state.string_value = value
    elif isinstance(value, bytes):
        state.bytes_value = value
    elif isinstance(value, dict | list | tuple):
        state.json_value = json.dumps(value)
    else:
        raise TypeError(f"no WidgetState field for {type(value).__name__}")
    return state


def _element_text(kind: str, payload: Any) -> tuple[str, str | None]:
    text = ""
    for name in _TEXT_FIELDS:
        if name in payload.DESCRIPTOR.fields_by_name:
            value = getattr(payload, name)
            if isinstance(value, str) and value:
                text = value
                break
    if kind == "exception":
        text = f"{payload.type}: {payload.message}"
    widget_id = None
    if "id" in payload.DESCRIPTOR.fields_by_name:
        widget_id = payload.id or None
    return text, widget_id


def _element_from_delta(msg: ForwardMsg) -> Element | None:
    delta = msg.delta
    path = tuple(msg.metadata.delta_path)
    which = delta.WhichOneof("type")
    if which == "new_element":
        kind = delta.new_element.WhichOneof("type") or "unknown"
        payload = getattr(delta.new_element, kind) if kind != "unknown" else None
    elif which == "add_block":
        kind = "block." + (delta.add_block.WhichOneof("type") or "unknown")
        block_kind = delta.add_block.WhichOneof("type")
        payload = getattr(delta.add_block, block_kind) if block_kind else None
    else:
        return None
    text, widget_id = _element_text(kind, payload) if payload is not None else ("", None)
    spec = None
    if kind == "plotly_chart" and payload is not None:
        spec = payload.spec
    elif kind == "bidi_component" and payload is not None:
        spec = payload.json
    elif kind == "link_button" and payload is not None:
        spec = payload.url
    return Element(
        path=path,
        kind=kind,
        text=text,
        widget_id=widget_id,
        spec=spec,
        fragment_id=delta.fragment_id or None,
    )


#: Components v2 (st.components.v2) report an event such as "select" through one trigger
#: widget per component, whose id Streamlit derives from the component's id (Streamlit 1.67,
#: streamlit/components/v2/bidi_component/main.py, `_make_trigger_id`): there is no public
#: way to learn it. Kept here alone; tests/test_protocol_client.py notices when it changes (a tap
#: sent this way must select the region).
_COMPONENT_TRIGGER_ID = "$$STREAMLIT_INTERNAL_KEY_{component_id}__events"
_TRIGGER_FIELDS = ("trigger_value", "string_trigger_value", "json_trigger_value")


def component_event(component_id: str, event: str, value: Any) -> WidgetState:
    """The widget state a browser sends when a components-v2 element fires `event`."""
    state = WidgetState(id=_COMPONENT_TRIGGER_ID.format(component_id=component_id))
    state.json_trigger_value = json.dumps([{"event": event, "value": value}])
    return state


@dataclass
class _SessionState:
    """What a browser tab remembers between runs; shared by the sync and async sessions."""

    pages: dict[str, PageRef] = field(default_factory=dict)
    page_script_hash: str = ""
    query_string: str = ""
    widget_values: dict[str, WidgetState] = field(default_factory=dict)
    # Like the frontend, remember large cacheable messages so the server can send references.
    message_cache: dict[str, ForwardMsg] = field(default_factory=dict)
    use_message_cache: bool = True
    #: Fragments the page asked to have rerun on a timer (st.fragment(run_every=...)): id ->
    #: seconds. A browser's timer sends these reruns; a client here sends them with rerun().
    fragments: dict[str, float] = field(default_factory=dict)
    #: The last element drawn for each widget id (a fragment's run replaces only its own).
    widgets: dict[str, Element] = field(default_factory=dict)

    def resolve_page(self, page: str | PageRef | None) -> tuple[str, str]:
        """(page_script_hash, page_name) for a rerun: stay, or go to a hash, url path or title."""
        if page is None:
            return self.page_script_hash, ""
        if isinstance(page, PageRef):
            return page.page_script_hash, ""
        if page in self.pages:
            return page, ""
        for ref in self.pages.values():
            if page in (ref.url_path, ref.title):
                return ref.page_script_hash, ""
        # Not known yet (first run): the server matches page_name against each url path, as when
        # a browser opens /<url_path> directly. An unknown name falls back to the default page.
        return "", page

    def build_rerun(
        self,
        page: str | PageRef | None,
        query_string: str | None,
        widget_states: Mapping[str, Any] | Iterable[WidgetState] | None,
        fragment_id: str | None = None,
        auto_rerun: bool = True,
    ) -> bytes:
        page_script_hash, page_name = self.resolve_page(page)
        switching = page is not None and page_script_hash != self.page_script_hash
        if switching:
            # A new page starts with no widget values, as in the browser.
            self.widget_values.clear()
        if widget_states is not None:
            items = (
                widget_states.items()
                if isinstance(widget_states, Mapping)
                else ((s.id, s) for s in widget_states)
            )
            for widget_id, value in items:
                self.widget_values[widget_id] = widget_state(widget_id, value)
        if query_string is not None:
            self.query_string = query_string
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = page_script_hash
        state.page_name = page_name
        state.widget_states.CopyFrom(WidgetStates(widgets=list(self.widget_values.values())))
        # A trigger (a button press, a component's event) counts for one run only, as in the
        # browser: it is not sent again.
        for widget_id, value in list(self.widget_values.items()):
            if value.WhichOneof("value") in _TRIGGER_FIELDS:
                del self.widget_values[widget_id]
        if self.use_message_cache:
            state.cached_message_hashes.extend(self.message_cache)
        if fragment_id:
            # As the browser sends it: for a widget inside the fragment, or from the timer of
            # st.fragment(run_every=...) (auto_rerun).
            state.fragment_id = fragment_id
            state.is_auto_rerun = auto_rerun
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-GB"
        return msg.SerializeToString()

    def new_collector(self) -> _RunCollector:
        return _RunCollector(self, time.perf_counter())


class _RunCollector:
    """Reads the ForwardMsgs of one script run until it finishes (sans I/O)."""

    def __init__(self, session: _SessionState, started: float) -> None:
        self.session = session
        self.started = started
        self.elements: list[Element] = []
        self.messages = 0
        self.bytes = 0
        self.page_not_found = False
        self.run_page_hash = ""
        self.new_session_seen = False

    def feed(self, data: bytes | str) -> RerunResult | None:
        """Take one websocket message; return the result when the run has finished."""
        if isinstance(data, str):
            raise ProtocolError("Streamlit sent a text frame; it only sends protobuf frames")
        self.messages += 1
        self.bytes += len(data)
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.session.message_cache.get(msg.ref_hash)
            if cached is None:
                raise ProtocolError(f"server referred to a message never sent: {msg.ref_hash}")
            metadata = msg.metadata
            msg = ForwardMsg()
            msg.CopyFrom(cached)
            msg.metadata.CopyFrom(metadata)
            kind = msg.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash and self.session.use_message_cache:
            self.session.message_cache[msg.hash] = msg
        if kind == "new_session":
            self.new_session_seen = True
            if not msg.metadata.run.fragment_ids:
                # A full run: the browser stops every fragment's timer here and starts those
                # the run registers again (a fragment can get a new id when the page around it
                # changes). A client that kept the old ones would run a fragment that is gone.
                self.session.fragments.clear()
            self.elements.clear()
            self.page_not_found = False
            self.run_page_hash = msg.new_session.page_script_hash
            self.session.page_script_hash = self.run_page_hash
        elif kind == "navigation":
            pages = {
                p.page_script_hash: PageRef(
                    page_script_hash=p.page_script_hash,
                    title=p.page_name,
                    url_path=p.url_pathname,
                    is_default=p.is_default,
                )
                for p in msg.navigation.app_pages
            }
            self.session.pages = pages
            if msg.navigation.page_script_hash:
                self.run_page_hash = msg.navigation.page_script_hash
                self.session.page_script_hash = self.run_page_hash
        elif kind == "auto_rerun":
            self.session.fragments[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self.session.fragments.pop(fragment_id, None)
        elif kind == "page_info_changed":
            # The script set st.query_params: the browser's address, sent with the next run.
            self.session.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self.page_not_found = True
        elif kind == "delta":
            element = _element_from_delta(msg)
            if element is not None:
                self.elements.append(element)
        elif kind == "script_finished":
            status = _FINISHED_NAMES.get(msg.script_finished, str(msg.script_finished))
            if status == "interrupted" or not self.new_session_seen:
                # A newer run replaced this one (or this ends a run started before ours).
                return None
            return self._result(status)
        return None

    def _result(self, status: str) -> RerunResult:
        seen = {e.widget_id for e in self.elements if e.widget_id}
        # Like the frontend, forget values of widgets the page no longer shows (a fragment's run
        # shows only the fragment: the page's other widgets are still there).
        stale = [] if status == "fragment_success" else self.session.widget_values
        for widget_id in [w for w in stale if w not in seen]:
            del self.session.widget_values[widget_id]
        if status != "fragment_success":
            self.session.widgets.clear()
        self.session.widgets.update({e.widget_id: e for e in self.elements if e.widget_id})
        return RerunResult(
            seconds=time.perf_counter() - self.started,
            status=status,
            page_script_hash=self.run_page_hash,
            page=self.session.pages.get(self.run_page_hash),
            page_not_found=self.page_not_found,
            elements=tuple(self.elements),
            messages=self.messages,
            bytes_received=self.bytes,
        )


def _connect_kwargs(headers: Mapping[str, str] | None, timeout: float) -> dict[str, Any]:
    return {
        "subprotocols": [SUBPROTOCOL],
        "additional_headers": dict(headers or {}),
        "open_timeout": timeout,
        "max_size": MAX_MESSAGE_BYTES,
        # Never route a loopback test through an HTTP(S)_PROXY from the environment.
        "proxy": None,
    }


class _Base:
    _state: _SessionState

    @property
    def pages(self) -> list[PageRef]:
        """The app's pages, known after the first run."""
        return list(self._state.pages.values())

    @property
    def fragments(self) -> dict[str, float]:
        """Fragments the page reruns on a timer: id -> seconds (st.fragment(run_every=...))."""
        return dict(self._state.fragments)

    def widget(self, key: str) -> Element:
        """The last drawn widget with user key `key` (a keyed widget's id ends with it)."""
        for widget_id, element in self._state.widgets.items():
            if widget_id.endswith("-" + key):
                return element
        raise KeyError(key)

    def _event_rerun(self, key: str, event: str, value: Any) -> dict[str, Any]:
        """What a browser sends when the component `key` fires `event`: only its fragment's
        run when it is drawn inside one (not an auto rerun), else a run of the page."""
        element = self.widget(key)
        assert element.widget_id is not None
        return {
            "query_string": None,
            "widget_states": [component_event(element.widget_id, event, value)],
            "fragment_id": element.fragment_id,
            "auto_rerun": False,
        }

    @property
    def current_page(self) -> PageRef | None:
        return self._state.pages.get(self._state.page_script_hash)

    def page(self, url_path_or_title: str) -> PageRef:
        for ref in self._state.pages.values():
            if url_path_or_title in (ref.url_path, ref.title):
                return ref
        raise KeyError(url_path_or_title)


class StreamlitSession(_Base):
    """One browser-like session on a running app, driven synchronously.

    >>> with StreamlitSession("http://127.0.0.1:8501") as session:
    ...     result = session.rerun()               # first load: the default page
    ...     result = session.rerun(page="sources-and-safety")
    ...     result.texts("heading")[0]
    """

    def __init__(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float = 30.0,
        use_message_cache: bool = True,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self._state = _SessionState(use_message_cache=use_message_cache)
        # Entered as a context manager: websockets 17 deprecates using connect() without one.
        self._ws: ClientConnection = connect(
            stream_url(url), **_connect_kwargs(headers, timeout)
        ).__enter__()

    @property
    def handshake_headers(self) -> dict[str, str]:
        """The handshake response's headers (lower-case names; repeated ones joined by ', ')."""
        response = self._ws.response
        assert response is not None
        merged: dict[str, str] = {}
        for name, value in response.headers.raw_items():
            key = name.lower()
            merged[key] = f"{merged[key]}, {value}" if key in merged else value
        return merged

    @property
    def handshake_cookies(self) -> list[str]:
        """Every Set-Cookie header of the handshake response, as sent."""
        response = self._ws.response
        assert response is not None
        return response.headers.get_all("Set-Cookie")

    def rerun(
        self,
        page: str | PageRef | None = None,
        query_string: str | None = "",
        widget_states: Mapping[str, Any] | Iterable[WidgetState] | None = None,
        fragment_id: str | None = None,
        auto_rerun: bool = True,
    ) -> RerunResult:
        """Ask for a script run and wait until it finishes.

        page: None stays on the current page; else a url path, a title, a page script hash or a
        PageRef (before the first run only url paths are known: the server resolves them).
        query_string: without "?"; None keeps the previous one. widget_states: {widget id: value}
        merged into the values the session already holds, as a browser sends them all each run.
        fragment_id: run only that fragment (one of `fragments`), as a browser's timer does; if
        the fragment asks for a full run (st.rerun), the result is that full run's. auto_rerun:
        False for a run that a widget inside the fragment asks for.
        """
        payload = self._state.build_rerun(
            page, query_string, widget_states, fragment_id, auto_rerun
        )
        collector = self._state.new_collector()
        self._ws.send(payload)
        deadline = collector.started + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"script run did not finish within {self.timeout:.0f} s")
            try:
                data = self._ws.recv(timeout=remaining)
            except TimeoutError:
                continue
            except Exception as error:
                raise ProtocolError(f"connection ended during a script run: {error}") from error
            result = collector.feed(data)
            if result is not None:
                return result

    def component_event(self, key: str, event: str, value: Any) -> RerunResult:
        """Fire `event` with `value` on the component with user key `key`, as a tap does."""
        return self.rerun(**self._event_rerun(key, event, value))

    def close(self) -> None:
        self._ws.__exit__(None, None, None)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncStreamlitSession(_Base):
    """The same session for asyncio, so one process can drive many sessions at once."""

    def __init__(self, url: str, *, timeout: float = 60.0, use_message_cache: bool = True) -> None:
        self.url = url
        self.timeout = timeout
        self._state = _SessionState(use_message_cache=use_message_cache)
        self._ws: AsyncConnection | None = None

    async def connect(self, headers: Mapping[str, str] | None = None) -> Self:
        self._ws = await async_connect(
            stream_url(self.url), **_connect_kwargs(headers, self.timeout)
        )
        return self

    async def rerun(
        self,
        page: str | PageRef | None = None,
        query_string: str | None = "",
        widget_states: Mapping[str, Any] | Iterable[WidgetState] | None = None,
        fragment_id: str | None = None,
        auto_rerun: bool = True,
    ) -> RerunResult:
        import asyncio

        if self._ws is None:
            raise ProtocolError("call connect() first")
        payload = self._state.build_rerun(
            page, query_string, widget_states, fragment_id, auto_rerun
        )
        collector = self._state.new_collector()
        await self._ws.send(payload)

        async def read() -> RerunResult:
            assert self._ws is not None
            while True:
                result = collector.feed(await self._ws.recv())
                if result is not None:
                    return result

        return await asyncio.wait_for(read(), timeout=self.timeout)

    async def component_event(self, key: str, event: str, value: Any) -> RerunResult:
        """Fire `event` with `value` on the component with user key `key`, as a tap does."""
        return await self.rerun(**self._event_rerun(key, event, value))

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
