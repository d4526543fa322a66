"""Strings built once per content object and reused by every session and rerun.

Content is loaded and validated once per process (ui.state.get_content), so anything derived
from it alone (Markdown of an article section, a technique card) is the same on every rerun.
Building it again each time costs Python work on every tap; this keeps one copy per content.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

from sciatica_guide.content import Content

#: Entries per content object are few (one per section, card or list); the cap only guards
#: against unbounded growth in test runs that load many content folders in one process.
MAX_CONTENTS = 8

_lock = threading.Lock()
_by_content: dict[int, tuple[Content, dict[Hashable, str]]] = {}


def per_content(content: Content, key: Hashable, build: Callable[[], str]) -> str:
    """`build()` the first time for this content object and key; the stored string after."""
    entry = _by_content.get(id(content))
    # The entry holds the content itself, so its id cannot be reused while the entry exists.
    if entry is not None and entry[0] is content:
        found = entry[1].get(key)
        if found is not None:
            return found
    value = build()
    with _lock:
        entry = _by_content.get(id(content))
        if entry is None or entry[0] is not content:
            if len(_by_content) >= MAX_CONTENTS:
                _by_content.pop(next(iter(_by_content)))
            entry = (content, {})
            _by_content[id(content)] = entry
        entry[1][key] = value
    return value
