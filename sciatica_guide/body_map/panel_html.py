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
from sciatica_guide.body_map.panel import RegionPanel, bar_warning, warnings
from sciatica_guide.content import Content
from sciatica_guide.help_html import call_row_html
from sciatica_guide.local_help import LocalHelp

#: Classes the panel component's CSS styles (panel_view.py).
URGENT_CLASS = "bp-urgent"
CHECK_CLASS = "bp-check"
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


def _check_box(label: str, text: str) -> str:
    # A "check first" note: it applies only if its condition is true. A dashed border, a
    # question mark and the words "Check first" set it apart from an urgent order (solid border,
    # "!"), not colour alone.
    return (
        f'<div class="{CHECK_CLASS}" role="note"><span class="bp-icon bp-icon-check"'
        f' aria-hidden="true">?</span><p><strong>{_e(label)}:</strong> {_e(text)}</p></div>'
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
    # Warnings come before anything about massage, each saying first when it applies, each
    # with one tap to call where the session's country has a number: a same-day precaution
    # names the emergency number for worse signs, so it gets both numbers.
    listed = warnings(content, panel)
    calls = [("today", True)] * len(panel.urgent_precautions)
    calls += [(sign.level, False) for sign in panel.urgent_signs]
    for text, (level, emergency) in zip(listed, calls, strict=True):
        parts.append(_check_box(ui.check_first, text))
        if help is not None:
            parts.append(call_row_html(content, help, level, emergency=emergency))
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
        # The answers show an urgent sign: an urgent order, once, above the techniques.
        parts.append(_urgent_box("", blocked_texts(content, marks, number)[0]))
    elif marks is not None and marks.blocked:
        # Nothing is drawn yet: say why once, above the techniques.
        parts.append(f"<p><em>{_e(blocked_texts(content, marks, number)[0])}</em></p>")
    only_if = f'<p class="bp-only-if"><strong>{_e(ui.only_if_none)}</strong></p>' if listed else ""
    for fit in panel.techniques:
        technique = fit.technique
        more = ui.read_more.format(technique=technique.name)
        parts.append(
            f'<div class="{CARD_CLASS}" data-technique="{_e(technique.id)}">'
            f"<p><strong>{_e(technique.name)}</strong></p>{only_if}"
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
    content: Content, panel: RegionPanel, help: LocalHelp | None = None
) -> dict[str, Any]:
    """What the map's bar shows above the figure on a phone (the panel is below it): the name
    and the panel's first line: its first warning, condition first ("Check first: If your calf
    is swollen ..."), short enough never to be cut, or else what is there; and for a warning,
    one tap to call (`call`: the tel: address and "Call <number>") when `help` has a number."""
    warning = bar_warning(content, panel)
    phone = None
    if warning is not None:
        line, check = f"{content.body_map.ui.check_first}: {warning}", True
        if help is not None:
            phone = (
                help.emergency
                if panel.urgent_precautions
                else help.level(panel.urgent_signs[0].level).call
            )
    else:
        line, check = panel.area.description, False
    # Text: the component sets it with textContent, never as markup.
    brief: dict[str, Any] = {"name": panel.region.name, "line": line, "check": check}
    if phone is not None:
        brief["call"] = {
            "href": phone.href,
            "words": content.site.local_help.call.format(number=phone.shown),
        }
    return brief


def prompt_html(content: Content) -> str:
    """What the panel says before anything is chosen."""
    return f'<div class="bp-prompt" role="note"><p>{_e(content.body_map.ui.prompt)}</p></div>'
