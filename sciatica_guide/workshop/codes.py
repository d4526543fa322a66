"""Room codes: short, easy to read aloud and type, and hard to guess."""

from __future__ import annotations

import re
import secrets

#: No look-alikes: none of 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V. 21 symbols in 6 places give about
#: 86 million codes, drawn with `secrets`: one code says nothing about the next.
ALPHABET = "ACEFGHJKMNPRTWXY34679"
CODE_LENGTH = 6
#: Anything longer than this is not a code (someone pasted a sentence or an address).
MAX_INPUT_LENGTH = 32
#: What people type between the groups of a code: spaces, hyphens, dots.
_SEPARATORS = re.compile(r"[\s\-.]+")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def parse_code(text: object) -> str | None:
    """The code someone typed or a link carried, in its one written form; None if it is not one.

    Case, spaces and hyphens do not matter ("acf 347", "ACF-347").
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT_LENGTH:
        return None
    code = _SEPARATORS.sub("", text).upper()
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def spoken(code: str) -> str:
    """The code in two groups of three, as shown on the projector: "ACF 347"."""
    return f"{code[:3]} {code[3:]}"
