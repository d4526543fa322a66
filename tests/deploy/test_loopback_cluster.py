"""Two replicas of the guide behind the repository's nginx, on loopback, driven like browsers.

Sessions are real Streamlit sessions over /_stcore/stream (the protocol-level client). Which
replica served a session is read from the replicas themselves (their session-connect counters)
and from nginx's access log ($upstream_addr), never from anything the app shows.
"""

from __future__ import annotations

import base64
import re
import secrets
import socket
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import pytest

from guide_testing.nginx import Cluster, run_cluster
from guide_testing.protocol import StreamlitSession

pytestmark = pytest.mark.nginx

COOKIE = "guide_route"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with run_cluster() as running:
        yield running


def route_cookie(set_cookie_headers: list[str]) -> str | None:
    for header in set_cookie_headers:
        cookie = SimpleCookie()
        cookie.load(header)
        if COOKIE in cookie:
            return cookie[COOKIE].value
    return None


@dataclass
class Visit:
    """One browser session through nginx: its route cookie and the replica that took it."""

    session: StreamlitSession
    cookie: str
    replica: str


def open_session(cluster: Cluster, cookie: str | None = None) -> Visit:
    """Open a session through nginx (with the browser's route cookie, if it has one), run the
    page once, and find the one replica whose connect counter went up."""
    before = cluster.connects()
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    session = StreamlitSession(cluster.url, headers=headers)
    result = session.rerun()
    assert result.ok, result.status
    after = cluster.connects()
    grew = [
        name for name in cluster.replicas if after[name] is not None and after[name] != before[name]
    ]
    assert len(grew) == 1, f"connects before {before}, after {after}"
    issued = route_cookie(session.handshake_cookies)
    if cookie:
        # A browser that has the cookie keeps it: nginx sets none.
        assert issued is None
    else:
        assert issued is not None, "nginx set no route cookie on a first visit"
    return Visit(session=session, cookie=cookie or issued or "", replica=grew[0])


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, list[str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers.get_all("Set-Cookie") or [], response.read()


def test_first_visit_gets_a_random_route_cookie_once(cluster: Cluster) -> None:
    status, cookies, body = fetch(cluster.url + "/")
    assert status == 200 and b"<html" in body.lower()
    (header,) = [c for c in cookies if c.startswith(COOKIE + "=")]
    value = route_cookie([header])
    assert value and re.fullmatch(r"[0-9a-f]{32}", value)
    attributes = {a.strip().lower() for a in header.split(";")[1:]}
    assert {"path=/", "httponly", "samesite=lax"} <= attributes
    # Plain HTTP: a Secure cookie would be dropped by the browser.
    assert "secure" not in attributes
    # Every visit without the cookie gets a new random id (no id derived from the address).
    _, again, _ = fetch(cluster.url + "/")
    assert route_cookie(again) not in (None, value)
    # With the cookie, nginx sets none.
    _, with_cookie, _ = fetch(cluster.url + "/", {"Cookie": f"{COOKIE}={value}"})
    assert route_cookie(with_cookie) is None


def test_route_cookie_is_secure_behind_https(cluster: Cluster) -> None:
    _, cookies, _ = fetch(cluster.url + "/", {"X-Forwarded-Proto": "https"})
    (header,) = [c for c in cookies if c.startswith(COOKIE + "=")]
    assert "secure" in {a.strip().lower() for a in header.split(";")[1:]}


def test_sessions_run_through_nginx(cluster: Cluster) -> None:
    with StreamlitSession(cluster.url, headers={"Origin": cluster.url}) as session:
        first = session.rerun()
        assert first.ok and first.page is not None and first.page.is_default
        other = next(p for p in session.pages if not p.is_default)
        second = session.rerun(page=other)
        assert second.ok and second.page == other
        assert second.elements


def _handshake(port: int, host: str, origin: str) -> str:
    """A browser's websocket handshake with a chosen Host and Origin; the status line back."""
    key = base64.b64encode(secrets.token_bytes(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        f"Origin: {origin}\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n"
        "\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def test_websocket_from_a_public_host_name_is_accepted(cluster: Cluster) -> None:
    # A browser on https://guide.example:PORT sends that Host and Origin. Streamlit accepts the
    # websocket only when they match, so nginx must pass the browser's Host (with its port) on.
    host = f"guide.example:{cluster.nginx.port}"
    status = _handshake(cluster.nginx.port, host, f"http://{host}")
    assert status.split(" ")[1] == "101", status


def test_a_browser_stays_on_its_replica(cluster: Cluster) -> None:
    first = open_session(cluster)
    first.session.close()
    home = first.replica
    for _ in range(6):
        # The browser reconnects (reload, new tab, dropped network) with its cookie.
        visit = open_session(cluster, first.cookie)
        assert visit.replica == home
        assert visit.session.rerun().ok
        visit.session.close()
    # Plain requests with the cookie go there too (page, assets, health).
    for path in ("/", "/_stcore/health"):
        fetch(cluster.url + path, {"Cookie": f"{COOKIE}={first.cookie}"})
    served = {
        cluster.name_of(entry["upstream"])
        for entry in _log_when_written(cluster, first.cookie, expected=9)
    }
    assert served == {home}


def _log_when_written(cluster: Cluster, cookie: str, expected: int) -> list[dict[str, str]]:
    # nginx logs a websocket when it closes: give it a moment after the close.
    deadline = time.monotonic() + 10
    while True:
        entries = [e for e in cluster.nginx.route_log() if e["route"] == cookie]
        if len(entries) >= expected or time.monotonic() > deadline:
            return entries
        time.sleep(0.1)


def test_browsers_are_spread_over_the_replicas(cluster: Cluster) -> None:
    # Every browser here has the same address (127.0.0.1), like tablets behind one clinic's NAT:
    # only the per-browser cookie can spread them.
    visits = []
    for _ in range(20):
        visit = open_session(cluster)
        visit.session.close()
        visits.append(visit)
    per_replica = Counter(v.replica for v in visits)
    assert set(per_replica) == set(cluster.replicas), per_replica
    assert len({v.cookie for v in visits}) == len(visits)


@dataclass
class _Driver:
    """Reruns one session in a loop (alternating pages) until told to stop; counts outcomes."""

    session: StreamlitSession
    ok: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        pages = self.session.pages
        turn = 0
        while not self.stop.is_set():
            turn += 1
            try:
                result = self.session.rerun(page=pages[turn % len(pages)])
            except Exception as error:
                self.failures.append(repr(error))
                return
            if result.ok:
                self.ok.append(time.monotonic())
            else:
                self.failures.append(result.status)


def test_stopping_a_replica_loses_no_request_of_the_others() -> None:
    with run_cluster() as cluster:
        visits: list[Visit] = []
        while len({v.replica for v in visits}) < 2 or len(visits) < 8:
            assert len(visits) < 40, "nginx sent every browser to one replica"
            visits.append(open_session(cluster))
        victim = visits[0].replica
        survivor = next(name for name in cluster.replicas if name != victim)
        on_survivor = [v for v in visits if v.replica == survivor]
        on_victim = [v for v in visits if v.replica == victim]
        for visit in on_victim:
            visit.session.close()

        drivers = [_Driver(v.session) for v in on_survivor]
        threads = [threading.Thread(target=d.run, daemon=True) for d in drivers]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        # The replica crashes (SIGKILL: no goodbye to nginx or the browsers).
        cluster.replicas[victim].process.kill()
        cluster.replicas[victim].process.wait(timeout=10)
        killed_at = time.monotonic()

        # New browsers, and browsers whose cookie named the dead replica, come in meanwhile.
        newcomers = [open_session(cluster) for _ in range(6)]
        returning = [open_session(cluster, v.cookie) for v in on_victim]
        time.sleep(1.5)
        for driver in drivers:
            driver.stop.set()
        for thread in threads:
            thread.join(timeout=60)

        for driver in drivers:
            assert driver.failures == [], driver.failures
            # Each survivor session kept working after the crash, not only before it.
            assert any(t > killed_at for t in driver.ok)
        for visit in newcomers + returning:
            assert visit.replica == survivor
            assert visit.session.rerun().ok
            visit.session.close()
        for visit in on_survivor:
            visit.session.close()
        # The page itself still loads for a returning browser.
        status, _, _ = fetch(cluster.url + "/", {"Cookie": f"{COOKIE}={on_victim[0].cookie}"})
        assert status == 200
