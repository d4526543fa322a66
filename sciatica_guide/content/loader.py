"""Read and validate the content folder. Every failure becomes one ContentError line."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from sciatica_guide import APP_ROOT
from sciatica_guide.content.article import parse_article
from sciatica_guide.content.assessment_checks import check_assessment
from sciatica_guide.content.body_map_checks import check_body_map
from sciatica_guide.content.checks import (
    check_ref,
    check_refs,
    check_templates,
    check_unique,
    text_problem,
)
from sciatica_guide.content.country_checks import (
    check_countries,
    check_pack,
    pack_codes,
    pack_file,
)
from sciatica_guide.content.country_models import CountryPack
from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.glossary_checks import check_glossary
from sciatica_guide.content.language_models import LanguagesFile, TranslationReview
from sciatica_guide.content.leaflet_checks import check_leaflet
from sciatica_guide.content.mark_checks import check_technique_marks
from sciatica_guide.content.mark_models import TechniqueMarksFile
from sciatica_guide.content.models import (
    LEVEL_ORDER,
    AreasFile,
    AssessmentFile,
    BlockedWordsFile,
    BodyMapFile,
    Content,
    EvidenceFile,
    GlossaryFile,
    ModesFile,
    MovementsFile,
    PagesFile,
    PrecautionsFile,
    RedFlagsFile,
    SiteFile,
    SourcesFile,
    TechniquesFile,
    WorkshopFile,
)
from sciatica_guide.content.movement_checks import check_movements
from sciatica_guide.content.translation import merge
from sciatica_guide.content.workshop_checks import check_workshop

M = TypeVar("M", bound=BaseModel)

#: Environment variable naming another content folder (for example a second language).
CONTENT_DIR_ENV = "SCIATICA_GUIDE_CONTENT_DIR"
ARTICLE_FILE = "article/article.md"
#: Every content file is a few KB. A bigger one is almost surely something pasted by mistake, and
#: would slow every page and the handout (a 5 MB article made the handout take 48 s).
MAX_FILE_BYTES = 256 * 1024
#: Fields whose text is an address the guide links on purpose (sources.yaml: each source's url).
ADDRESS_FIELDS = frozenset({"url"})

#: Content attribute -> (file in the content folder, model that validates it).
YAML_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "site": ("site.yaml", SiteFile),
    "sources": ("sources.yaml", SourcesFile),
    "red_flags": ("red_flags.yaml", RedFlagsFile),
    "areas": ("areas.yaml", AreasFile),
    "precautions": ("precautions.yaml", PrecautionsFile),
    "techniques": ("techniques.yaml", TechniquesFile),
    "evidence": ("evidence.yaml", EvidenceFile),
    "pages": ("pages.yaml", PagesFile),
    "modes": ("modes.yaml", ModesFile),
    "assessment": ("assessment.yaml", AssessmentFile),
    "body_map": ("body_map.yaml", BodyMapFile),
    "technique_marks": ("technique_marks.yaml", TechniqueMarksFile),
    "workshop": ("workshop.yaml", WorkshopFile),
    "blocked_words": ("blocked_words.yaml", BlockedWordsFile),
    "glossary": ("glossary.yaml", GlossaryFile),
    "movements": ("movements.yaml", MovementsFile),
    "languages": ("languages.yaml", LanguagesFile),
}
#: Translations: content/translations/<code>/, each file words only (content/translation.py).
TRANSLATIONS_DIR = "translations"
REVIEW_FILE = "review.yaml"


def default_content_dir() -> Path:
    configured = os.environ.get(CONTENT_DIR_ENV)
    return Path(configured) if configured else APP_ROOT / "content"


def _field_path(loc: Sequence[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _read_text(directory: Path, name: str) -> str:
    """A content file's text, refused when it is too large to be content."""
    path = directory / name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ContentError(
            name,
            None,
            f"the file is {size // 1024} KB; a content file may be at most "
            f"{MAX_FILE_BYTES // 1024} KB",
        )
    return path.read_text(encoding="utf-8")


def check_plain_text(name: str, data: Any, loc: tuple[int | str, ...] = ()) -> None:
    """Every string in a parsed YAML file is plain text: no HTML, no Markdown image or link, no
    bare address, formula or hidden direction character (checks.text_problem)."""
    if isinstance(data, str):
        address = bool(loc) and str(loc[-1]) in ADDRESS_FIELDS
        problem = text_problem(data, address=address)
        if problem:
            raise ContentError(name, _field_path(loc) or None, problem)
    elif isinstance(data, dict):
        for key, value in data.items():
            check_plain_text(name, value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            check_plain_text(name, value, (*loc, index))


#: libyaml's loader where installed (the same safe types, several times faster), else Python's.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(name: str, text: str) -> Any:
    """A content file's YAML, refused if it uses anchors or aliases (``&name``, ``*name``).

    Content never needs them (one place per fact is the folder's own rule), and aliases nested in
    aliases expand exponentially: a file of a few hundred bytes (an "alias bomb") would hang
    every session loading it. The events are read first, without expanding anything.
    """
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            where = f"line {mark.line + 1}" if mark is not None else "the file"
            raise ContentError(
                name,
                None,
                f"{where} uses a YAML anchor or alias (& or *); write the text out in full instead",
            )
    return yaml.load(text, Loader=_SAFE_LOADER)  # a safe loader, C or Python


def check_article_text(markdown: str) -> None:
    """The article is Markdown (headings, emphasis, lists) under the same rules as every text."""
    for number, line in enumerate(markdown.splitlines(), start=1):
        problem = text_problem(line)
        if problem:
            raise ContentError(ARTICLE_FILE, None, f"line {number}: {problem}")


def read_yaml(directory: Path, name: str) -> Any:
    try:
        text = _read_text(directory, name)
    except FileNotFoundError:
        raise ContentError(name, None, "the file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(
            name, None, f"the file cannot be read ({exc.__class__.__name__})"
        ) from None
    try:
        return parse_yaml(name, text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ContentError(name, None, f"not valid YAML{where}: {problem}") from None


def validate_file(name: str, data: Any, model: type[M]) -> M:
    """Validate parsed YAML against a model, turning the first error into a ContentError."""
    if not isinstance(data, dict):
        raise ContentError(name, None, "the file must hold a mapping of fields (key: value)")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = exc.error_count() - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise ContentError(name, _field_path(first["loc"]), first["msg"] + suffix) from None


def translation_name(language: str, name: str) -> str:
    """A translated file's path in the content folder (and in its error lines)."""
    return f"{TRANSLATIONS_DIR}/{language}/{name}"


def read_translation(directory: Path, language: str, name: str) -> Any:
    """A translation's words for one file; None where the translation has no such file."""
    translated = translation_name(language, name)
    if not (directory / translated).is_file():
        return None
    return read_yaml(directory, translated)


def load_yaml_model(directory: Path, name: str, model: type[M], language: str | None = None) -> M:
    """A content file, validated; with `language`, its translation's words in place of English
    (each string the translation leaves out stays English)."""
    data = read_yaml(directory, name)
    if language is not None:
        words = read_translation(directory, language, name)
        if words is not None:
            data = merge(translation_name(language, name), data, words)
    check_plain_text(name if language is None else translation_name(language, name), data)
    return validate_file(name, data, model)


# --- cross-reference checks ---------------------------------------------------------------------
CrossCheck = Callable[[Content], None]


def _check_content(content: Content) -> None:
    source_ids = {s.id for s in content.sources.sources}
    technique_ids = {t.id for t in content.techniques.techniques}
    area_ids = {a.id for a in content.areas.areas}
    headings = {s.heading for s in content.article.all_sections()}
    top_headings = [s.heading for s in content.article.sections]

    check_unique("sources.yaml", "sources", [s.id for s in content.sources.sources])
    check_unique("techniques.yaml", "techniques", [t.id for t in content.techniques.techniques])
    check_unique("areas.yaml", "areas", [a.id for a in content.areas.areas])
    check_unique("precautions.yaml", "precautions", [p.id for p in content.precautions.precautions])
    check_unique("pages.yaml", "pages", [p.id for p in content.pages.pages])
    check_unique("red_flags.yaml", "flags", [f.id for f in content.red_flags.all_flags()])

    check_refs("site.yaml", "article.source", [content.site.article.source], source_ids, "source")
    _check_red_flags(content, source_ids)
    check_refs(
        "precautions.yaml",
        "sources_default",
        content.precautions.sources_default,
        source_ids,
        "source",
    )
    for pi, precaution in enumerate(content.precautions.precautions):
        check_refs(
            "precautions.yaml",
            f"precautions[{pi}].sources",
            precaution.sources,
            source_ids,
            "source",
        )
        for ri, rule in enumerate(precaution.rules_out):
            where = f"precautions[{pi}].rules_out[{ri}]"
            check_refs(
                "precautions.yaml",
                f"{where}.techniques",
                rule.techniques or [],
                technique_ids,
                "technique",
            )
            check_refs("precautions.yaml", f"{where}.areas", rule.areas or [], area_ids, "area")
        link = precaution.red_flag
        if link is not None:
            flag_ids = {f.id for f in content.red_flags.all_flags()}
            where = f"precautions[{pi}].red_flag"
            check_ref("precautions.yaml", f"{where}.flag", link.flag, flag_ids, "urgent sign")
            check_refs("precautions.yaml", f"{where}.areas", link.areas or [], area_ids, "area")
    for ti, technique in enumerate(content.techniques.techniques):
        check_refs(
            "techniques.yaml", f"techniques[{ti}].sources", technique.sources, source_ids, "source"
        )
        if technique.article_section not in headings:
            raise ContentError(
                "techniques.yaml",
                f"techniques[{ti}].article_section",
                f"no article heading '{technique.article_section}'",
            )
    for pi, point in enumerate(content.evidence.summary):
        check_refs("evidence.yaml", f"summary[{pi}].sources", point.sources, source_ids, "source")
    for ni, note in enumerate(content.evidence.notes):
        check_refs("evidence.yaml", f"notes[{ni}].sources", note.sources, source_ids, "source")
        if note.section not in headings:
            raise ContentError(
                "evidence.yaml", f"notes[{ni}].section", f"no article heading '{note.section}'"
            )

    # Every top-level article section is shown on exactly one page, so none of it goes missing.
    placed: dict[str, int] = {}
    for pi, page in enumerate(content.pages.pages):
        for si, heading in enumerate(page.article_sections):
            field = f"pages[{pi}].article_sections[{si}]"
            if heading not in top_headings:
                raise ContentError("pages.yaml", field, f"no top-level article heading '{heading}'")
            if heading in placed:
                raise ContentError("pages.yaml", field, f"'{heading}' is already on another page")
            placed[heading] = pi
    missing = [h for h in top_headings if h not in placed]
    if missing:
        raise ContentError(
            "pages.yaml", "pages", f"no page shows the article section '{missing[0]}'"
        )
    defaults = [page for page in content.pages.pages if page.default]
    if len(defaults) != 1 or defaults[0].modes:
        problem = "exactly one page must be the default, and it must be shown in every mode"
        raise ContentError("pages.yaml", "pages", problem)


def _check_red_flags(content: Content, source_ids: set[str]) -> None:
    """Every level has its one message; every group's sources exist."""
    file = "red_flags.yaml"
    red_flags = content.red_flags
    for level in LEVEL_ORDER:
        if level not in red_flags.levels:
            raise ContentError(file, "levels", f"no message for the level '{level}'")
    for gi, group in enumerate(red_flags.groups):
        check_refs(file, f"groups[{gi}].sources", group.sources, source_ids, "source")


def _check_areas(content: Content) -> None:
    """Each area's techniques, precautions, urgent signs and sources exist."""
    source_ids = {s.id for s in content.sources.sources}
    technique_ids = {t.id for t in content.techniques.techniques}
    precaution_ids = {p.id for p in content.precautions.precautions}
    flag_ids = {f.id for f in content.red_flags.all_flags()}
    for ai, area in enumerate(content.areas.areas):
        where = f"areas[{ai}]"
        check_refs(
            "areas.yaml",
            f"{where}.techniques",
            [t.id for t in area.techniques],
            technique_ids,
            "technique",
        )
        check_unique("areas.yaml", f"{where}.techniques", [t.id for t in area.techniques])
        check_refs(
            "areas.yaml", f"{where}.precautions", area.precautions, precaution_ids, "precaution"
        )
        check_refs("areas.yaml", f"{where}.red_flags", area.red_flags, flag_ids, "urgent sign")
        check_refs("areas.yaml", f"{where}.sources", area.sources, source_ids, "source")


#: Extra checks that feature modules (body map, self-assessment, workshop) register.
EXTRA_CHECKS: list[CrossCheck] = [
    check_assessment,
    _check_areas,
    check_body_map,
    check_technique_marks,
    check_workshop,
    check_countries,
    check_glossary,
    check_movements,
    check_leaflet,
]


def content_files(folder: Path) -> list[tuple[str, type[BaseModel]]]:
    """Every YAML file of a content folder, with the model that validates it: the files of
    YAML_FILES, then each country pack (what a translation may hold a copy of)."""
    return [*YAML_FILES.values(), *((pack_file(code), CountryPack) for code in pack_codes(folder))]


def load_countries(folder: Path, language: str | None = None) -> dict[str, CountryPack]:
    """Every country pack in the content folder, validated (in `language` where given)."""
    packs: dict[str, CountryPack] = {}
    for code in pack_codes(folder):
        name = pack_file(code)
        packs[code] = load_yaml_model(folder, name, CountryPack, language)
        check_pack(name, packs[code])
    return packs


def _load_review(folder: Path, language: str) -> TranslationReview:
    """The translation's review.yaml, with a record for each of its files and no other."""
    name = translation_name(language, REVIEW_FILE)
    review = load_yaml_model(folder, name, TranslationReview)
    root = folder / TRANSLATIONS_DIR / language
    files = {p.relative_to(root).as_posix() for p in root.rglob("*.yaml") if p.name != REVIEW_FILE}
    # A file the English folder does not have would be read by nothing (a misspelt name).
    stray = sorted(files - {file for file, _ in content_files(folder)})
    if stray:
        problem = f"'{stray[0]}' is not a file of the content folder, so nothing reads it"
        raise ContentError(translation_name(language, stray[0]), None, problem)
    unrecorded = sorted(files - set(review.files))
    if unrecorded:
        problem = f"no record of who checked '{unrecorded[0]}' (or that no one has)"
        raise ContentError(name, "files", problem)
    unknown = sorted(set(review.files) - files)
    if unknown:
        raise ContentError(name, "files", f"'{unknown[0]}' is not a file of this translation")
    return review


def load_content(directory: Path | str | None = None, language: str | None = None) -> Content:
    """Load, validate and cross-check the whole content folder; with `language` (not the
    source language), with that translation's words. The article stays as written."""
    folder = Path(directory) if directory is not None else default_content_dir()
    if not folder.is_dir():
        raise ContentError(str(folder), None, "the content folder does not exist")
    source = load_yaml_model(folder, "languages.yaml", LanguagesFile)
    translated = language if language is not None and language != source.source else None
    if translated is not None and source.language(translated) is None:
        raise ContentError("languages.yaml", "languages", f"no language '{translated}'")
    parts: dict[str, Any] = {
        attr: load_yaml_model(folder, name, model, translated)
        for attr, (name, model) in YAML_FILES.items()
    }
    parts["language"] = translated or source.source
    if translated is not None:
        parts["translation"] = _load_review(folder, translated)
    try:
        markdown = _read_text(folder, ARTICLE_FILE)
    except (OSError, UnicodeDecodeError):
        raise ContentError(ARTICLE_FILE, None, "the file is missing or cannot be read") from None
    check_article_text(markdown)
    try:
        parts["article"] = parse_article(markdown)
    except ValueError as exc:
        raise ContentError(ARTICLE_FILE, None, str(exc)) from None
    for attr, (name, _) in YAML_FILES.items():
        check_templates(name, "", parts[attr])
    parts["countries"] = load_countries(folder, translated)
    content = Content(**parts)
    _check_content(content)
    for check in EXTRA_CHECKS:
        check(content)
    return content
