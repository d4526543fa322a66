"""What nginx writes to its access log: no download addresses (issue #12's roadmap note)."""

from __future__ import annotations

import contextlib
import re
import urllib.error
import urllib.request

import pytest

from guide_testing.nginx import NGINX_DIR, run_nginx
from guide_testing.server import free_port

pytestmark = pytest.mark.nginx


def _get(url: str) -> None:
    # No replica behind it: nginx answers 502, and logs the request (or not) all the same.
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=10).close()


def test_download_addresses_are_not_logged() -> None:
    # A replica address nothing listens on: nginx answers 502 itself, and logs as it would.
    with run_nginx([f"127.0.0.1:{free_port()}"]) as nginx:
        _get(f"{nginx.url}/body-map")
        _get(f"{nginx.url}/media/0f3c2a9d1e8b4c7a9e2f1d0c3b4a5968.pdf")
        _get(f"{nginx.url}/guide/media/5d1e8b4c7a9e2f1d0c3b4a59680f3c2a.txt")
        log = nginx.access_log.read_text()
    assert "/body-map" in log
    assert "/media/" not in log


def test_the_compose_configuration_logs_the_same_way() -> None:
    # The deployed main file uses the same condition as the loopback one above.
    main = (NGINX_DIR / "nginx.conf").read_text()
    assert re.search(r"access_log\s+\S+\s+guide\s+if=\$guide_loggable;", main)
