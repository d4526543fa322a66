"""Read a Dockerfile and its .dockerignore with maintained parsers, to check them and to rebuild
the image's app folder where no container engine runs.

dockerfile-parse reads the instructions (continuation lines, comments, ENV in both forms);
pathspec matches .dockerignore patterns. Docker anchors every pattern at the context's root
(Go's filepath.Match plus `**`), so each pattern is anchored with a leading `/` before pathspec
reads it with gitignore's rules; `!` re-includes and the last matching line wins, as in Docker.
"""

from __future__ import annotations

import io
import json
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pathspec
from dockerfile_parse import DockerfileParser


@dataclass(frozen=True)
class Instruction:
    keyword: str
    #: The arguments as written (continuation lines joined).
    raw: str

    @property
    def words(self) -> list[str]:
        """Arguments as a list: the JSON (exec) form as given, the shell form split like a shell."""
        text = self.raw.strip()
        if text.startswith("["):
            value = json.loads(text)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{self.keyword}: exec form must be a JSON list of strings")
            return value
        return shlex.split(text)


def _parser(text: str) -> DockerfileParser:
    # fileobj: read from memory; dockerfile-parse would otherwise create a Dockerfile on disk.
    return DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8")))


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions in order, without comments."""
    return [
        Instruction(item["instruction"], " ".join(item["value"].split()))
        for item in _parser(text).structure
        if item["instruction"] != "COMMENT"
    ]


def env_of(text: str) -> dict[str, str]:
    """The image's environment after every ENV, later ones winning (dockerfile-parse)."""
    return dict(_parser(text).envs)


def copy_sources(instructions: list[Instruction]) -> list[tuple[str, str]]:
    """(source, destination) of every COPY from the build context, destinations as written."""
    pairs = []
    for instruction in instructions:
        if instruction.keyword != "COPY":
            continue
        words = [w for w in instruction.words if not w.startswith("--")]
        *sources, destination = words
        pairs.extend((source, destination) for source in sources)
    return pairs


def read_dockerignore(path: Path) -> pathspec.PathSpec:
    """The .dockerignore's patterns (none when the file is missing)."""
    lines = path.read_text().splitlines() if path.exists() else []
    anchored = []
    for line in (line.strip() for line in lines):
        if not line or line.startswith("#"):
            continue
        negate, pattern = (line.startswith("!"), line.removeprefix("!").lstrip("/"))
        anchored.append(("!" if negate else "") + "/" + pattern)
    return pathspec.GitIgnoreSpec.from_lines(anchored)


def is_ignored(relative: str, patterns: pathspec.PathSpec) -> bool:
    """Whether .dockerignore leaves `relative` (a path in the context) out of the build."""
    return patterns.match_file(relative.strip("/"))


def build_app_folder(context: Path, dockerfile: Path, target: Path) -> None:
    """Copy what the Dockerfile's COPY instructions put in the image into `target` (its WORKDIR).

    Honours .dockerignore. Sources ending in / are folders copied to the destination folder;
    files go to the destination (a folder when it ends in / or is ./).
    """
    instructions = parse_dockerfile(dockerfile.read_text())
    patterns = read_dockerignore(context / ".dockerignore")
    for source, destination in copy_sources(instructions):
        origin = context / source
        dest = target / destination
        if origin.is_dir():
            for path in sorted(origin.rglob("*")):
                relative = path.relative_to(context).as_posix()
                if path.is_dir() or is_ignored(relative, patterns):
                    continue
                out = dest / path.relative_to(origin)
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, out)
        else:
            if is_ignored(source, patterns):
                continue
            out = (
                dest / origin.name
                if destination.endswith("/") or destination in {".", "./"}
                else dest
            )
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, out)
