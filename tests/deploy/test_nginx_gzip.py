"""The bundled nginx compresses the guide's text assets (a first load on a phone network).

Streamlit's server sends its JavaScript and CSS uncompressed and leaves compression to the proxy;
without gzip a first load of /body-map is about 2,990 KiB, with it about 1,140 KiB.
"""

from __future__ import annotations

import gzip
import re
import urllib.request
from collections.abc import Iterator

import pytest

from guide_testing.nginx import RunningNginx, run_nginx
from guide_testing.server import RunningApp, run_streamlit

pytestmark = pytest.mark.nginx


@pytest.fixture(scope="module")
def guide() -> Iterator[RunningApp]:
    with run_streamlit() as app:
        yield app


@pytest.fixture(scope="module")
def nginx(guide: RunningApp) -> Iterator[RunningNginx]:
    with run_nginx([f"127.0.0.1:{guide.port}"]) as running:
        yield running


def fetch(url: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="\.?/?(static/[^"]+)"', html)


def test_text_assets_are_gzipped_and_unchanged(nginx: RunningNginx, guide: RunningApp) -> None:
    headers, page = fetch(f"{nginx.url}/")
    html = (gzip.decompress(page) if headers.get("content-encoding") == "gzip" else page).decode()
    found = assets(html)
    scripts = [a for a in found if a.endswith(".js")]
    styles = [a for a in found if a.endswith(".css")]
    assert scripts and styles
    compressed = 0
    original = 0
    for asset in scripts + styles:
        headers, body = fetch(f"{nginx.url}/{asset}")
        _, direct = fetch(f"{guide.url}/{asset}")
        if len(direct) >= 1024:
            assert headers.get("content-encoding") == "gzip", asset
            assert "accept-encoding" in headers.get("vary", "").lower(), asset
            body = gzip.decompress(body)
            compressed += len(fetch(f"{nginx.url}/{asset}")[1])
            original += len(direct)
        assert body == direct, asset
    # Streamlit itself sends them as they are: the saving is nginx's.
    assert compressed < original * 0.45


def test_fonts_are_not_compressed_again(nginx: RunningNginx) -> None:
    _, page = fetch(f"{nginx.url}/")
    html = gzip.decompress(page).decode() if page[:2] == b"\x1f\x8b" else page.decode()
    fonts = [a for a in assets(html) if a.endswith(".woff2")]
    assert fonts
    headers, _ = fetch(f"{nginx.url}/{fonts[0]}")
    assert "content-encoding" not in headers
