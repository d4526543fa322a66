"""The rooms this process read lately, by code and version: one read of the store per move.

After a move every phone of the room reruns its followed part at once, each asking for the same
room at the same version (the one its waker was told). A version is never reused while a code
names a room (an idle room lives for hours, an ended one for an hour after), so a room read at a
version is that version for good; entries are kept for a short while only, to stay small.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from sciatica_guide.workshop.rooms import Room

#: Long enough for a room of phones to rerun after a move; far shorter than any room's life.
KEEP_SECONDS = 30.0
MAX_ROOMS = 512


class RecentRooms:
    def __init__(
        self,
        keep_seconds: float = KEEP_SECONDS,
        max_rooms: int = MAX_ROOMS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.keep_seconds = keep_seconds
        self.max_rooms = max_rooms
        self._clock = clock
        self._lock = threading.Lock()
        self._rooms: OrderedDict[tuple[str, int], tuple[float, Room]] = OrderedDict()

    def get(self, code: str, version: object) -> Room | None:
        """The room as read at `version` (a number from a browser: anything may come), or None."""
        if isinstance(version, bool) or not isinstance(version, int):
            return None
        with self._lock:
            found = self._rooms.get((code, version))
            if found is None:
                return None
            read_at, room = found
            if self._clock() - read_at > self.keep_seconds:
                del self._rooms[(code, version)]
                return None
            return room

    def put(self, room: Room) -> None:
        """Keep an open room as read (an ended one is never served from here)."""
        if room.ended:
            return
        with self._lock:
            self._rooms[(room.code, room.version)] = (self._clock(), room)
            self._rooms.move_to_end((room.code, room.version))
            while len(self._rooms) > self.max_rooms:
                self._rooms.popitem(last=False)
