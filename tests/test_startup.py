"""Healthy means healthy (issue #29, point 4): the guide checks its content and settings once, when
the server process starts, and stops with one line and exit code 2 when they are broken, so it
never listens (no /_stcore/health "ok", no readiness). /_guide/ready answers once it runs, and
/_stcore/metrics only when asked for (point 7)."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from guide_testing.server import free_port, run_streamlit
from sciatica_guide import APP_ROOT
from sciatica_guide.content.loader import CONTENT_DIR_ENV
from sciatica_guide.startup import EXIT_INVALID, MESSAGE_PREFIX, WARNING_PREFIX, check_guide

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _broken_content(tmp_path: Path) -> Path:
    import shutil

    broken = tmp_path / "content"
    shutil.copytree(APP_ROOT / "content", broken)
    techniques = broken / "techniques.yaml"
    text = techniques.read_text("utf-8").replace("    feels_like:", "    feels:", 1)
    techniques.write_text(text, "utf-8")
    return broken


def _start(env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    import os

    port = free_port()
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--server.port={port}",
        ],
        cwd=APP_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_check_guide_passes_the_shipped_content() -> None:
    assert check_guide() is None


def test_broken_content_stops_the_server_with_one_line(tmp_path: Path) -> None:
    result = _start({CONTENT_DIR_ENV: str(_broken_content(tmp_path))})
    assert result.returncode == EXIT_INVALID
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(MESSAGE_PREFIX + "Content error in techniques.yaml")
    assert "Traceback" not in result.stderr


def test_a_bad_setting_stops_the_server_with_one_line() -> None:
    result = _start({"SCIATICA_GUIDE_IDLE_RESET_SECONDS": "soon"})
    assert result.returncode == EXIT_INVALID
    assert result.stderr.strip().splitlines()[-1] == (
        MESSAGE_PREFIX + "SCIATICA_GUIDE_IDLE_RESET_SECONDS must be a number of seconds"
    )


def test_the_readiness_command_says_what_is_wrong(tmp_path: Path) -> None:
    import os

    command = [sys.executable, "-m", "sciatica_guide.startup"]
    good = subprocess.run(command, cwd=APP_ROOT, capture_output=True, text=True, timeout=60)
    assert good.returncode == 0 and good.stdout.strip() == "ok"
    env = {**os.environ, CONTENT_DIR_ENV: str(_broken_content(tmp_path))}
    bad = subprocess.run(command, cwd=APP_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == EXIT_INVALID
    assert bad.stderr.startswith(MESSAGE_PREFIX + "Content error in techniques.yaml")


def _status(url: str) -> int:
    try:
        with NO_PROXY.open(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(("metrics", "expected"), [(None, 404), ("on", 200)])
def test_ready_and_metrics(metrics: str | None, expected: int) -> None:
    env = {"SCIATICA_GUIDE_METRICS": metrics} if metrics else {}
    with run_streamlit(env=env) as app:
        with NO_PROXY.open(f"{app.url}/_guide/ready", timeout=10) as response:
            assert response.status == 200 and response.read() == b"ok"
        assert _status(f"{app.url}/_stcore/metrics") == expected


def test_a_language_missing_a_safety_word_is_named_at_start_and_the_guide_starts(
    tmp_path: Path,
) -> None:
    import os
    import shutil

    import yaml

    folder = tmp_path / "content"
    shutil.copytree(APP_ROOT / "content", folder)
    path = folder / "translations" / "ta" / "precautions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["precautions"][0]["advice"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    command = [sys.executable, "-m", "sciatica_guide.startup"]
    env = {**os.environ, CONTENT_DIR_ENV: str(folder)}
    result = subprocess.run(
        command, cwd=APP_ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok"
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(
        WARNING_PREFIX + "தமிழ் (ta) is left out: 1 safety word is not translated"
    )
    assert "precautions.yaml:precautions." in line and line.endswith(".advice")


def test_a_language_whose_pdf_font_is_missing_is_named_at_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sciatica_guide import fonts as pdf
    from sciatica_guide.startup import language_warnings

    monkeypatch.setattr(pdf, "NOTO_CJK_DIR", tmp_path)
    lines = language_warnings()
    assert (
        lines
        == [
            WARNING_PREFIX
            + "简体中文 (zh) PDFs need the font package fonts-noto-cjk, which is not "
            "installed: their letters would print blank"
        ]
        or not (pdf.NOTO_DIR / "NotoSansTamil-Regular.ttf").is_file()
    )
