"""Debian's redis-server on a free loopback port, in a temporary folder, for tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from guide_testing.server import free_port, stop_process


def redis_server_path() -> str | None:
    return shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin:/usr/sbin")


@dataclass
class RunningRedis:
    port: int
    process: subprocess.Popen[bytes]
    folder: str
    args: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        stop_process(self.process)

    def start(self) -> None:
        """Start it again on the same port (after stop), empty."""
        self.process = _spawn(self.port, self.folder, self.args)


def _spawn(port: int, folder: str, args: tuple[str, ...] = ()) -> subprocess.Popen[bytes]:
    executable = redis_server_path()
    if executable is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    # Nothing on disk (no RDB, no AOF), loopback only, no protected-mode surprises.
    process = subprocess.Popen(
        [
            executable,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            folder,
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
            *args,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process
        except OSError:
            pass
        time.sleep(0.05)
    stop_process(process)
    raise TimeoutError("redis-server did not answer within 10 s")


@contextmanager
def run_redis(args: Sequence[str] = ()) -> Iterator[RunningRedis]:
    """A redis-server; `args` adds command-line settings (e.g. a maxmemory and its policy)."""
    extra = tuple(args)
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        server = RunningRedis(port, _spawn(port, folder, extra), folder, extra)
        try:
            yield server
        finally:
            if server.process.poll() is None:
                stop_process(server.process)
