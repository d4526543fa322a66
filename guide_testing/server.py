"""Start the guide (or any Streamlit script) on a free loopback port; wait until it is healthy."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sciatica_guide import APP_ROOT


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """SIGTERM (a server's graceful stop), then SIGKILL if it has not stopped in time."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class RunningApp:
    url: str
    port: int
    process: subprocess.Popen[bytes]


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {process.returncode} before it was ready"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} was not healthy after {timeout:.0f} s")


#: How long the warm-up run may take: a fresh server's first run imports the guide and reads its
#: content, seconds of CPU that a machine running three test workers can stretch past half a
#: minute (CI's first page loads timed out at 30 s, always on a server just started).
WARM_UP_SECONDS = 120.0


def warm_up(url: str, timeout: float = WARM_UP_SECONDS) -> None:
    """Run the default page once in a session of its own, without a browser, so the first
    browser page of a test meets a server that has imported and read what it needs (as people
    meet a deployed guide). Best effort: a server that will not run a page is left for the
    test to meet."""
    from guide_testing.protocol import ProtocolError, StreamlitSession

    try:
        with StreamlitSession(url, timeout=timeout) as session:
            session.rerun()
    except (OSError, ProtocolError, TimeoutError):
        pass


@contextmanager
def run_streamlit(
    script: Path | str = APP_ROOT / "serve.py",
    *,
    env: Mapping[str, str] | None = None,
    extra_args: list[str] | None = None,
    cwd: Path = APP_ROOT,
    port: int | None = None,
    warm: bool = True,
) -> Iterator[RunningApp]:
    """Run `streamlit run script` headless on loopback; stop it on exit.

    The default is the guide as deployed (serve.py, the frame app.py behind the guide's guard).
    warm: run its default page once first (warm_up); False for a test of a first run itself.
    """
    port = port or free_port()
    args = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *(extra_args or []),
    ]
    # stderr goes to a file, not a pipe: nobody reads a pipe while the server runs, and a full
    # pipe (64 KB of warnings under load) would stall the server.
    stderr_log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    process = subprocess.Popen(
        args,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=stderr_log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, process)
        except RuntimeError as error:
            stderr_log.seek(0)
            tail = stderr_log.read()[-2000:].decode(errors="replace")
            raise RuntimeError(f"{error}\n{tail}") from None
        if warm:
            warm_up(url)
        yield RunningApp(url=url, port=port, process=process)
    finally:
        stop_process(process)
        stderr_log.close()
