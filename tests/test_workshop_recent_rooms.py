"""The rooms a process read lately (sciatica_guide/workshop/recent_rooms.py)."""

from __future__ import annotations

from sciatica_guide.workshop.recent_rooms import RecentRooms
from sciatica_guide.workshop.rooms import Room


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _room(code: str, version: int, ended: bool = False) -> Room:
    return Room(code, version, ended, {"page": "present", "step": version})


def test_a_room_is_served_only_at_the_version_it_was_read_at() -> None:
    recent = RecentRooms()
    recent.put(_room("ACE347", 3))
    assert recent.get("ACE347", 3) == _room("ACE347", 3)
    assert recent.get("ACE347", 4) is None
    assert recent.get("ACE349", 3) is None


def test_anything_a_browser_sends_as_a_version_is_only_a_miss() -> None:
    recent = RecentRooms()
    recent.put(_room("ACE347", 1))
    for told in (None, True, "1", 1.0, [1], {"v": 1}, -1, 2**80):
        assert recent.get("ACE347", told) is None


def test_an_ended_room_is_never_kept() -> None:
    recent = RecentRooms()
    recent.put(_room("ACE347", 5, ended=True))
    assert recent.get("ACE347", 5) is None


def test_entries_go_after_a_while_and_beyond_the_bound() -> None:
    clock = _Clock()
    recent = RecentRooms(keep_seconds=30, max_rooms=3, clock=clock)
    recent.put(_room("ACE347", 1))
    clock.now = 31
    assert recent.get("ACE347", 1) is None
    for version in range(2, 7):
        recent.put(_room("ACE347", version))
    assert [recent.get("ACE347", v) is not None for v in range(2, 7)] == [
        False,
        False,
        True,
        True,
        True,
    ]
