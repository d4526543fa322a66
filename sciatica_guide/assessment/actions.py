"""What the self-assessment's buttons do. Streamlit runs these callbacks before the script, so the
next screen draws from the new state."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from sciatica_guide.assessment.rules import (
    CHECK,
    RESULT,
    STEPS,
    Step,
    any_red_flag,
    first_incomplete_step,
    next_step,
    previous_step,
    step_complete,
)
from sciatica_guide.assessment.state import (
    CLEARED_NOTICE,
    RETURN_TO_CHECK,
    SHOW_ERROR,
    flag_key,
    save_answers,
    set_step,
    sync,
)
from sciatica_guide.content import Content
from sciatica_guide.session import clear_person


def go_next(content: Content, step: Step) -> None:
    state = st.session_state
    answers = sync(state, content)
    if step == Step.SAFETY and any_red_flag(content, answers):
        set_step(state, RESULT)
        return
    if step in STEPS and not step_complete(content, answers, step):
        state[SHOW_ERROR] = step.value
        return
    target = CHECK if step == CHECK else next_step(content, answers, step)
    if target != RESULT and state.get(RETURN_TO_CHECK):
        target = CHECK
    if target in (CHECK, RESULT):
        target = first_incomplete_step(content, answers) or target
    set_step(state, target)


def go_to(content: Content, step: Step, *, return_to_check: bool = False) -> None:
    state = st.session_state
    sync(state, content)
    set_step(state, step)
    if return_to_check:
        state[RETURN_TO_CHECK] = True
    elif step in (CHECK, RESULT):
        state.pop(RETURN_TO_CHECK, None)


def go_back(content: Content, step: Step, urgent: bool) -> None:
    target = Step.SAFETY if (urgent and step == RESULT) else previous_step(step)
    if target is not None:
        go_to(content, target)


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
