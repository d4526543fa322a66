"""The leaflet's cross-checks (modes.yaml `leaflet`): every key point is a sentence of the
article word for word (the leaflet prints it as a quote), and every evidence note it names
exists."""

from __future__ import annotations

from sciatica_guide.content.errors import ContentError
from sciatica_guide.content.models import Content

FILE = "modes.yaml"


def _words(text: str) -> str:
    return " ".join(text.split())


def check_leaflet(content: Content) -> None:
    leaflet = content.modes.leaflet
    article = _words(" ".join(content.article.paragraphs()))
    for index, quote in enumerate(leaflet.key_points):
        if _words(quote) not in article:
            raise ContentError(
                FILE,
                f"leaflet.key_points[{index}]",
                "not found word for word in the article: the leaflet prints it as a quote",
            )
    for index, heading in enumerate(leaflet.evidence_notes):
        if not content.notes_for(heading):
            raise ContentError(
                FILE,
                f"leaflet.evidence_notes[{index}]",
                f"no evidence note under the article heading '{heading}' (evidence.yaml)",
            )
