"""The five question screens, one question group per screen (GOV.UK pattern)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from sciatica_guide.assessment import actions
from sciatica_guide.assessment.rules import STEPS, Answers, Step
from sciatica_guide.assessment.state import (
    PRECAUTION_NONE_KEY,
    SHOW_ERROR,
    VALUE_WIDGETS,
    flag_key,
    flag_none_key,
    init,
    precaution_key,
    sbi_key,
    where_key,
)
from sciatica_guide.content import Content
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import source_list

PAIN_OPTIONS = list(range(11))
_KEYS = dict(VALUE_WIDGETS)


def _error_if_refused(step: Step, message: str) -> None:
    if st.session_state.get(SHOW_ERROR) == step.value:
        st.error(message, icon=":material/error:")


def render_progress(content: Content, step: Step) -> None:
    number = STEPS.index(step) + 1
    text = content.assessment.progress.format(step=number, total=len(STEPS))
    st.progress(number / len(STEPS), text=text)


def render_continue(content: Content, step: Step, label: str) -> None:
    st.button(
        label,
        type="primary",
        key=f"continue-{step.value}",
        on_click=actions.go_next,
        args=(content, step),
        width="stretch",
    )


def render_back(content: Content, step: Step) -> None:
    if step == STEPS[0]:
        return
    st.button(
        content.assessment.buttons.back,
        key=f"back-{step.value}",
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=actions.go_back,
        args=(content, step, False),
    )


def _ticks_with_none(ticks: list[tuple[str, str, bool]], none: tuple[str, str, bool]) -> None:
    """Tick boxes (key, label, stored answer) and a "None of these" box that excludes them
    (GOV.UK exclusive checkbox): ticking one unticks the other side."""
    state = st.session_state
    none_key, none_label, none_value = none
    for key, label, value in ticks:
        init(state, key, value)
        st.checkbox(
            escape_markdown(label),
            key=key,
            on_change=actions.exclusive_item,
            args=(none_key, key),
        )
    init(state, none_key, none_value)
    st.checkbox(
        escape_markdown(none_label),
        key=none_key,
        on_change=actions.exclusive_none,
        args=(none_key, [key for key, _, _ in ticks]),
    )


def _step_safety(content: Content, answers: Answers) -> None:
    s = content.assessment.steps.safety
    st.subheader(s.title)
    st.markdown(s.intro)
    _error_if_refused(Step.SAFETY, s.error)
    for question in s.groups:
        group = next(g for g in content.red_flags.groups if g.id == question.group)
        with st.container(border=True, key=f"safety-{group.id}"):
            st.markdown(f"**{escape_markdown(question.question)}**")
            _ticks_with_none(
                [(flag_key(f.id), f.text, f.id in answers.red_flags) for f in group.flags],
                (flag_none_key(group.id), question.none, group.id in answers.safety_none),
            )


def _step_where(content: Content, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.where
    st.subheader(s.title)
    st.markdown(s.hint)
    _error_if_refused(Step.WHERE, s.error)
    chosen = set(answers.regions)
    sides = content.areas.sides
    for area in content.areas.areas:
        key = where_key(area.id)
        init(state, key, [side for side in ("left", "right") if f"{area.id}-{side}" in chosen])
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
    _error_if_refused(Step.HOW_MUCH, s.error)
    for field, question in (("back_pain", s.back_pain), ("leg_pain", s.leg_pain)):
        key = _KEYS[field]
        init(state, key, getattr(answers, field))
        st.segmented_control(question.question, PAIN_OPTIONS, key=key, width="stretch")
        if question.hint:
            st.caption(question.hint)
    for field, choice in (
        ("duration", s.duration),
        ("pressure", s.pressure),
        ("activities", s.activities),
    ):
        key = _KEYS[field]
        labels = {o.id: o.label for o in choice.options}
        value = getattr(answers, field)
        init(state, key, value if value in labels else None)
        st.radio(
            choice.question,
            list(labels),
            index=None,
            format_func=labels.__getitem__,
            key=key,
        )
        if choice.hint:
            st.caption(choice.hint)


def _step_bother(content: Content, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.bother
    st.subheader(s.title)
    st.markdown(f"**{escape_markdown(s.question)}**")
    st.caption(s.hint)
    _error_if_refused(Step.BOTHER, s.error)
    options = list(range(s.scale.min, s.scale.max + 1))
    for item in s.items:
        key = sbi_key(item.id)
        init(state, key, answers.sbi.get(item.id))
        st.segmented_control(escape_markdown(item.text), options, key=key, width="stretch")
    st.caption(f"{s.about} {content.site.labels.sources}: {source_list(content, s.sources)}")


def _step_health(content: Content, answers: Answers) -> None:
    s = content.assessment.steps.health
    st.subheader(s.title)
    st.markdown(f"**{escape_markdown(s.question)}**")
    st.caption(s.hint)
    _error_if_refused(Step.HEALTH, s.error)
    labels = {p.id: p.label for p in content.precautions.precautions}
    with st.container(border=True, key="health-list"):
        _ticks_with_none(
            [(precaution_key(p), labels[p], p in answers.precautions) for p in s.precautions],
            (PRECAUTION_NONE_KEY, s.none, answers.precautions_none),
        )


STEP_SCREENS: dict[Step, Callable[[Content, Answers], None]] = {
    Step.SAFETY: _step_safety,
    Step.WHERE: _step_where,
    Step.HOW_MUCH: _step_how_much,
    Step.BOTHER: _step_bother,
    Step.HEALTH: _step_health,
}


def render_step(content: Content, step: Step, answers: Answers) -> None:
    """One question screen: Back, progress, the questions, Continue."""
    a = content.assessment
    render_back(content, step)
    render_progress(content, step)
    STEP_SCREENS[step](content, answers)
    render_continue(content, step, a.buttons.check if step == STEPS[-1] else a.buttons.continue_)
