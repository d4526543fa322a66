"""Streamlit rendering of the self-assessment: one question step per screen (GOV.UK pattern),
"Check your answers", then the result. Rules live in rules.py, words in content/assessment.yaml.

Answers live only in st.session_state under "guide." keys: nothing goes to disk, logs or URL.
"""

from __future__ import annotations

import textwrap
from typing import Any

import streamlit as st

from sciatica_guide.assessment import export
from sciatica_guide.assessment.rules import (
    CHECK,
    RESULT,
    STEPS,
    Answers,
    Result,
    any_red_flag,
    evaluate,
    first_incomplete_step,
    next_step,
    previous_step,
    step_complete,
)
from sciatica_guide.assessment.state import (
    CLEARED_NOTICE,
    RETURN_TO_CHECK,
    SHOW_ERROR,
    WIDGET,
    State,
    get_step,
    load_answers,
    merge_selection,
    reconcile_regions,
    save_answers,
    set_step,
)
from sciatica_guide.assessment.summary import (
    advice_lines,
    area_phrase,
    build_summary,
    check_rows,
    combine_lines,
    flag_texts,
    plan_lines,
    therapist_lines,
    urgent_lines,
)
from sciatica_guide.content import Content
from sciatica_guide.session import PREFIX, clear_person
from sciatica_guide.settings import Settings
from sciatica_guide.ui.article_view import source_list
from sciatica_guide.ui.text import escape_markdown

CONTAINER_KEY = "self-assessment"
#: The step drawn last, to notice a new screen (kept with the answers, so cleared with them).
LAST_DRAWN = PREFIX + "assessment.last_drawn"

# A new step is a new screen: start it at the top, as a new page would (Streamlit keeps the
# scroll position across reruns, which would leave people half way down the next question).
_SCROLL_TOP = """
<script>
const scrollers = '[data-testid="stMain"], [data-testid="stAppViewContainer"]';
for (const el of document.querySelectorAll(scrollers)) {
  el.scrollTo(0, 0);
}
window.scrollTo(0, 0);
</script>
"""

# Large touch targets at every width (WCAG 2.5.5 aims at 44 px); the labels of checkboxes and
# radios are the tap targets, so they get the height too.
_CSS = """
<style>
.st-key-self-assessment button { min-height: 48px; }
.st-key-self-assessment [data-testid="stButtonGroup"] button { min-width: 48px; }
.st-key-self-assessment [data-testid="stCheckbox"] label,
.st-key-self-assessment [data-testid="stRadioOption"] {
  min-height: 44px; display: flex; align-items: center;
}
.st-key-self-assessment [data-testid="stButtonGroup"] [role="radiogroup"] button {
  min-width: 40px; padding-left: 0; padding-right: 0;
}
</style>
"""

PAIN_OPTIONS = list(range(11))
#: How often the result page reruns a tiny fragment while its downloads are on screen. A tapped
#: summary is served at /media/<hash> to whoever has that address, until Streamlit removes files
#: no session uses; it checks after every script run, in two steps (mark, then delete). Without
#: a run nothing is removed, so on a quiet server a summary would stay fetchable as long as the
#: result is on screen. With a run every 3 s it is gone within about 6 s of the tap
#: (tests/browser/test_self_assessment.py::test_a_summary_download_is_gone_within_seconds).
DOWNLOAD_SWEEP_SECONDS = 3.0


# --- widget keys ----------------------------------------------------------------------------------
def _flag_key(flag_id: str) -> str:
    return f"{WIDGET}flag.{flag_id}"


def _flag_none_key(group_id: str) -> str:
    return f"{WIDGET}flag-none.{group_id}"


def _where_key(area_id: str) -> str:
    return f"{WIDGET}where.{area_id}"


def _sbi_key(item_id: str) -> str:
    return f"{WIDGET}sbi.{item_id}"


def _precaution_key(precaution_id: str) -> str:
    return f"{WIDGET}precaution.{precaution_id}"


PRECAUTION_NONE_KEY = f"{WIDGET}precaution-none"
BACK_KEY = f"{WIDGET}back_pain"
LEG_KEY = f"{WIDGET}leg_pain"
DURATION_KEY = f"{WIDGET}duration"
PRESSURE_KEY = f"{WIDGET}pressure"


def collect(state: State, content: Content, answers: Answers) -> Answers:
    """The stored answers updated with the values of any widgets on screen."""
    data = answers.to_mapping()
    a = content.assessment
    group_flags = {g.id: [f.id for f in g.flags] for g in content.red_flags.groups}
    flags = set(answers.red_flags)
    none = set(answers.safety_none)
    for question in a.steps.safety.groups:
        if _flag_none_key(question.group) not in state:
            continue
        for flag_id in group_flags[question.group]:
            (flags.add if state.get(_flag_key(flag_id)) else flags.discard)(flag_id)
        (none.add if state.get(_flag_none_key(question.group)) else none.discard)(question.group)
    data["red_flags"], data["safety_none"] = sorted(flags), sorted(none)

    regions = list(answers.regions)
    where_keys = {area.id: _where_key(area.id) for area in content.areas.areas}
    if any(key in state for key in where_keys.values()):
        chosen = {
            f"{area_id}-{side}"
            for area_id, key in where_keys.items()
            for side in (state.get(key) or [])
            if side in ("left", "right")
        }
        regions = merge_selection(regions, chosen, [r.id for r in content.regions()])

    for field, key in (
        ("back_pain", BACK_KEY),
        ("leg_pain", LEG_KEY),
        ("duration", DURATION_KEY),
        ("pressure", PRESSURE_KEY),
    ):
        if key in state:
            data[field] = state[key]
    sbi = dict(answers.sbi)
    for item in a.steps.bother.items:
        key = _sbi_key(item.id)
        if key in state:
            if state[key] is None:
                sbi.pop(item.id, None)
            else:
                sbi[item.id] = state[key]
    data["sbi"] = sbi
    if PRECAUTION_NONE_KEY in state:
        data["precautions"] = [
            pid for pid in a.steps.health.precautions if state.get(_precaution_key(pid))
        ]
        data["precautions_none"] = bool(state.get(PRECAUTION_NONE_KEY))
    return Answers.from_mapping(data, regions=regions)


def _init(state: State, key: str, value: Any) -> None:
    # A widget starts from the stored answer when it was not on screen in the last run.
    if key not in state:
        state[key] = value


# --- callbacks (run before the script, so the next screen draws from the new state) ---------------
def _sync(content: Content) -> Answers:
    state = st.session_state
    answers = collect(state, content, load_answers(state))
    save_answers(state, answers)
    return answers


def _go_next(content: Content, step: str) -> None:
    state = st.session_state
    answers = _sync(content)
    if step == "safety" and any_red_flag(content, answers):
        set_step(state, RESULT)
        return
    if step in STEPS and not step_complete(content, answers, step):
        state[SHOW_ERROR] = step
        return
    target = CHECK if step == CHECK else next_step(content, answers, step)
    if target != RESULT and state.get(RETURN_TO_CHECK):
        target = CHECK
    if target in (CHECK, RESULT):
        target = first_incomplete_step(content, answers) or target
    set_step(state, target)


def _go_to(content: Content, step: str, *, return_to_check: bool = False) -> None:
    state = st.session_state
    _sync(content)
    set_step(state, step)
    if return_to_check:
        state[RETURN_TO_CHECK] = True
    elif step in (CHECK, RESULT):
        state.pop(RETURN_TO_CHECK, None)


def _go_back(content: Content, step: str, urgent: bool) -> None:
    target = "safety" if (urgent and step == RESULT) else previous_step(step)
    if target is not None:
        _go_to(content, target)


def _clear() -> None:
    clear_person(st.session_state)
    st.session_state[CLEARED_NOTICE] = True


def _exclusive_none(none_key: str, other_keys: list[str]) -> None:
    # "None of these" and the signs cannot both be ticked (GOV.UK exclusive checkbox).
    if st.session_state.get(none_key):
        for key in other_keys:
            st.session_state[key] = False


def _exclusive_item(none_key: str, key: str) -> None:
    if st.session_state.get(key):
        st.session_state[none_key] = False


# --- shared parts ---------------------------------------------------------------------------------
def _urgent_banner(content: Content, settings: Settings, result: Result) -> None:
    number = content.red_flags.emergency_number_text(settings.emergency_number)
    for title, text in urgent_lines(content, result, number):
        st.error(
            f"### {escape_markdown(title)}\n\n{escape_markdown(text)}", icon=":material/emergency:"
        )


def _error_if_refused(step: str, message: str) -> None:
    if st.session_state.get(SHOW_ERROR) == step:
        st.error(message, icon=":material/error:")


def _progress(content: Content, step: str) -> None:
    number = STEPS.index(step) + 1
    text = content.assessment.progress.format(step=number, total=len(STEPS))
    st.progress(number / len(STEPS), text=text)


def _nav(content: Content, step: str, label: str) -> None:
    st.button(
        label,
        type="primary",
        key=f"continue-{step}",
        on_click=_go_next,
        args=(content, step),
        width="stretch",
    )


def _back(content: Content, step: str, urgent: bool = False) -> None:
    if step == STEPS[0]:
        return
    st.button(
        content.assessment.buttons.back,
        key=f"back-{step}",
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=_go_back,
        args=(content, step, urgent),
    )


# --- the question steps ---------------------------------------------------------------------------
def _step_safety(content: Content, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.safety
    st.subheader(s.title)
    st.markdown(s.intro)
    _error_if_refused("safety", s.error)
    for question in s.groups:
        group = next(g for g in content.red_flags.groups if g.id == question.group)
        none_key = _flag_none_key(group.id)
        flag_keys = [_flag_key(f.id) for f in group.flags]
        with st.container(border=True, key=f"safety-{group.id}"):
            st.markdown(f"**{escape_markdown(question.question)}**")
            for flag, key in zip(group.flags, flag_keys, strict=True):
                _init(state, key, flag.id in answers.red_flags)
                st.checkbox(
                    escape_markdown(flag.text),
                    key=key,
                    on_change=_exclusive_item,
                    args=(none_key, key),
                )
            _init(state, none_key, group.id in answers.safety_none)
            st.checkbox(
                escape_markdown(question.none),
                key=none_key,
                on_change=_exclusive_none,
                args=(none_key, flag_keys),
            )


def _step_where(content: Content, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.where
    st.subheader(s.title)
    st.markdown(s.hint)
    _error_if_refused("where", s.error)
    chosen = set(answers.regions)
    sides = content.areas.sides
    for area in content.areas.areas:
        key = _where_key(area.id)
        _init(state, key, [side for side in ("left", "right") if f"{area.id}-{side}" in chosen])
        st.pills(
            area.name,
            options=["left", "right"],
            selection_mode="multi",
            format_func=lambda side: sides[side][:1].upper() + sides[side][1:],
            key=key,
        )


def _step_how_much(content: Content, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.how_much
    st.subheader(s.title)
    _error_if_refused("how_much", s.error)
    for question, key, value in (
        (s.back_pain, BACK_KEY, answers.back_pain),
        (s.leg_pain, LEG_KEY, answers.leg_pain),
    ):
        _init(state, key, value)
        st.segmented_control(question.question, PAIN_OPTIONS, key=key, width="stretch")
        if question.hint:
            st.caption(question.hint)
    for question, key, value in (
        (s.duration, DURATION_KEY, answers.duration),
        (s.pressure, PRESSURE_KEY, answers.pressure),
    ):
        labels = {o.id: o.label for o in question.options}
        _init(state, key, value if value in labels else None)
        st.radio(
            question.question,
            list(labels),
            index=None,
            format_func=labels.__getitem__,
            key=key,
            captions=None,
        )
        if question.hint:
            st.caption(question.hint)


def _step_bother(content: Content, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.bother
    st.subheader(s.title)
    st.markdown(f"**{escape_markdown(s.question)}**")
    st.caption(s.hint)
    _error_if_refused("bother", s.error)
    options = list(range(s.scale.min, s.scale.max + 1))
    for item in s.items:
        key = _sbi_key(item.id)
        _init(state, key, answers.sbi.get(item.id))
        st.segmented_control(escape_markdown(item.text), options, key=key, width="stretch")
    st.caption(f"{s.about} {content.site.labels['sources']}: {source_list(content, s.sources)}")


def _step_health(content: Content, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.health
    st.subheader(s.title)
    st.markdown(f"**{escape_markdown(s.question)}**")
    st.caption(s.hint)
    _error_if_refused("health", s.error)
    labels = {p.id: p.label for p in content.precautions.precautions}
    keys = [_precaution_key(pid) for pid in s.precautions]
    with st.container(border=True, key="health-list"):
        for pid, key in zip(s.precautions, keys, strict=True):
            _init(state, key, pid in answers.precautions)
            st.checkbox(
                escape_markdown(labels[pid]),
                key=key,
                on_change=_exclusive_item,
                args=(PRECAUTION_NONE_KEY, key),
            )
        _init(state, PRECAUTION_NONE_KEY, answers.precautions_none)
        st.checkbox(
            escape_markdown(s.none),
            key=PRECAUTION_NONE_KEY,
            on_change=_exclusive_none,
            args=(PRECAUTION_NONE_KEY, keys),
        )


_STEP_RENDERERS = {
    "safety": _step_safety,
    "where": _step_where,
    "how_much": _step_how_much,
    "bother": _step_bother,
    "health": _step_health,
}


# --- check your answers ---------------------------------------------------------------------------
def _check_page(content: Content, answers: Answers, result: Result) -> None:
    c = content.assessment.check
    st.subheader(c.title)
    st.markdown(c.intro)
    rows = check_rows(content, answers, result)
    for step in STEPS:
        with st.container(border=True, key=f"check-{step}"):
            for _, label, values in (r for r in rows if r[0] == step):
                lines = "  \n".join(escape_markdown(v) for v in values)
                st.markdown(f"**{escape_markdown(label)}**  \n{lines}")
            st.button(
                c.change[step],
                key=f"change-{step}",
                on_click=_go_to,
                args=(content, step),
                kwargs={"return_to_check": True},
                icon=":material/edit:",
            )
    st.button(
        content.assessment.buttons.see_result,
        type="primary",
        key="see-result",
        on_click=_go_to,
        args=(content, RESULT),
        width="stretch",
    )


# --- the result -----------------------------------------------------------------------------------
def _chart(content: Content, answers: Answers) -> None:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    a = content.assessment
    labels = a.result.chart
    pain = [
        (a.result.back_pain, answers.back_pain),
        (a.result.leg_pain, answers.leg_pain),
    ]
    pain = [(name, score) for name, score in pain if score is not None]
    sbi = [(i.text, answers.sbi[i.id]) for i in a.steps.bother.items if i.id in answers.sbi]
    if not pain and not sbi:
        return
    rows = [(labels.pain_axis, pain, 10), (labels.sbi_axis, sbi, a.steps.bother.scale.max)]
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


def _technique_how(content: Content, area_id: str, technique_id: str) -> str | None:
    """How a therapist uses the technique in this area, as areas.yaml says."""
    return next((t.how for t in content.area(area_id).techniques if t.id == technique_id), None)


@st.fragment(run_every=DOWNLOAD_SWEEP_SECONDS)
def _sweep_downloads() -> None:
    """Draws nothing: each run lets Streamlit remove summaries already fetched (see above)."""


def _downloads(content: Content, answers: Answers, result: Result, settings: Settings) -> None:
    a = content.assessment
    summary = build_summary(content, answers, result, settings)
    st.subheader(a.result.downloads_heading)
    st.caption(a.result.downloads_intro)
    left, right = st.columns(2)
    # The files are made only when a button is tapped, in memory, and never stored.
    left.download_button(
        a.buttons.download_pdf,
        data=lambda: export.to_pdf(summary),
        file_name=f"{a.summary.file_stem}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key="download-pdf",
        width="stretch",
    )
    right.download_button(
        a.buttons.download_text,
        data=lambda: export.to_text(summary),
        file_name=f"{a.summary.file_stem}.txt",
        mime="text/plain",
        on_click="ignore",
        icon=":material/description:",
        key="download-text",
        width="stretch",
    )
    _sweep_downloads()


def _result_page(content: Content, settings: Settings, answers: Answers, result: Result) -> None:
    a = content.assessment
    r = a.result
    labels = content.site.labels
    st.subheader(r.title)
    if result.urgent:
        st.markdown(f"**{escape_markdown(r.urgent.you_ticked)}**")
        st.markdown(
            "\n".join(f"- {escape_markdown(t)}" for t in flag_texts(content, result.red_flags))
        )
        st.markdown(f"**{escape_markdown(r.urgent.no_massage)}**")
        _downloads(content, answers, result, settings)
        return

    precautions = {p.id: p for p in content.precautions.precautions}
    if result.same_day:
        st.warning(
            f"**{r.same_day_title}.** "
            + " ".join(escape_markdown(precautions[p].advice) for p in result.same_day),
            icon=":material/local_hospital:",
        )
    if result.postpone:
        st.warning(
            f"**{r.postpone_title}.** "
            + " ".join(escape_markdown(precautions[p].advice) for p in result.postpone),
            icon=":material/schedule:",
        )

    st.markdown(f"#### {r.pain_heading}")
    lines = []
    for name, score, band in (
        (r.back_pain, answers.back_pain, result.back_band),
        (r.leg_pain, answers.leg_pain, result.leg_band),
    ):
        if score is not None and band is not None:
            lines.append(r.pain_line.format(what=name, score=score, band=band.label))
    duration = a.steps.how_much.duration.option(answers.duration)
    if duration:
        lines.append(r.duration_line.format(duration=duration.label))
    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines))
    st.caption(
        f"{a.pain_bands.note} {labels['sources']}: {source_list(content, a.pain_bands.sources)}"
    )

    if result.sbi_total is not None:
        st.markdown(f"#### {r.sbi_heading}")
        sbi_lines = [r.sbi_line.format(total=result.sbi_total)]
        items = {i.id: i.text for i in a.steps.bother.items}
        if result.sbi_bothersome:
            sbi_lines.append(
                r.sbi_bothersome.format(items="; ".join(items[i] for i in result.sbi_bothersome))
            )
        st.markdown("\n".join(f"- {escape_markdown(line)}" for line in sbi_lines))
        sources = a.steps.bother.sources + r.sbi_bothersome_sources + r.sbi_note_sources
        st.caption(
            f"{a.steps.bother.about} {r.sbi_note} {labels['sources']}: "
            f"{source_list(content, list(dict.fromkeys(sources)))}"
        )

    st.markdown(f"#### {r.techniques_heading}")
    st.markdown(r.techniques_intro)
    if not result.massage_possible:
        st.info(r.no_massage, icon=":material/block:")
    for plan in result.plans:
        with st.container(border=True, key=f"plan-{plan.area}"):
            st.markdown(f"**{escape_markdown(area_phrase(content, plan.area, plan.sides))}**")
            body = []
            for line in plan_lines(content, plan):
                body.append(f"- {escape_markdown(line)}")
            for technique in plan.suits:
                how = _technique_how(content, plan.area, technique)
                if how:
                    name = escape_markdown(content.technique(technique).name)
                    body.append(f"    - {name}: {escape_markdown(how)}")
            st.markdown("\n".join(body))

    if result.precautions:
        st.markdown(f"#### {r.advice_heading}")
        st.markdown(
            "\n".join(f"- {escape_markdown(line)}" for line in advice_lines(content, result))
        )

    st.markdown(f"#### {r.combine_heading}")
    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in combine_lines(content, answers)))
    st.caption(f"{labels['sources']}: {source_list(content, r.combine_sources)}")

    with st.container(border=True, key="tell-therapist"):
        st.markdown(f"#### {r.tell_heading}")
        st.caption(r.tell_intro)
        st.markdown(
            "\n".join(
                f"- {escape_markdown(line)}" for line in therapist_lines(content, answers, result)
            )
        )

    _chart(content, answers)
    _downloads(content, answers, result, settings)


# --- the page -------------------------------------------------------------------------------------
def render_assessment_page(content: Content, settings: Settings, page_id: str) -> None:
    state = st.session_state
    a = content.assessment
    page = content.page(page_id)
    st.html(_CSS)
    st.title(page.title)

    if reconcile_regions(state, content):
        # A region picked on the body map: redraw the "Where" choices from the new list.
        for area in content.areas.areas:
            state.pop(_where_key(area.id), None)
    answers = collect(state, content, load_answers(state))
    save_answers(state, answers)
    result = evaluate(content, answers)
    step = get_step(state)
    if step in (CHECK, RESULT) and not result.urgent:
        missing = first_incomplete_step(content, answers)
        if missing is not None:
            step = missing
            set_step(state, step)

    # The urgent message comes first, above everything else, as soon as a sign is ticked.
    if result.urgent:
        _urgent_banner(content, settings, result)
    if state.pop(CLEARED_NOTICE, False):
        st.success(a.cleared, icon=":material/check_circle:")
    if page.lead and step == STEPS[0]:
        st.markdown(page.lead)
        st.markdown(a.intro)

    if state.get(LAST_DRAWN, step) != step:
        st.html(_SCROLL_TOP, unsafe_allow_javascript=True)
    state[LAST_DRAWN] = step

    with st.container(key=CONTAINER_KEY):
        if step in STEPS:
            _back(content, step)
            _progress(content, step)
            _STEP_RENDERERS[step](content, answers)
            label = a.buttons.check if step == STEPS[-1] else a.buttons.continue_
            _nav(content, step, label)
        elif step == CHECK:
            _back(content, step)
            _check_page(content, answers, result)
        else:
            st.button(
                a.buttons.change_answers,
                key="back-result",
                type="tertiary",
                icon=":material/arrow_back:",
                on_click=_go_back,
                args=(content, RESULT, result.urgent),
            )
            _result_page(content, settings, answers, result)
        st.divider()
        st.button(a.buttons.clear, key="clear-answers", on_click=_clear, icon=":material/delete:")
    st.caption(a.privacy)
