"""Which language a session reads in: the rules, free of Streamlit (ui/language.py applies them).

A shared link's ``?lang=`` wins once; then the person's own choice; then the first of the
browser's preferred languages the guide offers; then the deployment's default. An unknown
``?lang=`` value falls back quietly: it is never shown or repeated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from sciatica_guide.settings import Settings, SettingsError

LANG_PARAM = "lang"
#: A language tag as browsers send it ("zh-CN", "ms", "en-GB;q=0.8" without the weight).
_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class LanguageChoice:
    language: str
    #: The ?lang= value this choice took from the address, to take it only once.
    taken_request: str | None = None


def offered_languages(complete: Sequence[str], source: str, settings: Settings) -> list[str]:
    """The languages to offer: those complete on safety (`complete`, source first), limited and
    ordered by the deployment's list where it sets one. Never empty: the source always loads."""
    if settings.languages is None:
        return list(complete)
    chosen = [code for code in settings.languages if code in complete]
    return chosen or [source]


def browser_languages(accept_language: str | None, locale: str | None) -> list[str]:
    """The primary language codes a browser prefers, best first ("zh-CN,zh;q=0.9,en;q=0.8"
    gives zh, en). Malformed parts are skipped."""
    tags: list[tuple[float, int, str]] = []
    parts = (accept_language or "").split(",")[:20]
    for index, part in enumerate([*parts, locale or ""]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        if _TAG.match(tag) and weight > 0:
            tags.append((-weight, index, tag.split("-")[0].lower()))
    seen: list[str] = []
    for _, _, code in sorted(tags):
        if code not in seen:
            seen.append(code)
    return seen


def _requested(query: Mapping[str, Any]) -> str | None:
    value = query.get(LANG_PARAM)
    if isinstance(value, list):
        value = value[-1] if value else None
    text = str(value).strip().lower() if value is not None else ""
    return text[:40] or None


def resolve_language(
    offered: Sequence[str],
    query: Mapping[str, Any],
    remembered: str | None,
    taken: str | None,
    preferred: Iterable[str] = (),
) -> LanguageChoice:
    """The session's language (see the module's docstring). `offered` is never empty; its first
    is the deployment's default."""
    if remembered is not None and remembered in offered:
        current = remembered
    else:
        current = next((code for code in preferred if code in offered), offered[0])
    requested = _requested(query)
    if requested is None or requested not in offered or requested == taken:
        return LanguageChoice(current, taken_request=taken)
    return LanguageChoice(requested, taken_request=requested)


def check_language_setting(known: Sequence[str], settings: Settings) -> None:
    """SCIATICA_GUIDE_LANGUAGES names languages of content/languages.yaml (checked at start)."""
    if settings.languages is None:
        return
    if any(code not in known for code in settings.languages):
        raise SettingsError(
            "SCIATICA_GUIDE_LANGUAGES must list codes from content/languages.yaml: "
            + ", ".join(known)
        )


#: Babel's locale for a language's dates and numbers: as written in Singapore, where the guide's
#: article is from (English: "7 December 2026").
_DATE_LOCALES = {"en": "en_SG", "zh": "zh_Hans_SG", "ms": "ms_SG", "ta": "ta_SG"}


def date_locale(language: str) -> str:
    return _DATE_LOCALES.get(language, "en_SG")


def date_text(day: dt.date, language: str = "en") -> str:
    """The day in words, as the language writes it ("7 December 2026", "2026年12月7日")."""
    return format_date(day, format="long", locale=date_locale(language))
