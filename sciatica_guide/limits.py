"""Length bounds for what a browser sends: every text is checked against one before it is used.

Streamlit accepts up to 1 MB per message from a browser (.streamlit/config.toml); the guide's own
texts are far shorter: region and technique ids, a mode word, a room code. Anything longer is
treated as unknown: cut to one character over the bound, so each reader still sees a value that
is too long and says so in its own calm way (an unknown region, a code that is not one). A room
code (workshop/codes.py, MAX_INPUT_LENGTH) and a ?region= value (body_map/selection.py,
MAX_PARAM_LENGTH) have bounds of their own of the same size.
"""

from __future__ import annotations

from collections.abc import Mapping

#: An id, a mode word or a code typed with spaces: well under 64 characters.
MAX_TEXT = 64
#: The guide reads at most a few query parameters (mode, region, room, ...).
MAX_QUERY_PARAMS = 8


def short_text(value: object, limit: int = MAX_TEXT) -> str | None:
    """`value` when it is a string of at most `limit` characters, else None."""
    return value if isinstance(value, str) and len(value) <= limit else None


def query_is_bounded(params: Mapping[str, object]) -> bool:
    """True when a URL's query has few parameters, each name and value short.

    `params` as st.query_params.to_dict() gives it: name -> last value (a list in some callers).
    """
    if len(params) > MAX_QUERY_PARAMS:
        return False
    for name, value in params.items():
        values = value if isinstance(value, list) else [value]
        if len(name) > MAX_TEXT or len(values) > MAX_QUERY_PARAMS:
            return False
        if any(short_text(item) is None for item in values):
            return False
    return True


def bounded_query(params: Mapping[str, object]) -> dict[str, str]:
    """The query cut to size: at most MAX_QUERY_PARAMS short names, each value (the last one)
    cut to MAX_TEXT + 1 characters."""
    bounded: dict[str, str] = {}
    for name, value in params.items():
        if len(bounded) == MAX_QUERY_PARAMS:
            break
        if len(name) > MAX_TEXT:
            continue
        last = value[-1] if isinstance(value, list) and value else value
        bounded[name] = str(last)[: MAX_TEXT + 1]
    return bounded
