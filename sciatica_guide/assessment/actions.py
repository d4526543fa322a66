"""What the self-assessment's buttons do. Streamlit runs these callbacks before the script, so the
next screen draws from the new state."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from sciatica_guide.assessment.rules import CHECK, RESULT, Answers, Step, any_red_flag
from sciatica_guide.assessment.screens import (
    Screen,
    first_incomplete_screen,
    first_screen,
    next_screen,
    previous_screen,
    question_screens,
    screen_complete,
)
from sciatica_guide.assessment.state import (
    CLEARED_NOTICE,
    RETURN_TO_CHECK,
    SHOW_ERROR,
    flag_key,
    get_step,
    save_answers,
    set_screen,
    set_step,
    sync,
)
from sciatica_guide.content import Content
from sciatica_guide.session import clear_person


def go_next(content: Content, screen: Screen) -> None:
    state = st.session_state
    answers = sync(state, content)
    if screen.step == Step.SAFETY and any_red_flag(content, answers):
        set_step(state, RESULT)
        return
    if not screen_complete(content, answers, screen):
        state[SHOW_ERROR] = screen.id
        return
    following = next_screen(content, screen)
    if state.get(RETURN_TO_CHECK) == screen.id or following is None:
        state.pop(RETURN_TO_CHECK, None)
        _go_to_check(content, answers)
    else:
        set_screen(state, following)


def _go_to_check(content: Content, answers: Answers) -> None:
    missing = first_incomplete_screen(content, answers)
    if missing is None:
        set_step(st.session_state, CHECK)
    else:
        set_screen(st.session_state, missing)


def change_answer(content: Content, screen: Screen, until: Screen) -> None:
    """A "Change" button of the check page: show `screen`; Continue on `until` goes back."""
    state = st.session_state
    sync(state, content)
    set_screen(state, screen)
    state[RETURN_TO_CHECK] = until.id


def go_to(content: Content, step: Step) -> None:
    state = st.session_state
    sync(state, content)
    set_step(state, step)
    state.pop(RETURN_TO_CHECK, None)


def go_back(content: Content, screen: Screen | None, urgent: bool) -> None:
    """Back one screen; from the result, to "Check your answers" (to the first question when
    the result is urgent: the check page waits for answers an urgent result skips)."""
    state = st.session_state
    sync(state, content)
    state.pop(RETURN_TO_CHECK, None)
    step = get_step(state)
    if step == RESULT:
        if urgent:
            set_screen(state, first_screen(content))
        else:
            set_step(state, CHECK)
    elif step == CHECK or screen is None:
        set_screen(state, question_screens(content)[-1])
    elif (before := previous_screen(content, screen)) is not None:
        set_screen(state, before)


def clear() -> None:
    clear_person(st.session_state)
    st.session_state[CLEARED_NOTICE] = True


def exclusive_none(none_key: str, other_keys: list[str]) -> None:
    # "None of these" and the signs cannot both be ticked (GOV.UK exclusive checkbox).
    if st.session_state.get(none_key):
        for key in other_keys:
            st.session_state[key] = False


def exclusive_item(none_key: str, key: str) -> None:
    if st.session_state.get(key):
        st.session_state[none_key] = False


def confirm_weakness(content: Content) -> None:
    # "Yes" on the result's weakness question ticks the sign, as in the first step.
    state = st.session_state
    answers = sync(state, content)
    flag = content.assessment.result.weakness_check.flag
    save_answers(state, replace(answers, red_flags=answers.red_flags | {flag}))
    state.pop(flag_key(flag), None)


def answer_recheck(content: Content, recheck_id: str, yes: bool) -> None:
    # "Yes" on a re-check ticks its sign, as in the first step; "No" is kept with the answers.
    state = st.session_state
    answers = sync(state, content)
    recheck = next(r for r in content.assessment.result.rechecks if r.id == recheck_id)
    if yes:
        save_answers(state, replace(answers, red_flags=answers.red_flags | {recheck.flag}))
        state.pop(flag_key(recheck.flag), None)
    else:
        save_answers(state, replace(answers, rechecks_no=answers.rechecks_no | {recheck_id}))
