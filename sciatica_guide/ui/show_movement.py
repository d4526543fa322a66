"""Open Beyond massage at one movement (the body map panel's movement links).

As for techniques (show_technique.py): a link with a #fragment would start a new session, so the
body map notes the movement and switches pages; Beyond massage's run opens that movement's card
and moves the view and keyboard focus to it (ui/focus.py).
"""

from __future__ import annotations

from sciatica_guide.session import StateMap

#: The page that holds the movements' cards (pages.yaml): the body map panel's movement links,
#: and a workshop phone's "Read on my own" on a movement slide, open it.
MOVEMENTS_PAGE = "beyond"
#: The movement to open when Beyond massage runs next (set by the body map).
PENDING_KEY = "movements.show"
#: What a panel link sends: this prefix, then the movement's id.
LINK_PREFIX = "movement:"


def asked_movement(opened: str | None) -> str | None:
    """The movement id a panel link asked for (None when the link was not a movement's)."""
    if opened is None or not opened.startswith(LINK_PREFIX):
        return None
    return opened.removeprefix(LINK_PREFIX)


def ask_to_show(state: StateMap, movement_id: str) -> None:
    state[PENDING_KEY] = movement_id


def take_pending(state: StateMap) -> str | None:
    """The movement asked for, once (the page opened from the menu shows every card closed)."""
    pending = state.pop(PENDING_KEY, None)
    return pending if isinstance(pending, str) else None
