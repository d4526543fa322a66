"""Security headers in front of the guide (issue #12, part 7): nginx and the Kubernetes Ingress
send the same Content-Security-Policy, nosniff, no-referrer, Permissions-Policy and (where TLS
ends) HSTS, and neither serves Streamlit's metrics. The policy itself is checked in Chromium
behind the loopback nginx: tests/browser/test_security_headers_in_browser.py."""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit
import yaml

from guide_testing.nginx import Cluster, run_cluster
from sciatica_guide import APP_ROOT
from sciatica_guide.assessment import view

NGINX_SERVER = APP_ROOT / "deploy" / "nginx" / "guide-server.conf"
INGRESS = APP_ROOT / "deploy" / "kubernetes" / "ingress.yaml"
REQUIRED = {
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
}


def nginx_headers() -> dict[str, str]:
    """The add_header lines of guide-server.conf (name -> value, quotes removed)."""
    pattern = r'^\s*add_header\s+(\S+)\s+("[^"]*"|\S+)\s+always;'
    found = re.findall(pattern, NGINX_SERVER.read_text(), re.M)
    return {name: value.strip('"') for name, value in found}


def ingress_documents() -> list[dict]:
    return list(yaml.safe_load_all(INGRESS.read_text()))


def ingress_headers() -> dict[str, str]:
    (config,) = [d for d in ingress_documents() if d["kind"] == "ConfigMap"]
    return dict(config["data"])


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_nginx_and_the_ingress_send_the_same_security_headers() -> None:
    in_nginx = nginx_headers()
    in_ingress = ingress_headers()
    assert set(in_nginx) >= REQUIRED and set(in_ingress) >= REQUIRED
    for name in REQUIRED - {"Strict-Transport-Security"}:
        assert in_nginx[name] == in_ingress[name], name
    assert in_nginx["X-Content-Type-Options"] == "nosniff"
    assert in_nginx["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in in_nginx["Permissions-Policy"]
    # TLS ends at the Ingress; nginx sends HSTS only when the request came over HTTPS.
    assert in_ingress["Strict-Transport-Security"].startswith("max-age=31536000")
    assert in_nginx["Strict-Transport-Security"] == "$guide_hsts"
    annotations = next(d for d in ingress_documents() if d["kind"] == "Ingress")["metadata"][
        "annotations"
    ]
    assert annotations["nginx.ingress.kubernetes.io/custom-headers"].endswith(
        "/sciatica-guide-headers"
    )


def test_the_policy_allows_only_the_guides_own_origin() -> None:
    csp = csp_directives(nginx_headers()["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    for directive, sources in csp.items():
        # No other host, no scheme-wide source, no inline scripts beyond the hashed ones.
        assert not [s for s in sources if "." in s or s in ("https:", "http:", "*")]
        if directive not in ("img-src", "font-src"):
            assert "data:" not in sources, directive
        if directive == "script-src":
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        if directive in ("img-src", "font-src"):
            assert set(sources) <= {"'self'", "data:", "blob:"}


def test_the_policy_names_every_inline_script_the_page_runs() -> None:
    # Streamlit's index.html and the guide's own scroll script: a change to either (a Streamlit
    # upgrade, an edit of _SCROLL_TOP) must update the hash in nginx and the Ingress.
    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    scripts += re.findall(r"<script>(.*?)</script>", view._SCROLL_TOP, re.S)
    assert scripts
    for policy in (nginx_headers(), ingress_headers()):
        allowed = csp_directives(policy["Content-Security-Policy"])["script-src"]
        for script in scripts:
            assert script_hash(script) in allowed, script[:60]


def test_the_ingress_does_not_serve_streamlits_metrics() -> None:
    internal = [
        d
        for d in ingress_documents()
        if d["kind"] == "Ingress"
        and any(
            p["path"].startswith("/_stcore/metrics")
            for rule in d["spec"]["rules"]
            for p in rule["http"]["paths"]
        )
    ]
    (ingress,) = internal
    denied = ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/denylist-source-range"]
    assert set(denied.split(",")) == {"0.0.0.0/0", "::/0"}


# --- the repository's nginx on loopback ------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with run_cluster(("a",)) as running:
        yield running


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers.items())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items())


@pytest.mark.nginx
@pytest.mark.parametrize("path", ["/", "/body-map", "/favicon.png", "/_stcore/health"])
def test_nginx_sends_the_security_headers(cluster: Cluster, path: str) -> None:
    status, headers = get(cluster.url + path)
    assert status == 200
    expected = nginx_headers()
    for name in REQUIRED - {"Strict-Transport-Security"}:
        assert headers.get(name) == expected[name], name
    # Plain HTTP to nginx itself: no HSTS (browsers would ignore it anyway).
    assert "Strict-Transport-Security" not in headers


@pytest.mark.nginx
def test_nginx_sends_hsts_where_tls_ends(cluster: Cluster) -> None:
    _, headers = get(cluster.url + "/", {"X-Forwarded-Proto": "https"})
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.nginx
@pytest.mark.parametrize(
    "path", ["/_stcore/metrics", "/_stcore/metrics/", "//_stcore/metrics", "/_stcore/%6Detrics"]
)
def test_nginx_keeps_streamlits_metrics_internal(cluster: Cluster, path: str) -> None:
    status, _ = get(cluster.url + path)
    assert status == 404
    # The replica itself still answers, for the operator's monitoring.
    (replica,) = cluster.replicas.values()
    assert get(replica.url + "/_stcore/metrics")[0] == 200
