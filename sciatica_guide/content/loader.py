"""Read and validate the content folder. Every failure becomes one ContentError line."""

from __future__ import annotations

import os
import re
import string
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from sciatica_guide import APP_ROOT
from sciatica_guide.content.article import parse_article
from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.models import (
    GP_REASONS,
    LEVEL_ORDER,
    AreasFile,
    AssessmentFile,
    BodyMapFile,
    Content,
    EvidenceFile,
    ModesFile,
    PagesFile,
    Placeholders,
    Point,
    PrecautionsFile,
    RedFlagsFile,
    Side,
    SiteFile,
    SourcesFile,
    TechniquesFile,
    View,
    WorkshopFile,
)

M = TypeVar("M", bound=BaseModel)

#: Environment variable naming another content folder (for example a second language).
CONTENT_DIR_ENV = "SCIATICA_GUIDE_CONTENT_DIR"
ARTICLE_FILE = "article/article.md"
#: Every content file is a few KB. A bigger one is almost surely something pasted by mistake, and
#: would slow every page and the handout (a 5 MB article made the handout take 48 s).
MAX_FILE_BYTES = 256 * 1024
#: What a pasted snippet could bring into a page: an HTML tag, comment or declaration (a form, a
#: tracking image, a link), or a Markdown image or link. Content text is plain text.
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|!\[|\]\(|\]\[")

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
    "workshop": ("workshop.yaml", WorkshopFile),
}


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
    """Every string in a parsed YAML file is plain text: no HTML, no Markdown image or link."""
    if isinstance(data, str):
        found = _MARKUP.search(data)
        if found:
            raise ContentError(
                name,
                _field_path(loc) or None,
                f"write plain text here, without HTML or Markdown links and images "
                f"(found '{data[found.start() : found.start() + 12]}')",
            )
    elif isinstance(data, dict):
        for key, value in data.items():
            check_plain_text(name, value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            check_plain_text(name, value, (*loc, index))


def _read_yaml(directory: Path, name: str) -> Any:
    try:
        text = _read_text(directory, name)
    except FileNotFoundError:
        raise ContentError(name, None, "the file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(
            name, None, f"the file cannot be read ({exc.__class__.__name__})"
        ) from None
    try:
        return yaml.safe_load(text)
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


def load_yaml_model(directory: Path, name: str, model: type[M]) -> M:
    data = _read_yaml(directory, name)
    check_plain_text(name, data)
    return validate_file(name, data, model)


# --- cross-reference checks ---------------------------------------------------------------------
def check_unique(file: str, field: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise ContentError(file, f"{field}[{index}].id", f"the id '{item_id}' is used twice")
        seen.add(item_id)


def check_refs(file: str, field: str, refs: Iterable[str], known: set[str], kind: str) -> None:
    for index, ref in enumerate(refs):
        if ref not in known:
            raise ContentError(file, f"{field}[{index}]", f"unknown {kind} id '{ref}'")


def check_ref(file: str, field: str, ref: str, known: set[str], kind: str) -> None:
    if ref not in known:
        raise ContentError(file, field, f"unknown {kind} id '{ref}'")


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
    _check_assessment(content)


def _check_red_flags(content: Content, source_ids: set[str]) -> None:
    """Every level has its one message; every group's sources exist."""
    file = "red_flags.yaml"
    red_flags = content.red_flags
    for level in LEVEL_ORDER:
        if level not in red_flags.levels:
            raise ContentError(file, "levels", f"no message for the level '{level}'")
    for gi, group in enumerate(red_flags.groups):
        check_refs(file, f"groups[{gi}].sources", group.sources, source_ids, "source")


def _placeholders_of(annotation: Any) -> frozenset[str]:
    """The {placeholders} a text typed `annotation` may hold (models.Placeholders)."""
    if get_origin(annotation) is Annotated:
        for mark in get_args(annotation)[1:]:
            if isinstance(mark, Placeholders):
                return mark.names
    return frozenset()


def check_templates(file: str, field: str, value: Any, annotation: Any = None) -> None:
    """Every text in a content file holds only the {placeholders} its field allows (none, unless
    the model marks the field with Placeholders), and no broken brace."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            marks = [m for m in info.metadata if isinstance(m, Placeholders)]
            inner = Annotated[info.annotation, *marks] if marks else info.annotation
            key = info.alias or name
            check_templates(file, f"{field}.{key}" if field else key, getattr(value, name), inner)
        return
    args = get_args(annotation)
    if get_origin(annotation) is Annotated and isinstance(value, list | dict):
        annotation, args = args[0], get_args(args[0])
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_templates(file, f"{field}[{index}]", item, args[0] if args else None)
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = args[1] if len(args) == 2 else None
            check_templates(file, f"{field}.{key}", item, inner)
    elif isinstance(value, str):
        check_template(file, field, value, set(_placeholders_of(annotation)))


def check_template(file: str, field: str, text: str, allowed: set[str]) -> None:
    """A text with {placeholders} may only use the names the guide fills in."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ContentError(file, field, f"broken {{placeholder}}: {exc}") from None
    unknown = sorted(names - allowed)
    if unknown:
        known = ", ".join("{" + name + "}" for name in sorted(allowed)) or "none"
        raise ContentError(file, field, f"unknown placeholder {{{unknown[0]}}} (allowed: {known})")


def check_asked_once(
    file: str, field: str, asked: list[str], expected: list[str], kind: str
) -> None:
    """Every expected id is asked, exactly once, and nothing unknown is."""
    check_refs(file, field, asked, set(expected), kind)
    for item_id in expected:
        if item_id not in asked:
            raise ContentError(file, field, f"the {kind} '{item_id}' is not asked")
    if len(set(asked)) != len(asked):
        raise ContentError(file, field, f"a {kind} is asked twice")


def _check_assessment(content: Content) -> None:
    """The self-assessment refers to red flags, precautions and sources that exist, asks every
    red flag and every precaution, and its pain bands cover 0 to 10 exactly once."""
    file = "assessment.yaml"
    a = content.assessment
    source_ids = {s.id for s in content.sources.sources}
    group_ids = [g.id for g in content.red_flags.groups]
    precaution_ids = [p.id for p in content.precautions.precautions]

    asked_groups = [q.group for q in a.steps.safety.groups]
    check_asked_once(file, "steps.safety.groups", asked_groups, group_ids, "red flag group")
    check = a.result.weakness_check
    items = [i.id for i in a.steps.bother.items]
    check_ref(file, "result.weakness_check.item", check.item, set(items), "bother item")
    flag_ids = {f.id for f in content.red_flags.all_flags()}
    check_ref(file, "result.weakness_check.flag", check.flag, flag_ids, "urgent sign")
    reasons = set(a.result.see_gp.reasons)
    if reasons != set(GP_REASONS):
        expected = ", ".join(GP_REASONS)
        raise ContentError(file, "result.see_gp.reasons", f"needs exactly these keys: {expected}")

    asked = a.steps.health.precautions
    check_asked_once(file, "steps.health.precautions", asked, precaution_ids, "precaution")

    for field, refs in [
        ("steps.bother.sources", a.steps.bother.sources),
        ("pain_bands.sources", a.pain_bands.sources),
        ("result.sbi_bothersome_sources", a.result.sbi_bothersome_sources),
        ("result.sbi_note_sources", a.result.sbi_note_sources),
        ("result.combine_sources", a.result.combine_sources),
        ("result.see_gp.sources", a.result.see_gp.sources),
    ]:
        check_refs(file, field, refs, source_ids, "source")
    for name in ("duration", "pressure", "activities"):
        question = getattr(a.steps.how_much, name)
        check_unique(file, f"steps.how_much.{name}.options", [o.id for o in question.options])
        for oi, option in enumerate(question.options):
            field = f"steps.how_much.{name}.options[{oi}].sources"
            check_refs(file, field, option.sources, source_ids, "source")

    for step in ("safety", "where", "how_much", "bother", "health"):
        if not a.check.change.get(step):
            raise ContentError(file, "check.change", f"no 'Change' label for the step '{step}'")

    bother = a.steps.bother
    check_unique(file, "steps.bother.items", [i.id for i in bother.items])
    if not 0 <= bother.scale.min < bother.scale.max:
        raise ContentError(file, "steps.bother.scale", "min must be 0 or more and below max")

    # Pain bands: 0 to 10, in order, no gap and no overlap, so every score has exactly one band.
    bands = a.pain_bands.bands
    check_unique(file, "pain_bands.bands", [b.id for b in bands])
    expected = 0
    for bi, band in enumerate(bands):
        if band.min != expected or band.max < band.min:
            raise ContentError(
                file, f"pain_bands.bands[{bi}]", f"must start at {expected} and not end before it"
            )
        expected = band.max + 1
    if expected != 11:
        raise ContentError(file, "pain_bands.bands", "the bands must end at 10")


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


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """True when segments ab and cd cross at a point inside both (touching ends do not count)."""

    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def polygon_problem(points: Sequence[Point]) -> str | None:
    """Why these points are not a simple polygon with an area, or None when they are."""
    if len(points) < 3:
        return "needs at least 3 points"
    edges = list(zip(points, [*points[1:], points[0]], strict=True))
    for i, (a, b) in enumerate(edges):
        for j in range(i + 2, len(edges)):
            if i == 0 and j == len(edges) - 1:
                continue  # neighbours through the closing edge
            c, d = edges[j]
            if _segments_cross(a, b, c, d):
                return f"its edges cross (edge {i + 1} and edge {j + 1})"
    twice_area = sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, [*points[1:], points[0]], strict=True)
    )
    if abs(twice_area) < 1e-6:
        return "encloses no area"
    return None


def _check_points_inside(field: str, points: Sequence[Point], width: float, height: float) -> None:
    for pi, (x, y) in enumerate(points):
        if not (0 <= x <= width and 0 <= y <= height):
            raise ContentError(
                "body_map.yaml",
                f"{field}[{pi}]",
                f"the point ({x:g}, {y:g}) is outside the drawing (0-{width:g}, 0-{height:g})",
            )


def _check_body_map(content: Content) -> None:
    """Every region is drawn once, as a valid outline inside the drawing, on its own side."""
    body_map = content.body_map
    width, height = body_map.view_box.width, body_map.view_box.height
    views = [f.view for f in body_map.figures]
    if sorted(views) != ["back", "front"]:
        raise ContentError("body_map.yaml", "figures", "needs one figure for each view")
    regions = {r.id: r for r in content.regions()}
    seen: set[str] = set()
    for oi, outline in enumerate(body_map.outlines):
        field = f"outlines[{oi}]"
        region = regions.get(outline.region)
        if region is None:
            raise ContentError(
                "body_map.yaml", f"{field}.region", f"unknown region '{outline.region}'"
            )
        if outline.region in seen:
            raise ContentError(
                "body_map.yaml", f"{field}.region", f"'{outline.region}' is drawn twice"
            )
        seen.add(outline.region)
        _check_points_inside(f"{field}.points", outline.points, width, height)
        _check_points_inside(f"{field}.label_at", [outline.label_at], width, height)
        problem = polygon_problem(outline.points)
        if problem:
            raise ContentError(
                "body_map.yaml", f"{field}.points", f"not a valid outline: {problem}"
            )
        # Seen from behind, your left is on the viewer's left; seen from the front, on the right.
        centre_x = sum(x for x, _ in outline.points) / len(outline.points)
        on_viewer_left = centre_x < width / 2
        if on_viewer_left != (viewer_left_side(region.view) == region.side):
            raise ContentError(
                "body_map.yaml",
                f"{field}.points",
                f"'{outline.region}' is drawn on the wrong side for the {region.view} view",
            )
    missing = [r for r in regions if r not in seen]
    if missing:
        raise ContentError("body_map.yaml", "outlines", f"no outline for region '{missing[0]}'")
    for fi, figure in enumerate(body_map.figures):
        _check_points_inside(f"figures[{fi}].outline", figure.outline, width, height)
        for di, detail in enumerate(figure.details):
            _check_points_inside(f"figures[{fi}].details[{di}]", detail, width, height)
    for ni, path in enumerate(body_map.nerve):
        _check_points_inside(f"nerve[{ni}].points", path.points, width, height)
    for ri, root_area in enumerate(body_map.root_areas):
        field = f"root_areas[{ri}]"
        _check_points_inside(f"{field}.points", root_area.points, width, height)
        problem = polygon_problem(root_area.points)
        if problem:
            raise ContentError(
                "body_map.yaml", f"{field}.points", f"not a valid outline: {problem}"
            )


def viewer_left_side(view: View) -> Side:
    """Whose side is on the viewer's left: seen from behind yours is, seen from the front not."""
    return "left" if view == "back" else "right"


def _check_workshop(content: Content) -> None:
    """The knowledge check: ids once, answers among their options, known signs and sources, and
    an urgent-help question's right answer names an urgent-help sign (so it ends with what to do).
    """
    file = "workshop.yaml"
    source_ids = {s.id for s in content.sources.sources}
    flag_ids = {f.id for f in content.red_flags.all_flags()}
    questions = content.workshop.questions
    check_unique(file, "questions", [q.id for q in questions])
    for qi, question in enumerate(questions):
        where = f"questions[{qi}]"
        option_ids = [o.id for o in question.options]
        check_unique(file, f"{where}.options", option_ids)
        check_refs(file, f"{where}.answers", question.answers, set(option_ids), "option")
        if len(set(question.answers)) != len(question.answers):
            raise ContentError(file, f"{where}.answers", "an option is named twice")
        if len(question.answers) == len(option_ids):
            raise ContentError(file, f"{where}.answers", "at least one option must be wrong")
        check_refs(file, f"{where}.sources", question.sources, source_ids, "source")
        for oi, option in enumerate(question.options):
            if option.flag is not None:
                check_ref(file, f"{where}.options[{oi}].flag", option.flag, flag_ids, "urgent sign")
        if question.topic == "urgent-help" and content.quiz_level(question) is None:
            raise ContentError(
                file,
                f"{where}.answers",
                "an urgent-help question needs a right answer that names an urgent sign (flag)",
            )


#: Extra checks that feature modules (body map, self-assessment) register.
EXTRA_CHECKS: list[CrossCheck] = [_check_areas, _check_body_map, _check_workshop]


def load_content(directory: Path | str | None = None) -> Content:
    """Load, validate and cross-check the whole content folder."""
    folder = Path(directory) if directory is not None else default_content_dir()
    if not folder.is_dir():
        raise ContentError(str(folder), None, "the content folder does not exist")
    parts: dict[str, Any] = {
        attr: load_yaml_model(folder, name, model) for attr, (name, model) in YAML_FILES.items()
    }
    try:
        markdown = _read_text(folder, ARTICLE_FILE)
    except (OSError, UnicodeDecodeError):
        raise ContentError(ARTICLE_FILE, None, "the file is missing or cannot be read") from None
    try:
        parts["article"] = parse_article(markdown)
    except ValueError as exc:
        raise ContentError(ARTICLE_FILE, None, str(exc)) from None
    for attr, (name, _) in YAML_FILES.items():
        check_templates(name, "", parts[attr])
    content = Content(**parts)
    _check_content(content)
    for check in EXTRA_CHECKS:
        check(content)
    return content
