"""A download button as the guide makes them: the file is built only when tapped, in memory.

Passing a function (not bytes) means nothing is built for a page run, and nothing is kept
(no answers on disk); `on_click="ignore"` means the tap does not rerun the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def lazy_download(
    place: Any,
    label: str,
    make: Callable[[], bytes | str],
    *,
    file_name: str,
    mime: str,
    icon: str,
    key: str,
    help: str | None = None,
    width: str = "stretch",
) -> None:
    """A download button in `place` (a column or st) whose file `make` builds on the tap."""
    place.download_button(
        label,
        data=make,
        file_name=file_name,
        mime=mime,
        on_click="ignore",
        icon=icon,
        key=key,
        help=help,
        width=width,
    )
