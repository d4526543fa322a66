"""The question screens: one question, or one small group, per screen (GOV.UK pattern)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from sciatica_guide.assessment import actions
from sciatica_guide.assessment.pain_scale import render_pain_scale
from sciatica_guide.assessment.rules import Answers, Step, question_flags
from sciatica_guide.assessment.screens import Screen, next_screen, previous_screen, screen_number
from sciatica_guide.assessment.state import (
    SHOW_ERROR,
    VALUE_WIDGETS,
    flag_key,
    flag_none_key,
    health_none_key,
    init,
    precaution_key,
    sbi_key,
)
from sciatica_guide.content import Content
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.blocks import source_list

_KEYS = dict(VALUE_WIDGETS)


def _error_if_refused(screen: Screen, message: str) -> None:
    if st.session_state.get(SHOW_ERROR) == screen.id:
        st.error(message, icon=":material/error:")


def render_progress(content: Content, screen: Screen) -> None:
    number, total = screen_number(content, screen)
    text = content.assessment.progress.format(step=number, total=total)
    st.progress(number / total, text=text)


def render_continue(content: Content, screen: Screen, label: str) -> None:
    st.button(
        label,
        type="primary",
        key=f"continue-{screen.id}",
        on_click=actions.go_next,
        args=(content, screen),
        width="stretch",
    )


def render_back(content: Content, screen: Screen | None) -> None:
    """Back one screen (from "Check your answers", to the last question)."""
    if screen is not None and previous_screen(content, screen) is None:
        return
    st.button(
        content.assessment.buttons.back,
        key=f"back-{screen.id if screen else 'check'}",
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=actions.go_back,
        args=(content, screen, False),
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


def _step_safety(content: Content, screen: Screen, answers: Answers) -> None:
    s = content.assessment.steps.safety
    st.subheader(s.title)
    st.markdown(s.intro)
    _error_if_refused(screen, s.error)
    texts = {f.id: f.text for f in content.red_flags.all_flags()}
    for question in (q for q in s.questions if q.id in screen.asks):
        none = question.id in answers.safety_none or question.group in answers.safety_none
        flags = question_flags(content, question)
        with st.container(border=True, key=f"safety-{question.id}"):
            st.markdown(f"**{escape_markdown(question.question)}**")
            _ticks_with_none(
                [(flag_key(f), texts[f], f in answers.red_flags) for f in flags],
                (flag_none_key(question.id), question.none, none),
            )


#: Draws the "where" question's body map and list (body_map.where_view: the body map is a
#: feature above this one, so the page hands it in).
WhereView = Callable[[Content, Answers], None]


def _step_where(content: Content, screen: Screen, answers: Answers, where: WhereView) -> None:
    s = content.assessment.steps.where
    st.subheader(s.title)
    st.markdown(s.hint)
    _error_if_refused(screen, s.error)
    where(content, answers)


def _step_how_much(content: Content, screen: Screen, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.how_much
    own = next(h for h in s.screens if h.id == screen.id)
    st.subheader(own.title or s.title)
    _error_if_refused(screen, s.error)
    for field in screen.asks:
        key = _KEYS[field]
        if field in ("back_pain", "leg_pain"):
            question = getattr(s, field)
            init(state, key, getattr(answers, field))
            render_pain_scale(question.question, key)
            if question.hint:
                st.caption(question.hint)
            continue
        choice = getattr(s, field)
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


def _step_bother(content: Content, screen: Screen, answers: Answers) -> None:
    state = st.session_state
    s = content.assessment.steps.bother
    st.subheader(s.title)
    st.markdown(f"**{escape_markdown(s.question)}**")
    st.caption(s.hint)
    _error_if_refused(screen, s.error)
    options = list(range(s.scale.min, s.scale.max + 1))
    for item in s.items:
        key = sbi_key(item.id)
        init(state, key, answers.sbi.get(item.id))
        st.segmented_control(escape_markdown(item.text), options, key=key, width="stretch")
    st.caption(f"{s.about} {content.site.labels.sources}: {source_list(content, s.sources)}")


def _step_health(content: Content, screen: Screen, answers: Answers) -> None:
    s = content.assessment.steps.health
    st.subheader(s.title)
    st.markdown(f"**{escape_markdown(s.question)}**")
    st.caption(s.hint)
    _error_if_refused(screen, s.error)
    labels = {p.id: p.label for p in content.precautions.precautions}
    none = answers.precautions_none or screen.id in answers.health_none
    with st.container(border=True, key=f"health-list-{screen.id}"):
        _ticks_with_none(
            [(precaution_key(p), labels[p], p in answers.precautions) for p in screen.asks],
            (health_none_key(screen.id), s.none, none),
        )


STEP_SCREENS: dict[Step, Callable[[Content, Screen, Answers], None]] = {
    Step.SAFETY: _step_safety,
    Step.HOW_MUCH: _step_how_much,
    Step.BOTHER: _step_bother,
    Step.HEALTH: _step_health,
}


def render_step(content: Content, screen: Screen, answers: Answers, where: WhereView) -> None:
    """One question screen: Back, progress, the questions, Continue."""
    a = content.assessment
    render_back(content, screen)
    render_progress(content, screen)
    if screen.step == Step.WHERE:
        _step_where(content, screen, answers, where)
    else:
        STEP_SCREENS[screen.step](content, screen, answers)
    last = next_screen(content, screen) is None
    render_continue(content, screen, a.buttons.check if last else a.buttons.continue_)
