"""`nginx -t` on the repository's nginx configuration: compose's files and the loopback wrapper."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from guide_testing.nginx import (
    NGINX_DIR,
    REPLICAS_FILE,
    check_config,
    main_conf,
    replica_lines,
)

pytestmark = pytest.mark.nginx


def test_compose_nginx_configuration_passes_nginx_t(tmp_path: Path) -> None:
    # compose's files as they are, except that the replica host names (which only compose's
    # network resolves; nginx -t resolves them) become loopback.
    for path in NGINX_DIR.glob("*.conf"):
        shutil.copy(path, tmp_path / path.name)
    replicas = tmp_path / REPLICAS_FILE
    text = replicas.read_text()
    hosts = re.findall(r"^server\s+([\w.-]+):", text, re.M)
    assert len(hosts) >= 2
    for host in hosts:
        text = re.sub(rf"\b{re.escape(host)}:", "127.0.0.1:", text)
    replicas.write_text(text)
    result = check_config(tmp_path / "nginx.conf", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_loopback_wrapper_passes_nginx_t(tmp_path: Path) -> None:
    (tmp_path / REPLICAS_FILE).write_text(replica_lines(["127.0.0.1:1", "127.0.0.1:2"]))
    conf = tmp_path / "nginx.conf"
    conf.write_text(main_conf(tmp_path, 8080))
    result = check_config(conf, tmp_path)
    assert result.returncode == 0, result.stderr


def test_nginx_t_rejects_a_broken_routing_file(tmp_path: Path) -> None:
    # The check above can fail: a routing file with an error does not pass nginx -t.
    for path in NGINX_DIR.glob("*.conf"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / REPLICAS_FILE).write_text(replica_lines(["127.0.0.1:1"]))
    server = tmp_path / "guide-server.conf"
    server.write_text(server.read_text().replace("proxy_buffering off;", "proxy_buffering of;"))
    result = check_config(tmp_path / "nginx.conf", tmp_path)
    assert result.returncode != 0
    assert "proxy_buffering" in result.stderr
