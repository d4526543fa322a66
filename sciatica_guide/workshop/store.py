"""Where workshop rooms live: this process's memory (the default) or Redis, as the setting says."""

from __future__ import annotations

from sciatica_guide.workshop.memory_store import MemoryRoomStore
from sciatica_guide.workshop.rooms import RoomStore


def open_store(address: str, ttl: float) -> RoomStore:
    """The store a setting names: "memory", or a redis:// address (checked in settings)."""
    if address == "memory":
        return MemoryRoomStore(ttl)
    # Imported here: the in-memory default needs no Redis client at all.
    from sciatica_guide.workshop.redis_store import RedisRoomStore

    return RedisRoomStore(address, ttl)
