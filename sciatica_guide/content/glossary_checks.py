"""The glossary's cross-checks (glossary.yaml): ids once, every term and form once across the
whole glossary (any case), each written without stray spaces, and every source known."""

from __future__ import annotations

from sciatica_guide.content.checks import check_refs, check_unique
from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.glossary_models import name_key
from sciatica_guide.content.models import Content

FILE = "glossary.yaml"


def check_glossary(content: Content) -> None:
    """Ids once; a term or form names one entry only, so a word on screen explains one way."""
    source_ids = {s.id for s in content.sources.sources}
    entries = content.glossary.terms
    check_unique(FILE, "terms", [e.id for e in entries])
    owner: dict[str, str] = {}
    for ei, entry in enumerate(entries):
        where = f"terms[{ei}]"
        named = [(f"{where}.term", entry.term)]
        named += [(f"{where}.forms[{fi}]", form) for fi, form in enumerate(entry.forms)]
        for field, name in named:
            if name != name.strip() or not any(c.isalnum() for c in name):
                problem = f"write the word alone, without spaces around it: '{name}'"
                raise ContentError(FILE, field, problem)
            key = name_key(name)
            if key in owner:
                raise ContentError(
                    FILE, field, f"'{name}' is already a term or form of '{owner[key]}'"
                )
            owner[key] = entry.id
        check_refs(FILE, f"{where}.sources", entry.sources, source_ids, "source")
