"""Workshop rooms in the deployment files: a Redis beside the replicas, and nothing kept."""

from __future__ import annotations

from typing import Any

import yaml

from sciatica_guide import APP_ROOT
from sciatica_guide.settings import load_settings

COMPOSE = APP_ROOT / "compose.yaml"
REDIS_MANIFESTS = APP_ROOT / "deploy" / "kubernetes" / "redis" / "redis.yaml"
DEPLOYMENT = APP_ROOT / "deploy" / "kubernetes" / "deployment.yaml"
NO_DISK = ["--save", "", "--appendonly", "no"]


def _redis_args_keep_nothing(args: list[str]) -> None:
    joined = " ".join(f"[{a}]" for a in args)
    assert " ".join(f"[{a}]" for a in NO_DISK) in joined
    # A full Redis must refuse new rooms, never evict a live one (issue 29; every room key has
    # a TTL, so any volatile-* or allkeys-* policy could drop a room in use).
    assert args[args.index("--maxmemory-policy") + 1] == "noeviction"
    assert "--maxmemory" in args


def test_compose_runs_redis_for_rooms_and_every_replica_uses_it() -> None:
    compose = yaml.safe_load(COMPOSE.read_text())
    redis = compose["services"]["redis"]
    assert redis["image"].startswith("redis:")
    assert "ports" not in redis, "Redis must not be published"
    _redis_args_keep_nothing(redis["command"][1:])
    assert redis["read_only"] is True
    guides = {n: s for n, s in compose["services"].items() if n.startswith("guide-")}
    for service in guides.values():
        value = service["environment"]["SCIATICA_GUIDE_ROOM_STORE"]
        default = value.split(":-", 1)[1].rstrip("}")
        # The default is an address the guide accepts, naming the compose service.
        assert load_settings({"SCIATICA_GUIDE_ROOM_STORE": default}).room_store == default
        assert default.startswith("redis://redis:")


def _documents() -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(REDIS_MANIFESTS.read_text()) if d]


def test_kubernetes_redis_keeps_nothing_and_only_the_guide_reaches_it() -> None:
    kinds = {d["kind"]: d for d in _documents()}
    assert {"StatefulSet", "Service", "NetworkPolicy"} <= set(kinds)
    pod = kinds["StatefulSet"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    _redis_args_keep_nothing(container["args"])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert all("emptyDir" in v for v in volumes.values())
    service = kinds["Service"]
    policy = kinds["NetworkPolicy"]["spec"]
    (source,) = policy["ingress"][0]["from"]
    assert source["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "sciatica-guide"}
    # The guide's pods point at this Service.
    docs = yaml.safe_load_all(DEPLOYMENT.read_text())
    (deployment,) = [d for d in docs if d and d["kind"] == "Deployment"]
    env = {
        e["name"]: e.get("value")
        for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    name = service["metadata"]["name"]
    assert env["SCIATICA_GUIDE_ROOM_STORE"] == f"redis://{name}:6379/0"
