"""The image's app folder, rebuilt without Docker from the Dockerfile's COPY lines, and run.

No Docker engine runs here, so the tests copy what the Dockerfile copies (honouring .dockerignore)
into a temporary /app, and start Streamlit there with the Dockerfile's environment and command.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guide_testing.dockerfile import build_app_folder, env_of, parse_dockerfile
from guide_testing.protocol import StreamlitSession
from guide_testing.server import run_streamlit
from sciatica_guide import APP_ROOT

DOCKERFILE = APP_ROOT / "Dockerfile"
INSTRUCTIONS = parse_dockerfile(DOCKERFILE.read_text())
IMAGE_APP = "/app"
MARKER = "Served from the image's app folder."


def _image_env(app: Path, home: Path) -> dict[str, str]:
    """The Dockerfile's ENV with /app pointing at the rebuilt folder, HOME at an empty folder."""
    env = {
        key: value.replace(IMAGE_APP, str(app))
        for key, value in env_of(DOCKERFILE.read_text()).items()
    }
    env["HOME"] = str(home)
    return env


def _command_flags() -> dict[str, str]:
    (cmd,) = [i for i in INSTRUCTIONS if i.keyword == "CMD"]
    words = cmd.words
    assert words[:3] == ["streamlit", "run", "serve.py"]
    flags = {}
    for word in words[3:]:
        name, _, value = word.removeprefix("--").partition("=")
        flags[name] = value
    return flags


@pytest.fixture
def image_app(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    build_app_folder(APP_ROOT, DOCKERFILE, app)
    return app


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.mark.slow
def test_the_image_folder_serves_the_guide_and_writes_nothing(
    image_app: Path, tmp_path: Path
) -> None:
    # Mark the copy's content, to see that the app reads content/ from the image's folder (the
    # package's APP_ROOT there), not from the repository.
    site = image_app / "content" / "site.yaml"
    data = yaml.safe_load(site.read_text())
    data["disclaimer"]["short"] = MARKER
    site.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    home = tmp_path / "home"
    home.mkdir()
    before = _files(image_app)
    flags = _command_flags()
    # The command's address (0.0.0.0) and port become loopback and a free port here; nothing
    # else may hide in the command.
    assert set(flags) == {"server.address", "server.port"}
    with (
        run_streamlit(
            image_app / "serve.py", cwd=image_app, env=_image_env(image_app, home)
        ) as running,
        StreamlitSession(running.url) as session,
    ):
        first = session.rerun()
        assert first.ok, first.status
        assert MARKER in first.text
        for page in session.pages:
            result = session.rerun(page=page)
            assert result.ok and not result.texts("exception"), page.title
    # Read-only root filesystem: the app wrote nothing to its folder (no bytecode either) or HOME.
    assert _files(image_app) == before
    assert _files(home) == set()


# The image's command through Streamlit's own CLI (which reads STREAMLIT_* variables), stopped
# where the server would start, after it has printed its URLs.
_START = """
import sys
from streamlit import net_util
from streamlit.web import bootstrap, cli

calls = []
net_util.get_external_ip = lambda: calls.append("external") or None

def print_urls_only(*args, **kwargs):
    bootstrap._print_url(False)
    print("EXTERNAL LOOKUPS", len(calls))

bootstrap.run = print_urls_only
bootstrap.run_asgi_app = print_urls_only
sys.argv = {command!r}
cli.main(prog_name="streamlit")
"""


def _external_lookups(image_app: Path, env: dict[str, str]) -> int:
    (cmd,) = [i for i in INSTRUCTIONS if i.keyword == "CMD"]
    result = subprocess.run(
        [sys.executable, "-c", _START.format(command=cmd.words)],
        cwd=image_app,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.rsplit("EXTERNAL LOOKUPS", 1)[1])


@pytest.mark.slow
def test_the_image_asks_no_other_host_for_its_address(image_app: Path, tmp_path: Path) -> None:
    # Bound to 0.0.0.0, Streamlit prints an "External URL" and asks checkip.amazonaws.com for it,
    # unless it is told its address. The Dockerfile's environment tells it.
    env = _image_env(image_app, tmp_path)
    assert _external_lookups(image_app, env) == 0
    # Control: told no address at all (neither the environment nor the config file), it asks.
    without = {k: v for k, v in env.items() if k != "STREAMLIT_BROWSER_SERVER_ADDRESS"}
    config = image_app / ".streamlit" / "config.toml"
    original = config.read_text(encoding="utf-8")
    config.write_text(
        "\n".join(line for line in original.splitlines() if "serverAddress" not in line),
        encoding="utf-8",
    )
    try:
        assert _external_lookups(image_app, without) == 1
    finally:
        config.write_text(original, encoding="utf-8")


def test_the_readme_command_asks_no_other_host_for_its_address(tmp_path: Path) -> None:
    # `streamlit run serve.py` from the repository, headless by the repository's config.
    result = subprocess.run(
        [sys.executable, "-c", _START.format(command=["streamlit", "run", "serve.py"])],
        cwd=APP_ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.rsplit("EXTERNAL LOOKUPS", 1)[1]) == 0
