"""languages.yaml (the languages the guide can show) and a translation's review.yaml."""

from __future__ import annotations

import datetime
from typing import Annotated, Self

from pydantic import StringConstraints, model_validator

from sciatica_guide.content.base import Strict
from sciatica_guide.content.placeholders import Placeholders

#: A language's code: what ?lang= takes and its folder in content/translations/.
LANGUAGE_CODE_PATTERN = r"^[a-z]{2,3}$"
LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_CODE_PATTERN)]


class Language(Strict):
    code: LanguageCode
    #: The language's own name ("简体中文"), as the language control shows it.
    name: str
    #: The page's language tag (BCP 47): screen readers, line breaking and fonts use it.
    html_lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    #: What ends a sentence the guide builds from parts ("。" in Chinese).
    full_stop: str = "."
    #: Whether words and sentences are separated by spaces (not in Chinese).
    spaces: bool = True
    #: What follows a label before its text ("Check first: ..."; a full-width colon in Chinese).
    colon: str = ":"


class LanguageWords(Strict):
    control: str
    unreviewed: str
    reviewed: Annotated[str, Placeholders("reviewer", "date")]
    in_english: str
    article_in_english: str


class LanguagesFile(Strict):
    #: The language the content folder is written in; every other one is a translation.
    source: LanguageCode
    languages: list[Language]
    #: The words a translation must have before its language is offered ("file.yaml:path").
    safety: list[str]
    words: LanguageWords

    @model_validator(mode="after")
    def _source_listed_once(self) -> Self:
        codes = [lang.code for lang in self.languages]
        if len(set(codes)) != len(codes):
            raise ValueError("each language is listed once")
        if self.source not in codes:
            raise ValueError(f"the source language '{self.source}' must be listed")
        return self

    def language(self, code: str) -> Language | None:
        return next((lang for lang in self.languages if lang.code == code), None)


class FileReview(Strict):
    """Who checked one translated file against the English, and when; both empty until then."""

    reviewed_by: str | None = None
    reviewed_on: datetime.date | None = None

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by) and self.reviewed_on is not None


class TranslationReview(Strict):
    """content/translations/<code>/review.yaml: who made the translation, and for each of its
    files, the health professional who checked it and when."""

    translated_by: str
    files: dict[str, FileReview]

    @property
    def reviewed(self) -> bool:
        """Every file checked: only then does the translation stop saying it is unchecked."""
        return bool(self.files) and all(f.reviewed for f in self.files.values())

    @property
    def reviewers(self) -> str:
        return ", ".join(dict.fromkeys(f.reviewed_by for f in self.files.values() if f.reviewed_by))

    @property
    def last_reviewed(self) -> datetime.date | None:
        days = [f.reviewed_on for f in self.files.values() if f.reviewed_on is not None]
        return max(days) if days else None
