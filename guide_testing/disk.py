"""Record every attempt to write to the file system while a block of code runs.

An audit hook (PEP 578) sees each `open` (builtin and os.open, any folder, with its mode and
flags) and the calls that create, move or delete files, whatever folder tempfile has cached or
the code chose. Hooks cannot be removed, so one hook is added per process and records only while
`writes_recorded()` is active, on any thread.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Audit events that change the file system without an `open` for writing.
WRITE_EVENTS = frozenset(
    {
        "os.mkdir",
        "os.rename",
        "os.remove",
        "os.rmdir",
        "os.symlink",
        "os.link",
        "os.truncate",
        "os.chmod",
        "os.utime",
        "shutil.copyfile",
        "shutil.copytree",
        "shutil.move",
        "shutil.rmtree",
        "tempfile.mkstemp",
        "tempfile.mkdtemp",
    }
)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

_lock = threading.Lock()
_recorders: list[list[tuple[str, str]]] = []
_installed = False


def _is_write(event: str, args: tuple[Any, ...]) -> bool:
    if event in WRITE_EVENTS:
        return True
    if event != "open" or len(args) < 3:
        return False
    _path, mode, flags = args[:3]
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _recorders or not _is_write(event, args):
        return
    target = str(args[0]) if args else ""
    # A file descriptor opened for writing (os.fdopen of a pipe or a socket) is not a file.
    if event == "open" and isinstance(args[0], int):
        return
    for recorder in list(_recorders):
        recorder.append((event, target))


@contextmanager
def writes_recorded() -> Iterator[list[tuple[str, str]]]:
    """Yield a list that collects (event, path) for each file-system write until the block ends."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True
    recorded: list[tuple[str, str]] = []
    _recorders.append(recorded)
    try:
        yield recorded
    finally:
        _recorders.remove(recorded)
