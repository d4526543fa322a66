"""The Dockerfile, compose file and Kubernetes manifests, checked without Docker or a cluster."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide_testing.dockerfile import (
    Instruction,
    copy_sources,
    env_of,
    is_ignored,
    parse_dockerfile,
    read_dockerignore,
)
from sciatica_guide import APP_ROOT
from sciatica_guide.pdf import DEJAVU_DIR
from sciatica_guide.settings import load_settings

DOCKERFILE = APP_ROOT / "Dockerfile"
COMPOSE = APP_ROOT / "compose.yaml"
KUBERNETES = APP_ROOT / "deploy" / "kubernetes"
NGINX = APP_ROOT / "deploy" / "nginx"
HEALTH = "/_stcore/health"
#: The guide's readiness path (serve.py): 200 only while content and settings load.
READY = "/_guide/ready"
PORT = 8501
#: What the image holds: what the app needs at run time (the frame, page scripts, content,
#: package, config, metadata) and the licence that goes with every copy of the code.
APP_PARTS = {
    "serve.py",
    "app.py",
    "app_pages/",
    "content/",
    "sciatica_guide/",
    ".streamlit/",
    "pyproject.toml",
    "README.md",
    "LICENSE",
}


@pytest.fixture(scope="module")
def instructions() -> list[Instruction]:
    return parse_dockerfile(DOCKERFILE.read_text())


def _only(instructions: list[Instruction], keyword: str) -> Instruction:
    found = [i for i in instructions if i.keyword == keyword]
    assert len(found) == 1, f"expected one {keyword}, found {len(found)}"
    return found[0]


def test_dockerfile_uses_one_slim_python_stage(instructions: list[Instruction]) -> None:
    assert instructions[0].keyword == "FROM"
    assert _only(instructions, "FROM").words == ["python:3.11-slim"]


def test_dockerfile_copies_everything_the_app_needs_into_app(
    instructions: list[Instruction],
) -> None:
    assert _only(instructions, "WORKDIR").words == ["/app"]
    pairs = copy_sources(instructions)
    assert {source for source, _ in pairs} >= APP_PARTS
    for source, destination in pairs:
        assert (APP_ROOT / source).exists(), f"COPY {source}: not in the repository"
        # Folders keep their names under /app (WORKDIR): content/ -> /app/content/.
        if source.endswith("/"):
            assert destination == source, f"COPY {source} {destination}"
        else:
            assert destination in {"./", "."}, f"COPY {source} {destination}"


def test_dockerignore_keeps_what_the_image_copies_and_drops_the_rest() -> None:
    patterns = read_dockerignore(APP_ROOT / ".dockerignore")
    for part in APP_PARTS:
        assert not is_ignored(part, patterns), f".dockerignore leaves out {part}"
    for path in APP_ROOT.joinpath("content").rglob("*"):
        assert not is_ignored(path.relative_to(APP_ROOT).as_posix(), patterns)
    for unwanted in (".git/HEAD", "tests/conftest.py", "sciatica_guide/__pycache__/x.pyc"):
        assert is_ignored(unwanted, patterns), f".dockerignore lets {unwanted} in"
    assert is_ignored(".streamlit/secrets.toml", patterns)
    assert not is_ignored(".streamlit/config.toml", patterns)


def test_pip_install_runs_after_its_inputs_are_copied(instructions: list[Instruction]) -> None:
    # pyproject's readme must be in the image before `pip install .`, or the build fails.
    readme = tomllib.loads((APP_ROOT / "pyproject.toml").read_text())["project"]["readme"]
    install = next(
        n for n, i in enumerate(instructions) if i.keyword == "RUN" and "pip install" in i.raw
    )
    copied_before = {s for i in instructions[:install] for s, _ in copy_sources([i])}
    assert {"pyproject.toml", readme, "sciatica_guide/"} <= copied_before
    assert "--no-cache-dir" in instructions[install].raw


def test_dockerfile_runs_as_a_numeric_non_root_user(instructions: list[Instruction]) -> None:
    users = [i for i in instructions if i.keyword == "USER"]
    assert users, "no USER: the container would run as root"
    user, _, group = users[-1].words[0].partition(":")
    # Numeric, so Kubernetes' runAsNonRoot can check it; and not 0.
    assert user.isdigit() and int(user) != 0
    assert not group or (group.isdigit() and int(group) != 0)
    # Nothing runs as root after the switch except what the image starts with.
    after = instructions[instructions.index(users[-1]) :]
    assert not [i for i in after if i.keyword in {"RUN", "COPY", "ADD"}]
    kubernetes_user = _deployment()["spec"]["template"]["spec"]["securityContext"]["runAsUser"]
    assert kubernetes_user == int(user)


def test_dockerfile_health_check_and_command(instructions: list[Instruction]) -> None:
    assert _only(instructions, "EXPOSE").words == [str(PORT)]
    health = _only(instructions, "HEALTHCHECK").raw
    assert re.search(r"--interval=\d+s", health) and re.search(r"--timeout=\d+s", health)
    command = health.split("CMD", 1)[1]
    assert f"127.0.0.1:{PORT}{READY}" in command
    assert _only(instructions, "CMD").words == [
        "streamlit",
        "run",
        "serve.py",
        "--server.address=0.0.0.0",
        f"--server.port={PORT}",
    ]


def test_the_image_installs_the_fonts_the_pdfs_use(instructions: list[Instruction]) -> None:
    # Without fonts-dejavu-core the handout made in the container would fall back to the PDF
    # core fonts ("Grøvle" and typographic quotes would not print as written).
    user = next(i for i in instructions if i.keyword == "USER")
    before_user = instructions[: instructions.index(user)]
    installs = [i for i in before_user if i.keyword == "RUN" and "apt-get" in i.raw]
    assert installs, "no apt-get install before USER"
    words = installs[0].words
    assert "fonts-dejavu-core" in words and "--no-install-recommends" in words
    assert "rm -rf /var/lib/apt/lists/*" in installs[0].raw
    # The package puts the fonts where sciatica_guide.pdf looks for them.
    if shutil.which("dpkg") and (DEJAVU_DIR / "DejaVuSans.ttf").is_file():
        listed = subprocess.run(
            ["dpkg", "-L", "fonts-dejavu-core"], capture_output=True, text=True, check=True
        ).stdout.split()
        assert str(DEJAVU_DIR / "DejaVuSans.ttf") in listed
        assert str(DEJAVU_DIR / "DejaVuSans-Bold.ttf") in listed


def test_dockerignore_follows_dockers_rules(tmp_path: Path) -> None:
    # Anchored at the context's root, ** for any folders, ! re-includes, the last line wins.
    ignore = tmp_path / ".dockerignore"
    ignore.write_text("# comment\ntests/\n**/*.pyc\n/docs\n*.md\n!README.md\n")
    patterns = read_dockerignore(ignore)
    assert is_ignored("tests/conftest.py", patterns)
    assert not is_ignored("app/tests/x.py", patterns)  # not at the root
    assert is_ignored("a/b/c.pyc", patterns) and is_ignored("c.pyc", patterns)
    assert is_ignored("docs/deploy.md", patterns)
    assert is_ignored("NOTES.md", patterns) and not is_ignored("README.md", patterns)
    assert not is_ignored("content/site.md", patterns)  # *.md matches at the root only


def test_dockerfile_environment(instructions: list[Instruction]) -> None:
    env = env_of(DOCKERFILE.read_text())
    # sciatica_guide is imported from /app, where its APP_ROOT finds content/ and app_pages/.
    assert env["PYTHONPATH"] == "/app"
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    # Set, so Streamlit on 0.0.0.0 never asks checkip.amazonaws.com for a public address.
    assert env["STREAMLIT_BROWSER_SERVER_ADDRESS"]


def test_production_streamlit_config_is_what_the_image_copies() -> None:
    config = tomllib.loads((APP_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["headless"] is True
    # CORS stays on (the default): behind one origin nothing needs it off.
    assert config["server"].get("enableCORS", True) is True


# --- compose ---------------------------------------------------------------------------------


def _compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def _guide_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: s for name, s in compose["services"].items() if name.startswith("guide-")}


def test_compose_runs_replicas_of_the_image_behind_nginx() -> None:
    compose = _compose()
    guides = _guide_services(compose)
    assert len(guides) >= 2
    for name, service in guides.items():
        assert service["build"] == ".", name
        assert "ports" not in service, f"{name} is published: it must be reached through nginx"
        assert str(PORT) in [str(p) for p in service["expose"]]
        assert service["read_only"] is True and "/tmp" in service["tmpfs"]
        assert service["environment"]["STREAMLIT_BROWSER_SERVER_ADDRESS"]
    nginx = compose["services"]["nginx"]
    assert nginx["image"].startswith("nginx:")
    assert set(nginx["depends_on"]) == set(guides)
    assert all(d["condition"] == "service_healthy" for d in nginx["depends_on"].values())
    assert any(p.endswith(":8080") for p in nginx["ports"])
    assert HEALTH in " ".join(nginx["healthcheck"]["test"])


class _RecordingEnv(dict[str, str]):
    """An empty environment that remembers which variables were asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.asked.append(key)
        return default


#: Settings compose gives a value of its own when the host sets none: several replicas need
#: workshop rooms in the compose file's Redis.
COMPOSE_DEFAULTS = {
    "SCIATICA_GUIDE_ROOM_STORE": "redis://redis:6379/0",
    # The country pack the example names (issue 23): compose sets the country, not a number.
    "SCIATICA_GUIDE_COUNTRY": "sg",
}


def test_compose_passes_every_guide_setting_through() -> None:
    env = _RecordingEnv()
    load_settings(env)
    # A logo is a file path: it needs a mounted file, so it is set per deployment, not here.
    wanted = set(env.asked) - {"SCIATICA_GUIDE_CLINIC_LOGO"}
    assert "SCIATICA_GUIDE_MODE" in wanted
    for name, service in _guide_services(_compose()).items():
        environment = service["environment"]
        assert wanted <= set(environment), f"{name} misses {wanted - set(environment)}"
        for key in wanted - set(COMPOSE_DEFAULTS):
            # Unset on the host means unset in the container: "${NAME:-}".
            assert environment[key] == f"${{{key}:-}}", key
        for key, default in COMPOSE_DEFAULTS.items():
            assert environment[key] == f"${{{key}:-{default}}}", key


def test_compose_mounts_every_nginx_file_and_lists_every_replica() -> None:
    compose = _compose()
    mounts = {}
    for volume in compose["services"]["nginx"]["volumes"]:
        source, target, *_ = volume.split(":")
        mounts[Path(source).name] = target
        assert (APP_ROOT / source).is_file(), source
    # nginx.conf becomes the main file; the files it includes sit beside it.
    assert mounts["nginx.conf"] == "/etc/nginx/nginx.conf"
    included = {"guide-http.conf", "guide-server.conf", "guide-replicas.conf"}
    assert {name: mounts.get(name) for name in included} == {
        name: f"/etc/nginx/{name}" for name in included
    }
    replicas = re.findall(
        r"^server\s+(\S+):(\d+)\b", (NGINX / "guide-replicas.conf").read_text(), re.M
    )
    assert sorted(host for host, _ in replicas) == sorted(_guide_services(compose))
    assert {int(port) for _, port in replicas} == {PORT}


def test_nginx_config_listens_where_compose_publishes() -> None:
    listen = re.search(r"^\s*listen\s+(\d+);", (NGINX / "nginx.conf").read_text(), re.M)
    assert listen is not None
    ports = _compose()["services"]["nginx"]["ports"]
    assert any(p.endswith(f":{listen.group(1)}") for p in ports)


# --- Kubernetes ------------------------------------------------------------------------------


def _documents() -> list[dict[str, Any]]:
    documents = []
    for path in sorted(KUBERNETES.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            assert isinstance(document, dict), f"{path.name}: empty or not a mapping"
            assert {"apiVersion", "kind", "metadata"} <= set(document), path.name
            documents.append(document)
    return documents


def _of_kind(kind: str) -> list[dict[str, Any]]:
    return [d for d in _documents() if d["kind"] == kind]


def _deployment() -> dict[str, Any]:
    (deployment,) = _of_kind("Deployment")
    return deployment


def test_kubernetes_has_deployment_service_ingress_and_disruption_budget() -> None:
    kinds = {d["kind"] for d in _documents()}
    assert {"Deployment", "Service", "Ingress", "PodDisruptionBudget"} <= kinds


def test_kubernetes_deployment_replicas_probes_and_resources() -> None:
    deployment = _deployment()
    spec = deployment["spec"]
    assert spec["replicas"] >= 2
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    labels = spec["selector"]["matchLabels"]
    assert labels.items() <= spec["template"]["metadata"]["labels"].items()
    (container,) = spec["template"]["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": PORT}
    paths = {"readinessProbe": READY, "livenessProbe": HEALTH, "startupProbe": READY}
    for probe, path in paths.items():
        check = container[probe]["httpGet"]
        assert check["path"] == path, probe
        assert ports.get(check["port"], check["port"]) == PORT, probe
    resources = container["resources"]
    assert _mebibytes(resources["requests"]["memory"]) >= 128
    assert _mebibytes(resources["limits"]["memory"]) >= _mebibytes(resources["requests"]["memory"])
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["STREAMLIT_BROWSER_SERVER_ADDRESS"]


def _mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()  # type: ignore[union-attr]
    return int(number) * (1024 if unit == "Gi" else 1)


def test_kubernetes_pod_runs_locked_down_with_a_writable_tmp() -> None:
    pod = _deployment()["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    (container,) = pod["containers"]
    security = container["securityContext"]
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["HOME"] == "/tmp"


def test_kubernetes_service_and_ingress_route_to_the_pods_with_cookie_affinity() -> None:
    (deployment,) = _of_kind("Deployment")
    (service,) = _of_kind("Service")
    # The other Ingress only refuses /_stcore/metrics (tests/deploy/test_security_headers.py).
    (ingress,) = [i for i in _of_kind("Ingress") if i["metadata"]["name"] == "sciatica-guide"]
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    # Client-IP affinity would pile every tablet behind one clinic's NAT onto one pod.
    assert service["spec"].get("sessionAffinity", "None") == "None"
    (service_port,) = service["spec"]["ports"]
    assert service_port["targetPort"] in ("http", PORT)

    annotations = ingress["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert annotations[prefix + "affinity"] == "cookie"
    assert annotations[prefix + "affinity-mode"] == "persistent"
    assert annotations[prefix + "session-cookie-name"]
    assert int(annotations[prefix + "proxy-read-timeout"]) >= 3600
    assert int(annotations[prefix + "proxy-send-timeout"]) >= 3600
    backends = [
        path["backend"]["service"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    ]
    assert backends and all(b["name"] == service["metadata"]["name"] for b in backends)
    assert all(
        b["port"].get("name", b["port"].get("number"))
        in (service_port["name"], service_port["port"])
        for b in backends
    )
    # The Ingress host is the address Streamlit is told people use.
    env = {
        e["name"]: e.get("value")
        for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    hosts = {r["host"] for r in ingress["spec"]["rules"]}
    assert env["STREAMLIT_BROWSER_SERVER_ADDRESS"] in hosts
    assert env["STREAMLIT_SERVER_ALLOWED_HOSTS"] in hosts


def test_disruption_budget_keeps_a_replica_serving() -> None:
    (budget,) = _of_kind("PodDisruptionBudget")
    pod_labels = _deployment()["spec"]["template"]["metadata"]["labels"]
    assert budget["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert budget["spec"]["minAvailable"] >= 1
