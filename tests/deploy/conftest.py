"""Deployment tests. Those marked `nginx` run Debian's nginx: skipped locally without it, failed in
CI (CI=true), like the browser tests, so the suite never passes by skipping them."""

from __future__ import annotations

import os

import pytest

from guide_testing.nginx import nginx_path


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("nginx") is None or nginx_path():
        return
    if os.environ.get("CI"):
        pytest.fail("Debian's nginx is needed for the deployment tests: apt-get install nginx")
    pytest.skip("Debian's nginx is not installed (apt-get install nginx)")
