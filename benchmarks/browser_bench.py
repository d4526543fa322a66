"""First load in Chromium and server memory with open browser sessions."""

from __future__ import annotations

import base64
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page

from guide_testing.browser import new_context

#: The app has loaded and is interactive: connected, no script running, a page title drawn.
_READY_JS = """() => {
  const app = document.querySelector(
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    + '[data-test-script-state="notRunning"]');
  const title = document.querySelector('[data-testid="stMain"] h1');
  return Boolean(app && title && title.offsetParent !== null);
}"""


@dataclass
class _Traffic:
    """Everything one page fetched, from Chromium's own network events (CDP)."""

    http_bytes: int = 0
    websocket_bytes: int = 0
    requests: int = 0
    hosts: set[str] = field(default_factory=set)
    urls: list[str] = field(default_factory=list)


#: A slow phone network, as Chromium emulates it (CDP Network.emulateNetworkConditions): 1.6
#: Mbit/s down, 750 kbit/s up, 150 ms round trip (Lighthouse's "slow 4G" is 1.6 Mbit/s, 150 ms).
PHONE_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}


def _watch(page: Page, network: Mapping[str, object] | None = None) -> _Traffic:
    traffic = _Traffic()
    cdp = page.context.new_cdp_session(page)

    def on_request(event: dict) -> None:
        url = event["request"]["url"]
        if url.startswith(("http:", "https:", "ws:", "wss:")):
            traffic.requests += 1
            traffic.hosts.add(urlsplit(url).netloc)
            traffic.urls.append(url)

    def on_finished(event: dict) -> None:
        # Bytes on the wire: headers and (compressed) body.
        traffic.http_bytes += int(event.get("encodedDataLength", 0))

    def on_frame(event: dict) -> None:
        response = event["response"]
        data = response.get("payloadData", "")
        # Binary frames (opcode 2, all of Streamlit's) arrive base64-encoded.
        size = len(base64.b64decode(data)) if response.get("opcode") == 2 else len(data)
        traffic.websocket_bytes += size

    def on_websocket(event: dict) -> None:
        traffic.hosts.add(urlsplit(event["url"]).netloc)

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.webSocketFrameReceived", on_frame)
    cdp.on("Network.webSocketCreated", on_websocket)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if network is not None:
        cdp.send("Network.emulateNetworkConditions", dict(network))
    return traffic


def _is_plotly(url: str) -> bool:
    return "plotly" in urlsplit(url).path.lower()


def first_load(
    browser: Browser,
    urls: Mapping[str, str],
    path: Mapping[str, str],
    samples: int,
    *,
    viewport: str = "desktop",
    network: Mapping[str, object] | None = None,
) -> dict[str, dict[str, object]]:
    """Cold loads in fresh contexts, alternating apps: time to interactive and bytes.

    `viewport` is one of VIEWPORTS ("phone" adds touch); `network` throttles Chromium's network
    (PHONE_NETWORK) for the measured loads.
    """
    touch = viewport == "phone"
    times: dict[str, list[float]] = {app: [] for app in urls}
    last: dict[str, _Traffic] = {}
    for base in urls.values():
        # One unmeasured load each: Chromium's own first start and the server's first run.
        context = new_context(browser, "desktop")
        page = context.new_page()
        page.goto(base)
        page.wait_for_function(_READY_JS, timeout=60_000)
        context.close()
    for _ in range(samples):
        for app, base in urls.items():
            context = new_context(browser, viewport, touch=touch)
            page = context.new_page()
            traffic = _watch(page, network)
            started = time.perf_counter()
            page.goto(f"{base}/{path[app]}")
            page.wait_for_function(_READY_JS, timeout=120_000)
            times[app].append(time.perf_counter() - started)
            # Let late chunks (fonts, lazily loaded components) finish before counting bytes.
            page.wait_for_load_state("networkidle")
            last[app] = traffic
            context.close()
    results: dict[str, dict[str, object]] = {}
    for app, base in urls.items():
        traffic = last[app]
        own = urlsplit(base).netloc
        ms = [t * 1000 for t in times[app]]
        results[app] = {
            "path": "/" + path[app],
            "median_ms": round(statistics.median(ms), 1),
            "samples_ms": [round(t, 1) for t in ms],
            "http_bytes": traffic.http_bytes,
            "websocket_bytes": traffic.websocket_bytes,
            "total_bytes": traffic.http_bytes + traffic.websocket_bytes,
            "requests": traffic.requests,
            "other_hosts": sorted(h for h in traffic.hosts if h != own),
            "plotly_loaded": any(_is_plotly(u) for u in traffic.urls),
        }
    return results


def rss_kib(pid: int) -> int:
    """Resident memory of one process, from /proc/<pid>/status."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def memory_with_sessions(
    browser: Browser, url: str, pid: int, sessions: int, settle_s: float = 2.0
) -> dict[str, object]:
    """Server RSS with 1 and with `sessions` open browser sessions (one context each)."""
    contexts = []
    try:
        readings: dict[int, int] = {}
        for count in range(1, sessions + 1):
            context = new_context(browser, "desktop")
            contexts.append(context)
            page = context.new_page()
            page.goto(url)
            page.wait_for_function(_READY_JS, timeout=60_000)
            if count == 1:
                time.sleep(settle_s)
                readings[1] = rss_kib(pid)
        time.sleep(settle_s)
        readings[sessions] = rss_kib(pid)
    finally:
        for context in contexts:
            context.close()
    extra = max(sessions - 1, 1)
    per_session_mib = (readings[sessions] - readings[1]) / 1024 / extra
    return {
        "rss_1_mib": round(readings[1] / 1024, 1),
        f"rss_{sessions}_mib": round(readings[sessions] / 1024, 1),
        "sessions": sessions,
        "per_extra_session_mib": round(per_session_mib, 3),
    }
