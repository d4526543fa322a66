"""The last two screens: "Check your answers" and the result. The result draws the one Report
(report.py) that the PDF and the text summary are made from."""

from __future__ import annotations

import html

import streamlit as st

from sciatica_guide.assessment import actions, export
from sciatica_guide.assessment.report import Block, Kind, Report, check_rows
from sciatica_guide.assessment.rules import RESULT, Answers, Result
from sciatica_guide.assessment.screens import change_screens
from sciatica_guide.content import Content
from sciatica_guide.help_html import call_row_html
from sciatica_guide.local_help import LocalHelp
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import source_list
from sciatica_guide.ui.country import session_help
from sciatica_guide.ui.downloads import lazy_download
from sciatica_guide.ui.read_aloud import render_read_aloud


def _bullets(lines: list[str] | tuple[str, ...]) -> str:
    return "\n".join(f"- {escape_markdown(line)}" for line in lines)


def render_urgent_banner(report: Report) -> None:
    """Each urgent level's message, then any sign the answers may be: first on the page."""
    block = report.block(Kind.URGENT)
    if block is None:
        return
    for item in block.items:
        body = escape_markdown(item.text)
        if item.lines:
            body = f"### {body}\n\n" + " ".join(escape_markdown(x) for x in item.lines)
        st.error(body, icon=":material/emergency:")


def render_call_rows(content: Content, help: LocalHelp, result: Result) -> None:
    """Under the urgent message: one tap to call ("Call <number>", a tel: link) and where to go, for
    each level reached; a possible clot or sign also gets the emergency number."""
    levels = list(result.urgent_levels)
    if (result.same_day or result.possible_signs) and "today" not in levels:
        levels.append("today")
    if not levels:
        return
    rows = [
        call_row_html(content, help, level, emergency=level != "today" or bool(result.same_day))
        for level in levels
    ]
    with st.container(key="urgent-call"):
        # An HTML block (every text escaped by help_html) inside Markdown, as the article's boxes.
        st.markdown("\n\n".join(rows), unsafe_allow_html=True)


def render_check_page(content: Content, answers: Answers, result: Result) -> None:
    c = content.assessment.check
    st.subheader(c.title)
    st.markdown(c.intro)
    for row, label, values in check_rows(content, answers, result):
        with st.container(border=True, key=f"check-{row}"):
            lines = "  \n".join(escape_markdown(v) for v in values)
            st.markdown(f"**{escape_markdown(label)}**  \n{lines}")
            st.button(
                c.change[row],
                key=f"change-{row}",
                type="tertiary",
                on_click=actions.change_answer,
                args=(content, *change_screens(content, row)),
                icon=":material/edit:",
            )
    st.button(
        content.assessment.buttons.see_result,
        type="primary",
        key="see-result",
        on_click=actions.go_to,
        args=(content, RESULT),
        width="stretch",
    )


def answer_bars_html(content: Content, answers: Answers) -> str:
    """The answers at a glance: a bar for each pain score and each "how much it bothers you"
    answer, each with its words and "n out of m" (the bar is never the only cue). HTML drawn
    with the result, in the same element: a chart library drew it a moment after the words
    (its code comes on first use)."""
    a = content.assessment
    labels = a.result.chart
    scores = [(a.result.back_pain, answers.back_pain), (a.result.leg_pain, answers.leg_pain)]
    pain = [(name, score) for name, score in scores if score is not None]
    sbi = [(i.text, answers.sbi[i.id]) for i in a.steps.bother.items if i.id in answers.sbi]
    groups = [(labels.pain_axis, pain, 10), (labels.sbi_axis, sbi, a.steps.bother.scale.max)]
    parts: list[str] = []
    for title, data, maximum in groups:
        if not data:
            continue
        items = "".join(
            f'<li><span class="answer-bar-name">{html.escape(name)}</span>'
            f'<span class="answer-bar-track" aria-hidden="true"><span class="answer-bar"'
            f' style="--share:{round(100 * int(score) / maximum)}%"></span></span>'
            f'<span class="answer-bar-value">'
            f"{html.escape(a.check.score.format(score=int(score), max=maximum))}</span></li>"
            for name, score in data
        )
        parts.append(
            f'<p class="answer-bars-title">{html.escape(title)}</p>'
            f'<ul class="answer-bars" aria-label="{html.escape(title)}">{items}</ul>'
        )
    return "".join(parts)


def _chart(content: Content, answers: Answers) -> None:
    bars = answer_bars_html(content, answers)
    if not bars:
        return
    st.subheader(content.assessment.result.chart.title)
    st.markdown(bars, unsafe_allow_html=True)


#: How often the result page reruns a tiny fragment while its downloads are on screen. A tapped
#: summary is served at /media/<hash> to whoever has that address, until Streamlit removes files
#: no session uses; it checks after every script run, in two steps (mark, then delete). Without
#: a run nothing is removed, so on a quiet server a summary would stay fetchable as long as the
#: result is on screen. With a run every 3 s it is gone within about 6 s of the tap (tests/browser/
#: test_self_assessment.py::test_fill_in_by_touch_take_the_summary_and_leave_no_trace).
DOWNLOAD_SWEEP_SECONDS = 3.0


@st.fragment(run_every=DOWNLOAD_SWEEP_SECONDS)
def _sweep_downloads() -> None:
    """Draws nothing: each run lets Streamlit remove summaries already fetched (see above)."""


def _downloads(
    content: Content, answers: Answers, report: Report, parts: export.SummaryParts
) -> None:
    a = content.assessment
    # `parts` (from the page) adds the movements and the body figure with the chosen places.
    summary = parts.summary(content, answers, report, session_help())
    st.subheader(a.result.downloads_heading)
    st.caption(a.result.downloads_intro)
    left, right = st.columns(2)
    # The files are made only when a button is tapped, in memory, and never stored.
    lazy_download(
        left,
        a.buttons.download_pdf,
        lambda: parts.pdf(content, summary),
        file_name=f"{a.summary.file_stem}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="download-pdf",
    )
    lazy_download(
        right,
        a.buttons.download_text,
        lambda: export.to_text(summary),
        file_name=f"{a.summary.file_stem}.txt",
        mime="text/plain",
        icon=":material/description:",
        key="download-text",
    )
    _sweep_downloads()


def _sources_caption(content: Content, block: Block, text: str = "") -> None:
    label = content.site.labels.sources
    parts = [text] if text else []
    if block.sources:
        parts.append(f"{label}: {source_list(content, list(block.sources))}")
    if parts:
        st.caption(" ".join(parts))


def _render_block(content: Content, block: Block) -> None:
    """One block of the result, drawn for its kind."""
    if block.kind is Kind.RECHECK:
        recheck_id = block.items[0].id
        recheck = next(r for r in content.assessment.result.rechecks if r.id == recheck_id)
        with st.container(border=True, key=f"recheck-{recheck_id}"):
            question = escape_markdown(block.items[0].text)
            st.markdown(f"#### {escape_markdown(block.heading)}\n\n**{question}**")
            yes, no = st.columns(2)
            yes.button(
                recheck.button_yes,
                key=f"recheck-yes-{recheck_id}",
                type="primary",
                on_click=actions.answer_recheck,
                args=(content, recheck_id, True),
                icon=":material/emergency:",
                width="stretch",
            )
            no.button(
                recheck.button_no,
                key=f"recheck-no-{recheck_id}",
                on_click=actions.answer_recheck,
                args=(content, recheck_id, False),
                width="stretch",
            )
    elif block.kind is Kind.WEAKNESS_CHECK:
        with st.container(border=True, key="weakness-check"):
            st.markdown(
                f"**{escape_markdown(block.heading)}**\n\n{escape_markdown(block.items[0].text)}"
            )
            st.button(
                content.assessment.result.weakness_check.button,
                key="weakness-yes",
                type="primary",
                on_click=actions.confirm_weakness,
                args=(content,),
                icon=":material/emergency:",
            )
    elif block.kind is Kind.SAFETY_NET:
        with st.container(border=True, key="safety-net"):
            st.markdown(
                f"#### :material/health_and_safety: {escape_markdown(block.heading)}\n\n"
                f"**{escape_markdown(block.intro)}**"
            )
            for item in block.items:
                st.markdown(f"**{escape_markdown(item.text)}**\n\n" + _bullets(item.lines))
            _sources_caption(content, block)
    elif block.kind in (Kind.SAME_DAY, Kind.POSTPONE):
        icon = ":material/local_hospital:" if block.kind is Kind.SAME_DAY else ":material/schedule:"
        text = " ".join(escape_markdown(item.text) for item in block.items)
        st.warning(f"**{escape_markdown(block.heading)}.** {text}", icon=icon)
    elif block.kind is Kind.GP_FIRST:
        with st.container(border=True, key="gp-first"):
            st.markdown(
                f"#### :material/stethoscope: {escape_markdown(block.heading)}\n\n"
                + _bullets([item.text for item in block.items])
                + f"\n\n{escape_markdown(block.intro)}"
            )
            _sources_caption(content, block)
    elif block.kind is Kind.SEE_GP:
        with st.container(border=True, key="see-gp"):
            st.markdown(
                f"#### {escape_markdown(block.heading)}\n\n{escape_markdown(block.intro)}\n\n"
                + _bullets([item.text for item in block.items])
            )
            _sources_caption(content, block)
    elif block.kind is Kind.TECHNIQUES:
        st.markdown(f"#### {escape_markdown(block.heading)}")
        st.markdown(escape_markdown(block.intro))
        if block.note:
            st.info(block.note, icon=":material/block:")
        for item in block.items:
            with st.container(border=True, key=f"plan-{item.id}"):
                body = [f"- {escape_markdown(line)}" for line in item.lines]
                body += [f"    - {escape_markdown(detail)}" for detail in item.details]
                st.markdown(f"**{escape_markdown(item.text)}**\n\n" + "\n".join(body))
    elif block.kind is Kind.TELL:
        # Closed: the same list is the summary to take away (and is read out from there).
        with st.expander(block.heading, icon=":material/record_voice_over:", key="tell-therapist"):
            st.caption(block.intro)
            st.markdown(_bullets([item.text for item in block.items]))
    elif block.kind in (Kind.PAIN, Kind.BOTHER, Kind.CARE, Kind.COMBINE):
        st.markdown(f"#### {escape_markdown(block.heading)}")
        st.markdown(_bullets([item.text for item in block.items]))
        _sources_caption(content, block, block.note)


def result_words(report: Report) -> str:
    """The result as read aloud: each part's heading, words and lines, in the screen's order
    (the urgent part first when there is one), plain text."""
    lines: list[str] = []
    for block in report.blocks:
        if block.kind is Kind.SOURCES:
            continue
        lines += [f"{block.heading}." if block.heading else "", block.intro]
        for item in block.items:
            lines += [item.text, *item.lines]
    return "\n".join(line for line in lines if line)


def render_result_page(
    content: Content, answers: Answers, report: Report, parts: export.SummaryParts
) -> None:
    r = content.assessment.result
    st.subheader(r.title)
    render_read_aloud(content, result_words(report), key="read-result")
    if urgent := report.block(Kind.URGENT):
        if report.ticked:
            st.markdown(f"**{escape_markdown(r.urgent.you_ticked)}**\n\n" + _bullets(report.ticked))
        st.markdown(f"**{escape_markdown(urgent.note)}**")
        _downloads(content, answers, report, parts)
        return
    # What to do first; the scores the person gave (and their bars) in one closed part, as
    # they are in the summary to take away.
    details = (Kind.PAIN, Kind.BOTHER)
    for block in report.blocks:
        if block.kind is not Kind.SOURCES and block.kind not in details:
            _render_block(content, block)
    with st.expander(r.details, icon=":material/bar_chart:", key="result-details"):
        for block in report.blocks:
            if block.kind in details:
                _render_block(content, block)
        _chart(content, answers)
    _downloads(content, answers, report, parts)


def render_change_answers(content: Content, urgent: bool) -> None:
    st.button(
        content.assessment.buttons.change_answers,
        key="back-result",
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=actions.go_back,
        args=(content, None, urgent),
    )
