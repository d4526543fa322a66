"""Run the repository's nginx configuration on loopback in front of replicas started by tests.

The routing (sticky cookie, consistent hash, websocket upgrade, failover) lives in
deploy/nginx/guide-http.conf and deploy/nginx/guide-server.conf. This module includes those two
files verbatim and supplies only what differs on a test machine: the listen address, the replica
list (guide-replicas.conf, written beside the generated main file), logs and temp folders in a
temporary prefix, and no daemon. So what the tests exercise is what compose runs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from guide_testing.server import RunningApp, free_port, run_streamlit, stop_process
from sciatica_guide import APP_ROOT

NGINX_DIR = APP_ROOT / "deploy" / "nginx"
#: The routing files the loopback test runs unchanged (compose's nginx.conf includes them too).
HTTP_CONF = NGINX_DIR / "guide-http.conf"
SERVER_CONF = NGINX_DIR / "guide-server.conf"
#: The replica list guide-http.conf includes, resolved beside the main configuration file.
REPLICAS_FILE = "guide-replicas.conf"
#: The access log format the test reads: which replica (upstream) served which route key.
ROUTE_LOG_FORMAT = (
    "log_format guide_test_routes "
    "'$guide_route $status $request_method $uri upstream=$upstream_addr';"
)


def nginx_path() -> str | None:
    """Debian's nginx (apt-get install nginx), if installed."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def replica_lines(addresses: Sequence[str]) -> str:
    """guide-replicas.conf for `host:port` addresses, failure settings as in compose's file."""
    return "".join(f"server {address} max_fails=1 fail_timeout=10s;\n" for address in addresses)


def main_conf(prefix: Path, port: int) -> str:
    """A main configuration file that wraps the repository's routing files for a loopback run."""
    temp = "\n".join(
        f"    {name}_temp_path {prefix / ('temp_' + name)};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""\
error_log {prefix / "error.log"} info;
worker_processes 1;
events {{
    worker_connections 512;
}}
http {{
{temp}
    include {HTTP_CONF};
    {ROUTE_LOG_FORMAT}
    access_log {prefix / "access.log"} guide_test_routes if=$guide_loggable;
    server {{
        listen 127.0.0.1:{port};
        include {SERVER_CONF};
    }}
}}
"""


@dataclass(frozen=True)
class RunningNginx:
    url: str
    port: int
    prefix: Path
    process: subprocess.Popen[bytes]

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    @property
    def error_log(self) -> Path:
        return self.prefix / "error.log"

    def route_log(self) -> list[dict[str, str]]:
        """Parsed access log lines: route key, status, method, uri and upstream address(es)."""
        entries = []
        if not self.access_log.exists():
            return entries
        for line in self.access_log.read_text().splitlines():
            route, status, method, uri, upstream = line.split(" ", 4)
            entries.append(
                {
                    "route": route,
                    "status": status,
                    "method": method,
                    "uri": uri,
                    "upstream": upstream.removeprefix("upstream="),
                }
            )
        return entries


def check_config(conf: Path, prefix: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on a configuration file, with logs and pid in `prefix`."""
    executable = nginx_path()
    if executable is None:
        raise FileNotFoundError("nginx is not installed (apt-get install nginx)")
    return subprocess.run(
        [executable, "-t", "-p", f"{prefix}/", "-c", str(conf), "-g", f"pid {prefix}/nginx.pid;"],
        capture_output=True,
        text=True,
        timeout=30,
    )


def _wait_listening(url: str, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with code {process.returncode}")
        try:
            # Any HTTP answer (even 502 while replicas start) means nginx is listening.
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nginx at {url} did not answer within {timeout:.0f} s")


@contextmanager
def run_nginx(replicas: Sequence[str]) -> Iterator[RunningNginx]:
    """Run nginx in the foreground on a free loopback port in front of `replicas` (host:port)."""
    executable = nginx_path()
    if executable is None:
        raise FileNotFoundError("nginx is not installed (apt-get install nginx)")
    with tempfile.TemporaryDirectory(prefix="guide-nginx-") as tmp:
        prefix = Path(tmp)
        # Workers drop to an unprivileged user when nginx starts as root: let them in.
        prefix.chmod(0o755)
        port = free_port()
        (prefix / REPLICAS_FILE).write_text(replica_lines(replicas))
        conf = prefix / "nginx.conf"
        conf.write_text(main_conf(prefix, port))
        checked = check_config(conf, prefix)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{checked.stderr}")
        process = subprocess.Popen(
            [
                executable,
                "-p",
                f"{prefix}/",
                "-c",
                str(conf),
                "-g",
                f"daemon off; pid {prefix}/nginx.pid;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_listening(url, process)
            yield RunningNginx(url=url, port=port, prefix=prefix, process=process)
        finally:
            # SIGTERM: nginx's fast shutdown. Without daemon mode the master is our own child.
            stop_process(process)


def connect_counts(app_url: str) -> int | None:
    """How many sessions a replica has accepted (Streamlit's session_events_total, type connect);
    None when the replica does not answer."""
    try:
        with urllib.request.urlopen(f"{app_url}/_stcore/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith('session_events_total{type="connect"}'):
            return int(float(line.rsplit(" ", 1)[1]))
    raise ValueError("Streamlit's metrics have no session_events_total{type=connect}")


@dataclass(frozen=True)
class Cluster:
    """Replicas of the guide and the repository's nginx in front of them, all on loopback."""

    nginx: RunningNginx
    replicas: dict[str, RunningApp]

    @property
    def url(self) -> str:
        return self.nginx.url

    def name_of(self, upstream: str) -> str:
        """The replica name for an nginx $upstream_addr (the last address when nginx retried)."""
        address = upstream.split(",")[-1].strip()
        for name, app in self.replicas.items():
            if address == f"127.0.0.1:{app.port}":
                return name
        raise KeyError(upstream)

    def connects(self) -> dict[str, int | None]:
        return {name: connect_counts(app.url) for name, app in self.replicas.items()}


@contextmanager
def run_cluster(
    names: Sequence[str] = ("a", "b"), env: Mapping[str, str] | None = None
) -> Iterator[Cluster]:
    """One replica of the guide per name, started as `streamlit run` would, behind nginx.

    `env`: settings every replica gets (for example a shared SCIATICA_GUIDE_ROOM_STORE).
    """
    with ExitStack() as stack:
        # Metrics on: the tests read each replica's session count (connect_counts) directly, as
        # an operator would scrape them inside the network.
        env = {"SCIATICA_GUIDE_METRICS": "on", **(env or {})}
        replicas = {name: stack.enter_context(run_streamlit(env=env)) for name in names}
        nginx = stack.enter_context(run_nginx([f"127.0.0.1:{a.port}" for a in replicas.values()]))
        yield Cluster(nginx=nginx, replicas=replicas)
