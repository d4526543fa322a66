"""The shipped content folder, loaded once per test process.

Test modules that need content at import time (to parametrize) and the session `content` fixture
share this one load; the models are frozen, so sharing is safe.
"""

from __future__ import annotations

from functools import cache

from sciatica_guide.content import Content, load_content


@cache
def shipped_content() -> Content:
    return load_content()
