"""A download button as the guide makes them, in memory; `on_click="ignore"` means the tap does
not rerun the page.

Given a function, the file is built only when tapped: nothing is built for a page run, and
nothing is kept (no answers on disk). Given bytes, the file is the one already built (the
workshop summary builds its files with the tables on screen).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def lazy_download(
    place: Any,
    label: str,
    make: Callable[[], bytes | str] | bytes | str,
    *,
    file_name: str,
    mime: str,
    icon: str,
    key: str,
    help: str | None = None,
    width: str = "stretch",
) -> None:
    """A download button in `place` (a column or st) for `make`: a function that builds the file
    on the tap, or the file itself."""
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
