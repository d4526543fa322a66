"""The last two screens: "Check your answers" and the result. The result draws the one Report
(report.py) that the PDF and the text summary are made from."""

from __future__ import annotations

import textwrap

import streamlit as st

from sciatica_guide.assessment import actions, export
from sciatica_guide.assessment.report import Block, Kind, Report, check_rows
from sciatica_guide.assessment.rules import RESULT, STEPS, Answers, Result, Step
from sciatica_guide.content import Content
from sciatica_guide.help_html import call_row_html
from sciatica_guide.local_help import LocalHelp
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import source_list
from sciatica_guide.ui.country import session_help
from sciatica_guide.ui.downloads import lazy_download


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
    rows = check_rows(content, answers, result)
    for step in STEPS:
        with st.container(border=True, key=f"check-{step.value}"):
            for _, label, values in (r for r in rows if r[0] == step):
                lines = "  \n".join(escape_markdown(v) for v in values)
                st.markdown(f"**{escape_markdown(label)}**  \n{lines}")
            st.button(
                c.change[step.value],
                key=f"change-{step.value}",
                on_click=actions.go_to,
                args=(content, step),
                kwargs={"return_to_check": True},
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


def _chart(content: Content, answers: Answers) -> None:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    a = content.assessment
    labels = a.result.chart
    scores = [(a.result.back_pain, answers.back_pain), (a.result.leg_pain, answers.leg_pain)]
    pain = [(name, score) for name, score in scores if score is not None]
    sbi = [(i.text, answers.sbi[i.id]) for i in a.steps.bother.items if i.id in answers.sbi]
    if not pain and not sbi:
        return
    # Each chart row: its title, its (label, score) bars and the scale's maximum.
    rows: list[tuple[str, list[tuple[str, int]], int]] = [
        (labels.pain_axis, pain, 10),
        (labels.sbi_axis, sbi, a.steps.bother.scale.max),
    ]
    rows = [row for row in rows if row[1]]
    fig = make_subplots(
        rows=len(rows),
        cols=1,
        subplot_titles=[title for title, _, _ in rows],
        row_heights=[len(data) for _, data, _ in rows],
        vertical_spacing=0.18,
    )
    for index, (_, data, maximum) in enumerate(rows, start=1):
        fig.add_trace(
            go.Bar(
                x=[score for _, score in data],
                # Wrapped labels leave room for the bars on a phone.
                y=["<br>".join(textwrap.wrap(name, 22)) for name, _ in data],
                orientation="h",
                text=[f"{score}/{maximum}" for _, score in data],
                textposition="outside",
                marker_color="#0b6e69",
                hoverinfo="skip",
                cliponaxis=False,
            ),
            row=index,
            col=1,
        )
        fig.update_xaxes(
            range=[0, maximum * 1.2],
            dtick=1,
            showticklabels=False,
            row=index,
            col=1,
            fixedrange=True,
        )
        fig.update_yaxes(autorange="reversed", row=index, col=1, fixedrange=True)
    for annotation in fig.layout.annotations:
        annotation.update(x=0, xanchor="left", font={"size": 15})
    fig.update_layout(
        showlegend=False,
        height=120 + 52 * sum(len(data) for _, data, _ in rows),
        margin={"l": 10, "r": 30, "t": 40, "b": 20},
        title_text=None,
    )
    st.subheader(labels.title)
    st.plotly_chart(
        fig,
        config={"displayModeBar": False, "staticPlot": True},
        key="answers-chart",
        alt=labels.alt,
    )


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


def _downloads(content: Content, report: Report) -> None:
    a = content.assessment
    summary = export.summary_of(content, report, session_help())
    st.subheader(a.result.downloads_heading)
    st.caption(a.result.downloads_intro)
    left, right = st.columns(2)
    # The files are made only when a button is tapped, in memory, and never stored.
    lazy_download(
        left,
        a.buttons.download_pdf,
        lambda: export.to_pdf(summary),
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
        with st.container(border=True, key="tell-therapist"):
            st.markdown(f"#### {escape_markdown(block.heading)}")
            st.caption(block.intro)
            st.markdown(_bullets([item.text for item in block.items]))
    elif block.kind in (Kind.PAIN, Kind.BOTHER, Kind.CARE, Kind.COMBINE):
        st.markdown(f"#### {escape_markdown(block.heading)}")
        st.markdown(_bullets([item.text for item in block.items]))
        _sources_caption(content, block, block.note)


def render_result_page(content: Content, answers: Answers, report: Report) -> None:
    r = content.assessment.result
    st.subheader(r.title)
    if urgent := report.block(Kind.URGENT):
        if report.ticked:
            st.markdown(f"**{escape_markdown(r.urgent.you_ticked)}**\n\n" + _bullets(report.ticked))
        st.markdown(f"**{escape_markdown(urgent.note)}**")
        _downloads(content, report)
        return
    for block in report.blocks:
        if block.kind is not Kind.SOURCES:
            _render_block(content, block)
    _chart(content, answers)
    _downloads(content, report)


def render_change_answers(content: Content, urgent: bool) -> None:
    st.button(
        content.assessment.buttons.change_answers,
        key="back-result",
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=actions.go_back,
        args=(content, Step.RESULT, urgent),
    )
