"""The region panel as HTML, for the panel component (panel_view.py) to show on a tap at once.

The same `RegionPanel` that the workshop phones show as Streamlit elements (page.py), written as
one HTML string per region. Every content string goes through `html.escape`: content, settings
(the emergency number) and marks' words are text here, never markup.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sciatica_guide.body_map.marks import (
    RegionMarks,
    blocked_texts,
    mark_words,
    technique_notes,
    withheld_text,
)
from sciatica_guide.body_map.panel import RegionPanel
from sciatica_guide.content import Content
from sciatica_guide.help_html import call_row_html
from sciatica_guide.local_help import LocalHelp

#: Classes the panel component's CSS styles (panel_view.py).
URGENT_CLASS = "bp-urgent"
NOTE_CLASS = "bp-note"
CARD_CLASS = "bp-card"
MORE_CLASS = "bp-more"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _urgent_box(bold: str, text: str) -> str:
    # The word "urgent" is in the heading's text and the box has a thick border and an icon:
    # colour is never the only cue (as Streamlit's st.error on the other pages).
    return (
        f'<div class="{URGENT_CLASS}" role="note"><span class="bp-icon" aria-hidden="true">!'
        f"</span><p><strong>{_e(bold)}</strong> {_e(text)}</p></div>"
    )


def technique_marks_html(
    content: Content, marks: RegionMarks | None, technique_id: str, emergency_number: str
) -> str:
    """A technique card's words for its marks: what is drawn, or why nothing is."""
    if marks is None:
        return ""
    ui = content.technique_marks.ui
    shown = marks.technique(technique_id)
    if shown is not None:
        notes = " ".join(_e(n) for n in technique_notes(content, shown))
        words = _list([_e(w) for w in mark_words(content, shown)])
        return f"<p><strong>{_e(ui.words_heading)}:</strong> {notes}</p>{words}"
    withheld = next((w for w in marks.withheld if w.technique.id == technique_id), None)
    if withheld is not None:
        return f"<p><em>{_e(withheld_text(content, withheld))}</em></p>"
    return ""


def panel_html(
    content: Content,
    panel: RegionPanel,
    marks: RegionMarks | None,
    techniques_href: str,
    help: LocalHelp | None = None,
) -> str:
    """Everything the panel says about one region, top to bottom; urgent signs before massage,
    each with one tap to call and where to go (`help`: the session's numbers)."""
    ui = content.body_map.ui
    area = panel.area
    number = panel.emergency_number
    parts = [f"<h3>{_e(panel.region.name)}</h3>", f"<p>{_e(area.description)}</p>"]
    # Signs that need help today come before anything about massage.
    for precaution in panel.urgent_precautions:
        parts.append(_urgent_box(f"{precaution.label}.", precaution.advice_text(number)))
        if help is not None:
            # Same-day advice that names the emergency number for worse signs: both numbers.
            parts.append(call_row_html(content, help, "today"))
    for sign in panel.urgent_signs:
        parts.append(_urgent_box(sign.heading, f"{sign.text}."))
        if help is not None:
            parts.append(call_row_html(content, help, sign.level, emergency=False))
    parts += [
        f"<h4>{_e(ui.muscles)}</h4>",
        _list([_e(m) for m in area.muscles]),
        f"<h4>{_e(ui.sciatica_here)}</h4>",
        f'<div class="{NOTE_CLASS}"><p><strong>{_e(ui.not_diagnosis)}</strong></p>'
        f"<p>{_e(area.typical)}</p>"
        f'<p class="bp-small">{_e(ui.roots_line.format(roots=", ".join(area.roots)))}</p></div>',
    ]
    if panel.precautions or panel.care:
        items = [
            f"<strong>{_e(p.label)}.</strong> {_e(p.advice_text(number))}"
            for p in panel.precautions
        ]
        items += [_e(text) for text in panel.care]
        parts += [f"<h4>{_e(ui.take_care)}</h4>", _list(items)]
    parts.append(f"<h4>{_e(ui.techniques)}</h4>")
    if marks is not None and marks.urgent_level is not None:
        # Nothing is drawn: say why once, above the techniques.
        parts.append(f"<p><em>{_e(blocked_texts(content, marks, number)[0])}</em></p>")
    for fit in panel.techniques:
        technique = fit.technique
        more = ui.read_more.format(technique=technique.name)
        parts.append(
            f'<div class="{CARD_CLASS}" data-technique="{_e(technique.id)}">'
            f"<p><strong>{_e(technique.name)}</strong></p>"
            f"<p>{_e(fit.how)}</p>{technique_marks_html(content, marks, technique.id, number)}"
            f'<p><a class="{MORE_CLASS}" href="{_e(techniques_href)}"'
            f' data-technique="{_e(technique.id)}">{_e(more)}'
            '<span aria-hidden="true">&nbsp;&rarr;</span></a></p></div>'
        )
    parts.append(
        f'<p class="bp-small">{_e(ui.techniques_note)}</p>'
        f'<p class="bp-small">{_e(ui.sources)}: {_e("; ".join(panel.sources))}</p>'
        f'<p class="bp-small">{_e(ui.share.format(name=panel.region.name))}</p>'
    )
    return "".join(parts)


def first_line(
    panel: RegionPanel, content: Content | None = None, help: LocalHelp | None = None
) -> dict[str, Any]:
    """What the map's bar shows above the figure on a phone (the panel is below it): the name
    and the panel's first line, its most urgent warning, action first, if it has one; and for a
    warning, one tap to call (`call`: the tel: address and "Call <number>") when `help` has
    a number."""
    phone = None
    if panel.urgent_precautions:
        precaution = panel.urgent_precautions[0]
        line = f"{precaution.advice_text(panel.emergency_number)} ({precaution.label})"
        urgent = True
        phone = help.emergency if help else None
    elif panel.urgent_signs:
        sign = panel.urgent_signs[0]
        line, urgent = f"{sign.heading} {sign.text}.", True
        phone = help.level(sign.level).call if help else None
    else:
        line, urgent = panel.area.description, False
    # Text: the component sets it with textContent, never as markup.
    brief: dict[str, Any] = {"name": panel.region.name, "line": line, "urgent": urgent}
    if phone is not None and content is not None:
        brief["call"] = {
            "href": phone.href,
            "words": content.site.local_help.call.format(number=phone.shown),
        }
    return brief


def prompt_html(content: Content) -> str:
    """What the panel says before anything is chosen."""
    return f'<div class="bp-prompt" role="note"><p>{_e(content.body_map.ui.prompt)}</p></div>'
