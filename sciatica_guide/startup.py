"""Start-up checks and the server's lifespan: the guide serves no one with broken content.

``serve.py`` calls :func:`exit_unless_valid` when the server process starts, before it listens:
broken content or a bad setting stops the process with its one-line message and exit code 2, so
Docker and Kubernetes never route visitors to a replica that could only show an error page.
``python -m sciatica_guide.startup`` runs the same check (an exec readiness probe, or a check
before deploying a content change).
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from sciatica_guide.content import ContentError, default_content_dir, load_content
from sciatica_guide.content.translation_checks import check_languages
from sciatica_guide.fonts import missing_font_package
from sciatica_guide.languages import check_language_setting
from sciatica_guide.server_guard import COLLECT_MARGIN_SECONDS, SessionEndCollector
from sciatica_guide.settings import Settings, SettingsError, load_settings

#: Exit code for content or settings the guide cannot use.
EXIT_INVALID = 2
MESSAGE_PREFIX = "Sciatica & Massage Guide cannot start: "
WARNING_PREFIX = "Sciatica & Massage Guide: "


def check_guide(env: Mapping[str, str] | None = None) -> str | None:
    """None when the settings and the content folder load; else their one-line problem."""
    try:
        settings = load_settings(env)
        content = load_content(default_content_dir())
        check_language_setting([lang.code for lang in content.languages.languages], settings)
    except (ContentError, SettingsError) as error:
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    return None


def language_warnings() -> list[str]:
    """One line for each language left out (a translation that does not load, or is not
    complete on safety): the guide still starts, without it."""
    try:
        checks = check_languages(default_content_dir())
    except ContentError:
        return []  # check_guide names what is broken
    lines = [WARNING_PREFIX + check.problem for check in checks if check.problem]
    for check in checks:
        package = missing_font_package(check.code) if check.problem is None else None
        if package:
            lines.append(
                f"{WARNING_PREFIX}{check.name} ({check.code}) PDFs need the font package "
                f"{package}, which is not installed: their letters would print blank"
            )
    return lines


def exit_unless_valid() -> None:
    """Stop the process with the one-line problem (exit code 2) unless content and settings load;
    name any language left out."""
    problem = check_guide()
    if problem is not None:
        print(MESSAGE_PREFIX + problem, file=sys.stderr, flush=True)
        raise SystemExit(EXIT_INVALID)
    for line in language_warnings():
        print(line, file=sys.stderr, flush=True)


class GuideServer:
    """What serve.py's st.App needs besides Streamlit: the checked settings and the collector."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.collector: SessionEndCollector | None = None

    def metrics_on(self) -> bool:
        return self.settings is not None and self.settings.metrics

    def ready(self) -> bool:
        return self.settings is not None

    @asynccontextmanager
    async def lifespan(self, _app: Any) -> AsyncIterator[None]:
        import streamlit as st

        # The process tuning (sciatica_guide/tuning.py) stays with the frame's first run: it sets
        # TCP_NODELAY on the listening socket, which does not exist yet while this runs.
        self.settings = load_settings()
        ttl = float(st.get_option("server.disconnectedSessionTTL") or 0)
        self.collector = SessionEndCollector(ttl + COLLECT_MARGIN_SECONDS)
        try:
            yield
        finally:
            self.collector.cancel()
            self.settings = None


def main() -> int:
    problem = check_guide()
    if problem is not None:
        print(MESSAGE_PREFIX + problem, file=sys.stderr)
        return EXIT_INVALID
    for line in language_warnings():
        print(line, file=sys.stderr)
    print("ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
