"""Foreign-origin websocket handshakes, and a loopback listener that counts outside requests.

A server process started with ``outside_env(listener)`` sends every HTTP(S) request it makes to
another host to this listener instead (``HTTP_PROXY``/``HTTPS_PROXY``, which Python's requests
honours): the listener counts them and holds each one as a slow outside host would, and nothing
leaves the machine. Streamlit 1.67's public-address lookup (checkip.amazonaws.com) is such a
request. Loopback use only.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from guide_testing.protocol import SUBPROTOCOL, stream_url

FOREIGN_ORIGIN = "http://foreign.example"


class OutsideListener:
    """Counts connections; holds each for `hold` seconds, then closes it without an answer."""

    def __init__(self, hold: float = 1.5) -> None:
        self.hold = hold
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = int(self._sock.getsockname()[1])
        self._count = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def count(self) -> int:
        with self._lock:
            return self._count

    def _serve(self) -> None:
        self._sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._count += 1
            threading.Timer(self.hold, conn.close).start()

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        self._thread.join(timeout=2)


def outside_env(listener: OutsideListener) -> dict[str, str]:
    proxy = f"http://127.0.0.1:{listener.port}"
    return {
        "HTTP_PROXY": proxy,
        "HTTPS_PROXY": proxy,
        "http_proxy": proxy,
        "https_proxy": proxy,
        "NO_PROXY": "",
        "no_proxy": "",
    }


@contextmanager
def outside_listener(hold: float = 1.5) -> Iterator[OutsideListener]:
    listener = OutsideListener(hold)
    try:
        yield listener
    finally:
        listener.close()


def foreign_handshake(url: str, origin: str = FOREIGN_ORIGIN, timeout: float = 10.0) -> int:
    """One websocket handshake from a page of `origin`: the HTTP status (101 when accepted)."""
    try:
        with connect(
            stream_url(url),
            origin=origin,  # type: ignore[arg-type]
            subprotocols=[SUBPROTOCOL],  # type: ignore[list-item]
            open_timeout=timeout,
            proxy=None,
        ):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


@dataclass(frozen=True)
class OriginLoad:
    handshakes: int
    statuses: dict[int, int]
    health_ms: list[float]

    @property
    def health_p99_ms(self) -> float:
        if len(self.health_ms) < 2:  # a server blocked for the whole run answered once
            return max(self.health_ms)
        return statistics.quantiles(self.health_ms, n=100, method="inclusive")[98]

    @property
    def health_max_ms(self) -> float:
        return max(self.health_ms)


def foreign_origin_load(
    url: str, *, clients: int = 4, seconds: float = 10.0, pause: float = 0.05
) -> OriginLoad:
    """`clients` foreign pages opening websockets for `seconds` (each waits `pause` between
    tries, as a page retrying would) while /_stcore/health is timed every 50 ms."""
    stop = time.monotonic() + seconds
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    health: list[float] = []

    def client() -> None:
        while time.monotonic() < stop:
            try:
                status = foreign_handshake(url)
            except (OSError, TimeoutError):
                status = 0
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
            time.sleep(pause)

    def probe() -> None:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while time.monotonic() < stop:
            started = time.perf_counter()
            with opener.open(f"{url}/_stcore/health", timeout=30) as response:
                response.read()
            health.append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    threads.append(threading.Thread(target=probe))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return OriginLoad(handshakes=sum(statuses.values()), statuses=statuses, health_ms=health)
