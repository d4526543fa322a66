"""The mark of a content text that may hold {placeholders}: `Annotated[str, Placeholders(...)]`."""

from __future__ import annotations


class Placeholders:
    """Marks a text field that may hold these {placeholders}; the loader checks every text at
    load, and a text without this mark may hold none (a stray brace is a content error)."""

    def __init__(self, *names: str) -> None:
        self.names = frozenset(names)
