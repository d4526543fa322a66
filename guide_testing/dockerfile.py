"""Read a Dockerfile without Docker: enough to check it and to rebuild its app folder.

No Docker engine runs where the tests run, so the tests read the Dockerfile: the instructions,
their arguments (JSON or shell form), which files COPY takes and which .dockerignore leaves out.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path


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


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions in order. Comments and blank lines are dropped, `\\` continuations joined."""
    instructions: list[Instruction] = []
    pending = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # Comment lines inside a continued instruction are ignored by Docker too.
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        full = pending + stripped
        pending = ""
        keyword, _, rest = full.partition(" ")
        instructions.append(Instruction(keyword.upper(), rest.strip()))
    if pending:
        raise ValueError("the Dockerfile ends inside a continued line")
    return instructions


def env_of(instructions: list[Instruction]) -> dict[str, str]:
    """Every ENV key=value, later ones winning."""
    env: dict[str, str] = {}
    for instruction in instructions:
        if instruction.keyword != "ENV":
            continue
        for word in instruction.words:
            key, sep, value = word.partition("=")
            if not sep:
                raise ValueError(f"ENV {instruction.raw!r}: use the key=value form")
            env[key] = value
    return env


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


def read_dockerignore(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regex (Go's filepath.Match plus `**` for any folders)."""
    out = ""
    i = 0
    body = pattern.strip("/")
    while i < len(body):
        if body.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif body.startswith("**", i):
            out += ".*"
            i += 2
        elif body[i] == "*":
            out += "[^/]*"
            i += 1
        elif body[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(body[i])
            i += 1
    return re.compile(out)


def is_ignored(relative: str, patterns: list[str]) -> bool:
    """Whether .dockerignore leaves `relative` (a path in the context) out. `!` re-includes; a
    pattern that matches a folder leaves out everything below it. The last matching line wins."""
    parts = relative.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        regex = _pattern_regex(pattern[1:] if negate else pattern)
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            ignored = not negate
    return ignored


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
