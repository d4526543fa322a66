"""A foreign page cannot freeze the guide (issue #29, point 1).

Four foreign-origin clients open websockets for a few seconds while /_stcore/health is timed;
every outside request the server makes goes to a loopback listener that counts it (and holds it,
as a slow outside host would). The guide (serve.py) and the bundled nginx (in front of a bare
`streamlit run app.py`, so nginx's own refusal is what is measured) both refuse with 403, health
stays fast and nothing is asked of any other host. A control run shows Streamlit without the
guard still making the lookup: when that test fails, Streamlit has changed and
docs/upstream/streamlit-origin-lookup.md and sciatica_guide/server_guard.py need a look.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from guide_testing.nginx import run_nginx
from guide_testing.outside import (
    OutsideListener,
    foreign_handshake,
    foreign_origin_load,
    outside_env,
    outside_listener,
)
from guide_testing.server import run_streamlit
from sciatica_guide import APP_ROOT
from sciatica_guide.server_guard import is_same_origin

SECONDS = 5.0
#: One lookup blocks the server for at least 1 s (the listener holds it past Streamlit's 1 s
#: timeout), and 4 foreign clients made health take 5-8 s. The issue's target is 50 ms, met in
#: benchmarks/hold_bench.py (7 and 5 ms; 34 and 43 ms on a busier machine); this bound leaves
#: room for a busy test machine (two test workers, their servers and Chromium on the same 2 cores:
#: 283 ms seen once) while any lookup at all, a 1 s block, would still fail it.
HEALTH_P99_MS = 750.0


@pytest.fixture
def listener() -> Iterator[OutsideListener]:
    with outside_listener() as running:
        yield running


def _check_refused(url: str, listener: OutsideListener) -> None:
    before = listener.count
    load = foreign_origin_load(url, clients=4, seconds=SECONDS)
    assert set(load.statuses) == {403}, load.statuses
    assert load.handshakes >= 40
    assert load.health_p99_ms <= HEALTH_P99_MS, f"health p99 {load.health_p99_ms:.0f} ms"
    assert listener.count == before == 0
    # The guide's own page still connects.
    assert foreign_handshake(url, origin=url) == 101


@pytest.mark.slow
def test_the_guide_refuses_foreign_origins_without_any_outside_request(
    listener: OutsideListener,
) -> None:
    with run_streamlit(APP_ROOT / "serve.py", env=outside_env(listener)) as app:
        _check_refused(app.url, listener)


@pytest.mark.nginx
def test_the_bundled_nginx_refuses_foreign_origins(listener: OutsideListener) -> None:
    with (
        run_streamlit(APP_ROOT / "app.py", env=outside_env(listener)) as bare,
        run_nginx([f"127.0.0.1:{bare.port}"]) as nginx,
    ):
        _check_refused(nginx.url, listener)
        # Streamlit compares Origin and Host character for character: so does nginx.
        by_name = f"http://localhost:{nginx.port}"
        assert foreign_handshake(by_name, origin=by_name) == 101
        assert foreign_handshake(by_name, origin=f"http://LocalHost:{nginx.port}") == 403
        assert foreign_handshake(by_name, origin=f"{by_name}/page") == 403


@pytest.mark.slow
def test_streamlit_without_the_guard_still_looks_up_its_address(
    listener: OutsideListener,
) -> None:
    """The control: what the guard and nginx prevent. Fails when Streamlit stops the lookup."""
    with run_streamlit(APP_ROOT / "app.py", env=outside_env(listener)) as bare:
        assert foreign_handshake(bare.url) == 403
        assert listener.count >= 1


def _handshake_rule(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("set $guide_handshake"))
    return lines[start : start + 4]


def test_the_ingress_refuses_with_the_same_rule_as_nginx() -> None:
    import yaml

    nginx_rule = _handshake_rule((APP_ROOT / "deploy/nginx/guide-server.conf").read_text())
    ingress = next(yaml.safe_load_all((APP_ROOT / "deploy/kubernetes/ingress.yaml").read_text()))
    annotations = ingress["metadata"]["annotations"]
    snippet = annotations["nginx.ingress.kubernetes.io/configuration-snippet"]
    assert nginx_rule[-2:] == ["return 403;", "}"]
    assert _handshake_rule(snippet) == nginx_rule


@pytest.mark.parametrize(
    ("origin", "host", "same"),
    [
        (None, "guide.example.org", True),
        ("https://guide.example.org", "guide.example.org", True),
        ("http://127.0.0.1:8501", "127.0.0.1:8501", True),
        ("http://[::1]:8501", "[::1]:8501", True),
        ("http://foreign.example", "guide.example.org", False),
        ("http://guide.example.org:8080", "guide.example.org", False),
        # Streamlit would not take these for same-origin at once, so they never reach it.
        ("https://Guide.example.org", "guide.example.org", False),
        ("HTTPS://guide.example.org", "guide.example.org", False),
        ("https://guide.example.org/", "guide.example.org", False),
        ("https://user@guide.example.org", "guide.example.org", False),
        ("null", "guide.example.org", False),
        ("ws://guide.example.org", "guide.example.org", False),
        ("https://guide.example.org", None, False),
    ],
)
def test_same_origin_is_what_streamlit_accepts_without_a_lookup(
    origin: str | None, host: str | None, same: bool
) -> None:
    assert is_same_origin(origin, host) is same
