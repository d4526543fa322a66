"""Which translations the guide may offer: a language is offered only when it loads like the
English content and translates every safety word (languages.yaml `safety`). Anything less is one
line naming the language and what is missing, and the language is left out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.language_models import LanguagesFile
from sciatica_guide.content.loader import (
    load_content,
    load_yaml_model,
    read_translation,
    read_yaml,
)
from sciatica_guide.content.models import Content
from sciatica_guide.content.translation import missing_words

#: How many missing keys the line names before "and N more".
NAMED_MISSING = 5


@dataclass(frozen=True)
class LanguageCheck:
    code: str
    name: str
    #: None when the language may be offered; else why not, in one line.
    problem: str | None = None


def safety_files(folder: Path, patterns: list[str]) -> list[str]:
    """The content files the safety patterns name (a pattern may use * in its file part)."""
    files: list[str] = []
    for pattern in patterns:
        file = pattern.split(":", 1)[0]
        found = sorted(str(p.relative_to(folder)) for p in folder.glob(file) if p.is_file())
        files += [f for f in found if f not in files]
    return files


def missing_safety_words(folder: Path, languages: LanguagesFile, code: str) -> list[str]:
    """Every safety word (file:path) the translation `code` leaves in English."""
    missing: list[str] = []
    for file in safety_files(folder, languages.safety):
        english = read_yaml(folder, file)
        words = read_translation(folder, code, file)
        patterns = tuple(
            f"{file}:{p.split(':', 1)[1]}" if ":" in p else file
            for p in languages.safety
            if Path(file).match(p.split(":", 1)[0])
        )
        missing += missing_words(file, english, words, patterns)
    return missing


#: How a check loads a language's content: load_content, or the app's cached copy of it (so the
#: content a check loaded is the one the pages then use, not loaded twice).
LoadContent = Callable[[Path, str], Content]


def check_language(
    folder: Path, languages: LanguagesFile, code: str, load: LoadContent = load_content
) -> LanguageCheck:
    language = languages.language(code)
    name = language.name if language else code
    if code == languages.source:
        return LanguageCheck(code, name)
    try:
        load(folder, code)
    except ContentError as error:
        return LanguageCheck(code, name, f"{name} ({code}) is left out: {error}")
    missing = missing_safety_words(folder, languages, code)
    if missing:
        named = ", ".join(missing[:NAMED_MISSING])
        more = f" and {len(missing) - NAMED_MISSING} more" if len(missing) > NAMED_MISSING else ""
        problem = (
            f"{name} ({code}) is left out: {len(missing)} safety "
            f"{'word is' if len(missing) == 1 else 'words are'} not translated: "
            f"{named}{more}"
        )
        return LanguageCheck(code, name, problem)
    return LanguageCheck(code, name)


def check_languages(folder: Path, load: LoadContent = load_content) -> list[LanguageCheck]:
    """Every language in languages.yaml, the source first, each with its problem or None."""
    languages = load_yaml_model(folder, "languages.yaml", LanguagesFile)
    return [check_language(folder, languages, lang.code, load) for lang in languages.languages]
