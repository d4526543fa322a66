"""The region panel as HTML, for the panel component (panel_view.py) to show on a tap at once.

The same `PanelText` that the workshop phones show as Streamlit elements (shown_view.py), written
as one HTML string per region. Every content string goes through `html.escape`: content, settings
(the emergency number) and marks' words are text here, never markup.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sciatica_guide.assessment.rules import Answers
from sciatica_guide.body_map.marks import RegionMarks
from sciatica_guide.body_map.panel import (
    PanelMovements,
    PanelText,
    RegionPanel,
    TechniqueCard,
    bar_warning,
    panel_text,
)
from sciatica_guide.content import Content
from sciatica_guide.content.glossary import entries_for
from sciatica_guide.help_html import call_row_html
from sciatica_guide.local_help import LocalHelp
from sciatica_guide.ui.show_movement import MOVEMENTS_PAGE

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


def _check_box(label: str, text: str, colon: str = ":") -> str:
    # A "check first" note: it applies only if its condition is true. A dashed border, a
    # question mark and the words "Check first" set it apart from an urgent order (solid border,
    # "!"), not colour alone.
    return (
        f'<div class="{CHECK_CLASS}" role="note"><span class="bp-icon bp-icon-check"'
        f' aria-hidden="true">?</span><p><strong>{_e(label)}{_e(colon)}</strong>'
        f" {_e(text)}</p></div>"
    )


def technique_marks_html(content: Content, card: TechniqueCard) -> str:
    """A technique card's words for its marks: what is drawn, or why nothing is."""
    if card.mark_notes:
        heading = _e(content.technique_marks.ui.words_heading)
        notes = " ".join(_e(n) for n in card.mark_notes)
        words = _list([_e(w) for w in card.mark_words])
        return f"<p><strong>{heading}:</strong> {notes}</p>{words}"
    if card.withheld is not None:
        return f"<p><em>{_e(card.withheld)}</em></p>"
    return ""


def panel_text_html(
    content: Content, text: PanelText, techniques_href: str, help: LocalHelp | None = None
) -> str:
    """Everything the panel says about one region, top to bottom; urgent signs before massage,
    each with one tap to call and where to go (`help`: the session's numbers)."""
    ui = content.body_map.ui
    parts = [f"<h3>{_e(text.name)}</h3>", f"<p>{_e(text.description)}</p>"]
    # Warnings come before anything about massage, each saying first when it applies, each
    # with one tap to call where the session's country has a number: a same-day precaution
    # names the emergency number for worse signs, so it gets both numbers.
    for warning in text.warnings:
        parts.append(_check_box(ui.check_first, warning.text, content.written.colon))
        if help is not None:
            parts.append(call_row_html(content, help, warning.level, emergency=warning.emergency))
    parts += [
        f"<h4>{_e(ui.muscles)}</h4>",
        _list([_e(m) for m in text.muscles]),
        f"<h4>{_e(ui.sciatica_here)}</h4>",
        f'<div class="{NOTE_CLASS}"><p><strong>{_e(ui.not_diagnosis)}</strong></p>'
        f"<p>{_e(text.typical)}</p>"
        f'<p class="bp-small">{_e(text.roots_line)}</p></div>',
    ]
    if text.precautions or text.care:
        items = [f"<strong>{_e(p.label)}.</strong> {_e(p.advice)}" for p in text.precautions]
        items += [_e(care) for care in text.care]
        parts += [f"<h4>{_e(ui.take_care)}</h4>", _list(items)]
    parts.append(f"<h4>{_e(ui.techniques)}</h4>")
    if text.blocked is not None and text.blocked_urgent:
        # The answers show an urgent sign: an urgent order, once, above the techniques.
        parts.append(_urgent_box("", text.blocked))
    elif text.blocked is not None:
        # Nothing is drawn yet: say why once, above the techniques.
        parts.append(f"<p><em>{_e(text.blocked)}</em></p>")
    only_if = (
        f'<p class="bp-only-if"><strong>{_e(ui.only_if_none)}</strong></p>' if text.warnings else ""
    )
    for card in text.techniques:
        parts.append(
            f'<div class="{CARD_CLASS}" data-technique="{_e(card.id)}">'
            f"<p><strong>{_e(card.name)}</strong></p>{only_if}"
            f"<p>{_e(card.how)}</p>{technique_marks_html(content, card)}"
            f'<p><a class="{MORE_CLASS}" href="{_e(techniques_href)}"'
            f' data-technique="{_e(card.id)}">{_e(card.read_more)}'
            '<span aria-hidden="true">&nbsp;&rarr;</span></a></p></div>'
        )
    parts.append(movements_html(content, text.movements))
    parts.append(words_html(content, _panel_words(text)))
    parts.append(
        f'<p class="bp-small">{_e(ui.techniques_note)}</p>'
        f'<p class="bp-small">{_e(text.sources)}</p>'
        f'<p class="bp-small">{_e(text.share)}</p>'
    )
    return "".join(parts)


def movements_html(content: Content, movements: PanelMovements) -> str:
    """The region's gentle movements, each name a link to its card on Beyond massage (a plain
    click keeps the session: panel.js asks the server to switch pages, as for techniques)."""
    href = _e(content.page(MOVEMENTS_PAGE).url_path)
    parts = [f"<h4>{_e(movements.heading)}</h4>"]
    if movements.note is not None:
        parts.append(f"<p><em>{_e(movements.note)}</em></p>")
    items = [
        f'<a class="{MORE_CLASS}" href="{href}" data-movement="{_e(m.id)}">{_e(m.name)}</a>:'
        f" {_e(m.summary)}"
        for m in movements.movements
    ]
    if items:
        parts.append(f'<ul class="bp-moves">{"".join(f"<li>{i}</li>" for i in items)}</ul>')
    return "".join(parts)


def _panel_words(text: PanelText) -> list[str]:
    """Everything the panel says in words, for the glossary."""
    words = [text.name, text.description, text.typical, text.roots_line, *text.muscles]
    words += [w.text for w in text.warnings] + list(text.care)
    words += [f"{p.label} {p.advice}" for p in text.precautions]
    words += [f"{c.name} {c.how}" for c in text.techniques]
    words += [f"{m.name} {m.summary}" for m in text.movements.movements]
    return words


def words_html(content: Content, texts: list[str]) -> str:
    """Tap-to-explain: the glossary words the panel uses, closed under it (content/glossary)."""
    entries = entries_for(content, texts)
    if not entries:
        return ""
    label = content.site.labels.words_explained.format(count=len(entries))
    items = "".join(
        f"<dt>{_e(e.plain)} ({_e(e.term)})</dt><dd>{_e(e.definition)}</dd>" for e in entries
    )
    return f'<details class="bp-words"><summary>{_e(label)}</summary><dl>{items}</dl></details>'


def panel_html(
    content: Content,
    panel: RegionPanel,
    marks: RegionMarks | None,
    techniques_href: str,
    help: LocalHelp | None = None,
    answers: Answers | None = None,
) -> str:
    """The panel for `panel`'s region with `marks`' words and the movements `answers` leave
    (panel_text_html of panel_text)."""
    text = panel_text(content, panel, marks, answers)
    return panel_text_html(content, text, techniques_href, help)


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
        line, check = content.labelled(content.body_map.ui.check_first, warning), True
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
