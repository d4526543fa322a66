"""The glossary (glossary.yaml): validated at load, found in texts as whole words, covering every
technical word the content uses, and named in plain words first in the guide's own text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel
from pydantic.types import StringConstraints

from guide_testing.content_copy import edited_content
from sciatica_guide.content import Content, ContentError, load_content
from sciatica_guide.content.base import ID_PATTERN
from sciatica_guide.content.glossary import entries_for, first_mentions, mentions, terms_in
from sciatica_guide.content.models import GlossaryEntry, GlossaryFile


# --- the guide's texts, block by block ------------------------------------------------------------
def _is_id(annotation: Any) -> bool:
    """An id or a reference to one (Id, list[Id], Id | None): not words a person reads."""
    if get_origin(annotation) is Annotated:
        return any(
            isinstance(m, StringConstraints) and m.pattern == ID_PATTERN
            for m in get_args(annotation)[1:]
        )
    return any(_is_id(arg) for arg in get_args(annotation))


def _is_reference(text: str) -> bool:
    """A kebab-case id typed as a plain str (technique_marks.yaml's area and technique)."""
    return "-" in text and re.fullmatch(ID_PATTERN, text) is not None


def _blocks(value: Any, where: str, annotation: Any = None) -> Iterator[tuple[str, str]]:
    """Every text a person reads in a content model, with where it is ("areas.areas[5].typical").

    Ids, references to ids, fixed choices (Literal, such as a view or a root's label) and
    addresses are left out: they are not the content's words.
    """
    if annotation is not None and (_is_id(annotation) or get_origin(annotation) is Literal):
        return
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            inner = info.annotation
            if info.metadata:
                inner = Annotated[inner, *info.metadata]
            yield from _blocks(getattr(value, name), f"{where}.{name}", inner)
    elif isinstance(value, list | tuple):
        args = get_args(annotation)
        if get_origin(annotation) is Annotated:
            args = get_args(args[0])
        for index, item in enumerate(value):
            yield from _blocks(item, f"{where}[{index}]", args[0] if args else None)
    elif isinstance(value, dict):
        args = get_args(annotation)
        for key, item in value.items():
            yield from _blocks(item, f"{where}.{key}", args[1] if len(args) == 2 else None)
    elif isinstance(value, str) and not _is_reference(value):
        yield where, value


def own_blocks(content: Content) -> list[tuple[str, str]]:
    """The guide's own words: every content file but the article, the glossary itself and the
    sources (titles of papers, written as published)."""
    skip = {"article", "glossary", "sources"}
    return [
        block
        for name in type(content).model_fields
        if name not in skip
        for block in _blocks(getattr(content, name), name)
    ]


def all_blocks(content: Content) -> list[tuple[str, str]]:
    """Everything a person can read: the guide's own words, the article and the sources."""
    article = [(f"article[{i}]", p) for i, p in enumerate(content.article.paragraphs())]
    sources = list(_blocks(content.sources, "sources"))
    return own_blocks(content) + article + sources


# --- the shipped glossary -------------------------------------------------------------------------
def test_the_glossary_loads_and_is_reached_from_content(content: Content) -> None:
    glossary = content.glossary
    assert isinstance(glossary, GlossaryFile) and len(glossary.terms) >= 20
    entry = glossary.entry("gastrocnemius")
    assert entry is not None and entry.plain == "big calf muscle"
    assert glossary.entry_named("dvt") == glossary.entry("deep-vein-thrombosis")
    assert glossary.entry("nothing-like-this") is None


#: Technical words a patient may not know. Wherever one appears in what a person reads (the
#: guide's own words, the article, the sources), the glossary explains it there. Left out on
#: purpose: GP, physiotherapist, chemotherapy, HIV, steroid, inflammation and circulation (words
#: of everyday health information, each said in plain words beside it where the guide uses it).
WATCH_LIST = [
    "sciatica",
    "sciatic",
    "nerve root",
    "nerve roots",
    "L1",
    "L2",
    "L3",
    "L4",
    "L5",
    "S1",
    "S2",
    "lumbar",
    "lumbosacral",
    "sacral",
    "sacrum",
    "radiculopathy",
    "radicular",
    "femoral",
    "cauda equina",
    "slipped disc",
    "erector spinae",
    "quadratus lumborum",
    "multifidus",
    "gluteal",
    "gluteus",
    "piriformis",
    "pelvis",
    "hamstring",
    "hamstrings",
    "biceps femoris",
    "semitendinosus",
    "semimembranosus",
    "tensor fasciae latae",
    "iliotibial",
    "quadriceps",
    "gastrocnemius",
    "soleus",
    "tibialis",
    "peroneal",
    "fibular",
    "fascia",
    "myofascial",
    "connective tissue",
    "trigger point",
    "trigger points",
    "somatic",
    "effleurage",
    "petrissage",
    "DVT",
    "thrombosis",
    "osteoporosis",
    "varicose",
    "HRT",
    "Sciatica Bothersomeness",
]


@pytest.mark.parametrize("word", WATCH_LIST)
def test_every_technical_word_in_the_content_is_explained_where_it_appears(
    content: Content, word: str
) -> None:
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    for where, text in all_blocks(content):
        covered = [(m.start, m.end) for m in mentions(content, text)]
        for found in pattern.finditer(text):
            assert any(s <= found.start() and found.end() <= e for s, e in covered), (
                f"'{found.group()}' in {where} has no glossary entry"
            )


def test_every_entry_is_used_somewhere(content: Content) -> None:
    used = {e.id for e in entries_for(content, [text for _, text in all_blocks(content)])}
    dead = [e.id for e in content.glossary.terms if e.id not in used]
    assert not dead, f"glossary entries no text uses: {dead}"


def test_every_entry_is_plain_and_short(content: Content) -> None:
    for entry in content.glossary.terms:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", entry.definition.strip()) if s]
        assert 1 <= len(sentences) <= 3, entry.id
        assert len(entry.definition) <= 260, entry.id
        assert entry.plain.casefold() != entry.term.casefold() or entry.id == "slipped-disc"


def test_definitions_read_at_grade_8_or_lower(content: Content) -> None:
    from guide_testing.readability import grade

    texts = [f"{e.plain}. {e.definition}" for e in content.glossary.terms]
    assert grade(" ".join(texts)) <= 8.0


# --- finding the words in a text ------------------------------------------------------------------
def _glossary(*entries: dict[str, Any]) -> GlossaryFile:
    return GlossaryFile.model_validate(
        {"terms": [{"plain": "p", "definition": "d.", "sources": ["x"], **e} for e in entries]}
    )


SMALL = _glossary(
    {"id": "s1", "term": "S1"},
    {"id": "dvt", "term": "deep vein thrombosis", "forms": ["DVT"]},
    {"id": "cauda", "term": "cauda equina syndrome", "forms": ["cauda equina"]},
    {"id": "gluteal", "term": "gluteal muscles", "forms": ["gluteus minimus", "gluteal"]},
)


def _ids(entries: list[GlossaryEntry]) -> list[str]:
    return [e.id for e in entries]


def test_terms_in_finds_whole_words_only() -> None:
    assert _ids(terms_in(SMALL, "Roots S10 and XS1 and S1x are not S1")) == ["s1"]
    assert terms_in(SMALL, "S10, S11, LS1") == []
    assert _ids(terms_in(SMALL, "(S1)")) == ["s1"]
    assert _ids(terms_in(SMALL, "L5/S1 area")) == ["s1"]
    assert terms_in(SMALL, "ADVTS and DVTs") == []


def test_terms_in_ignores_case_and_line_breaks() -> None:
    assert _ids(terms_in(SMALL, "a blood clot (dvt)")) == ["dvt"]
    assert _ids(terms_in(SMALL, "a known DVT")) == ["dvt"]
    assert _ids(terms_in(SMALL, "Deep Vein\n  Thrombosis")) == ["dvt"]


def test_terms_in_gives_each_entry_once_in_order_of_first_use() -> None:
    text = "Gluteal knots; S1 and DVT; then S1 again, the gluteus minimus, and deep vein thrombosis"
    assert _ids(terms_in(SMALL, text)) == ["gluteal", "s1", "dvt"]


def test_the_longest_name_wins_where_two_overlap() -> None:
    found = mentions(SMALL, "This is called cauda equina syndrome. Cauda equina nerves.")
    assert [(m.entry.id, m.text) for m in found] == [
        ("cauda", "cauda equina syndrome"),
        ("cauda", "Cauda equina"),
    ]
    text = "the gluteus minimus"
    (mention,) = mentions(SMALL, text)
    assert text[mention.start : mention.end] == "gluteus minimus"


def test_first_mentions_and_entries_for_several_texts() -> None:
    first = first_mentions(SMALL, "DVT, S1, dvt")
    assert [(m.entry.id, m.start, m.text) for m in first] == [("dvt", 0, "DVT"), ("s1", 5, "S1")]
    texts = ["No words here.", "S1 only.", "DVT and S1.", "cauda equina"]
    assert _ids(entries_for(SMALL, texts)) == ["s1", "dvt", "cauda"]
    assert entries_for(SMALL, []) == []


def test_terms_in_takes_the_loaded_content_too(content: Content) -> None:
    text = "Knots in the gluteus minimus, near the sciatic nerve (S1), not S10."
    assert _ids(terms_in(content, text)) == ["gluteal-muscles", "sciatic-nerve", "root-s1"]
    assert terms_in(content, text) == terms_in(content.glossary, text)


# --- broken glossaries ----------------------------------------------------------------------------
def _edit(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> ContentError:
    folder = edited_content(tmp_path, change, "glossary.yaml")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("Content error in glossary.yaml, field ")
    return caught.value


def _index(data: dict[str, Any], entry_id: str) -> int:
    return next(i for i, e in enumerate(data["terms"]) if e["id"] == entry_id)


def test_a_duplicate_id_is_named(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        first = data["terms"][0]
        data["terms"].append({**first, "term": "another word", "forms": [], "sources": ["x"]})

    error = _edit(tmp_path, change)
    assert error.field == f"terms[{_last(tmp_path)}].id"
    assert "the id 'sciatica' is used twice" in str(error)


def _last(tmp_path: Path) -> int:
    data = yaml.safe_load((tmp_path / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    return len(data["terms"]) - 1


def test_a_form_used_by_two_entries_is_named(tmp_path: Path) -> None:
    where: list[int] = []

    def change(data: dict[str, Any]) -> None:
        # Checked in file order: the later entry is the one named.
        i = _index(data, "sciatica-bothersomeness-index")
        where.append(i)
        data["terms"][i]["forms"] = ["SBI", "Dvt"]

    error = _edit(tmp_path, change)
    assert error.field == f"terms[{where[0]}].forms[1]"
    assert "'Dvt' is already a term or form of 'deep-vein-thrombosis'" in str(error)


def test_a_term_used_twice_in_one_entry_is_named(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["terms"][_index(data, "piriformis")]["forms"] = ["Piriformis"]

    error = _edit(tmp_path, change)
    assert "'Piriformis' is already a term or form of 'piriformis'" in str(error)


def test_an_unknown_source_is_named(tmp_path: Path) -> None:
    where: list[int] = []

    def change(data: dict[str, Any]) -> None:
        i = _index(data, "fascia")
        where.append(i)
        data["terms"][i]["sources"] = ["clay-pounds-2008", "a-blog"]

    error = _edit(tmp_path, change)
    assert error.field == f"terms[{where[0]}].sources[1]"
    assert "unknown source id 'a-blog'" in str(error)


def test_a_missing_plain_name_is_named(tmp_path: Path) -> None:
    error = _edit(tmp_path, lambda d: d["terms"][2].pop("plain"))
    assert error.field == "terms[2].plain"
    assert "Field required" in str(error)


def test_a_link_in_a_definition_is_refused(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["terms"][1]["definition"] = "See [this page](https://example.com) for more."

    error = _edit(tmp_path, change)
    assert error.field == "terms[1].definition"
    assert "without HTML or Markdown links" in str(error)


def test_a_word_with_spaces_around_it_is_named(tmp_path: Path) -> None:
    error = _edit(tmp_path, lambda d: d["terms"][0].update(forms=[" sciatic pain"]))
    assert error.field == "terms[0].forms[0]"
    assert "without spaces around it" in str(error)


# --- plain names first in the guide's own words ---------------------------------------------------
#: Entries the guide's own words may use without their plain name, and why.
PLAIN_NAME_NOT_NEEDED = {
    # The word people come with: the guide is named after it, and the Overview's first line
    # says what it is.
    "sciatica": "the guide's subject, said in plain words on the Overview",
    # NHS patient pages name the nerve as it is; the body map draws and labels it.
    "sciatic-nerve": "named as NHS patient pages name it, and drawn on the body map",
    "nerve-root": "two everyday words; the body map's caption says what a root does",
    # The article's names for its techniques: the guide keeps them so people can find them in
    # the article, and each technique card says in plain words what the technique does.
    "trigger-point": "part of the name of one of the article's techniques",
    "myofascial-release": "the name of one of the article's techniques",
    # Its plain name is the NHS's own plain name.
    "slipped-disc": "already the NHS's plain name",
}

#: Blocks of the guide's own words that may use a word without its plain name, and why.
BLOCKS_EXEMPT = {
    # A result line under the heading "How much it bothers you" (assessment.result.sbi_heading).
    "assessment.result.sbi_line": "shown under a heading that says it in plain words",
    # The key of the nerve-root areas: drawn in one caption with roots_caption, under the switch
    # "Show typical nerve root areas".
    "body_map.ui.legend_roots.L4": "part of the nerve-root caption",
    "body_map.ui.legend_roots.L5": "part of the nerve-root caption",
    "body_map.ui.legend_roots.S1": "part of the nerve-root caption",
}


def _plain_words(text: str) -> str:
    """Lower case, one space between words, no plural -s: "Muscles at" reads as "muscle at"."""
    words = re.findall(r"\w+", text.casefold())
    return " " + " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words) + " "


def test_the_guides_own_words_say_the_plain_name_where_they_use_a_term(content: Content) -> None:
    missing = []
    for where, text in own_blocks(content):
        if where in BLOCKS_EXEMPT:
            continue
        for entry in terms_in(content, text):
            if entry.id in PLAIN_NAME_NOT_NEEDED:
                continue
            if _plain_words(entry.plain) not in _plain_words(text):
                missing.append(f"{where}: '{entry.term}' without '{entry.plain}'")
    assert not missing, "\n".join(missing)


def test_the_plain_name_comes_first_in_the_muscle_lists(content: Content) -> None:
    # The body map's "Muscles here" list: "big calf muscle (gastrocnemius)", plain name first.
    for area in content.areas.areas:
        for muscle in area.muscles:
            found = first_mentions(content, muscle)
            if not found:  # plain words only ("small muscles of the foot")
                continue
            plain = _plain_words(found[0].entry.plain)
            assert plain in _plain_words(muscle[: found[0].start]), muscle


def test_the_exemptions_are_still_needed(content: Content) -> None:
    blocks = dict(own_blocks(content))
    for where in BLOCKS_EXEMPT:
        assert terms_in(content, blocks[where]), f"{where} no longer needs to be exempt"
    used = {e.id for e in entries_for(content, blocks.values())}
    for entry_id in PLAIN_NAME_NOT_NEEDED:
        assert entry_id in used, f"{entry_id} no longer needs to be exempt"
