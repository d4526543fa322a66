"""The session's numbers as HTML: one tap to call, with where to go beside it.

Used by the urgent-help box, the self-assessment's urgent result and the body map's panel and
bar. Every text is escaped (content and settings are text here, never markup); the link's href is
built only from a pack's or a setting's checked digits.
"""

from __future__ import annotations

from html import escape

from sciatica_guide.content import Content
from sciatica_guide.local_help import LocalHelp, Phone

#: Classes guide.css and the body map's CSS style: a >= 44 px call button, its label, the where.
ROW_CLASS = "call-row"
LINK_CLASS = "call-link"


def _e(text: str) -> str:
    return escape(text, quote=True)


def call_link_html(content: Content, phone: Phone) -> str:
    """One call button: "Call <number>", a tel: link; the number is in its words (desktops)."""
    words = content.site.local_help.call.format(number=phone.shown)
    label = f'<span class="call-what">{_e(phone.label)}</span>' if phone.label else ""
    # target="_self": Streamlit's Markdown gives every link without a target target="_blank",
    # and on a phone a tel: link in a new tab leaves an empty tab behind the dialler.
    return f'<a class="{LINK_CLASS}" href="{_e(phone.href)}" target="_self">{_e(words)}</a>{label}'


def call_row_html(content: Content, help: LocalHelp, level: str, *, emergency: bool = True) -> str:
    """For an urgency level: its call buttons (its own call, then, when `emergency`, the
    emergency number) and where to go, in one block."""
    phones = help.phones(level) if emergency else [p for p in [help.level(level).call] if p]
    links = "".join(f'<span class="call-one">{call_link_html(content, p)}</span>' for p in phones)
    where = f'<span class="call-where">{_e(help.level(level).where)}</span>'
    return f'<div class="{ROW_CLASS}" data-level="{_e(level)}">{links}{where}</div>'


def help_lines(content: Content, help: LocalHelp) -> list[str]:
    """The numbers and services as plain lines, one per level, for paper (the handout, the
    take-away summary): the level's action, what to call, where to go."""
    red_flags = content.red_flags
    words = content.site.local_help
    lines = []
    for level_id in red_flags.levels:
        level = help.level(level_id)
        calls = [
            content.sentences([words.call.format(number=p.shown), *([p.label] if p.label else [])])
            for p in help.phones(level_id)
            if p is level.call or level_id == "emergency"
        ]
        action = red_flags.action(level_id, help.number)
        lines.append(" ".join([f"{action}:", *calls, level.where]))
    return lines


def help_heading(content: Content, help: LocalHelp) -> str:
    return content.site.local_help.numbers_for.format(country=help.country_name)
