"""QR codes made on the server (segno), so no image service ever sees the guide's address."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


@lru_cache(maxsize=8)
def qr_png(url: str, scale: int = 8) -> bytes:
    """A PNG of a QR code for `url`, with a quiet zone so phone cameras read it from a screen."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4, dark="#1d2b2a", light="#ffffff")
    return buffer.getvalue()
