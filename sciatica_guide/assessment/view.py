"""The self-assessment page: one question step per screen (GOV.UK pattern), "Check your answers",
then the result. Rules live in rules.py, words in content/assessment.yaml, the session keys in
state.py, the buttons' actions in actions.py; the screens in steps_view.py and result_view.py.

Answers live only in st.session_state under "guide." keys: nothing goes to disk, logs or URL.
"""

from __future__ import annotations

import streamlit as st

from sciatica_guide.assessment import actions
from sciatica_guide.assessment.export import SummaryParts
from sciatica_guide.assessment.pain_scale import PAIN_SCALE_CSS
from sciatica_guide.assessment.report import build_report
from sciatica_guide.assessment.result_view import (
    render_call_rows,
    render_change_answers,
    render_check_page,
    render_result_page,
    render_urgent_banner,
)
from sciatica_guide.assessment.rules import CHECK, RESULT, evaluate
from sciatica_guide.assessment.screens import first_incomplete_screen, first_screen
from sciatica_guide.assessment.state import (
    CLEARED_NOTICE,
    LAST_DRAWN,
    get_screen,
    get_step,
    reconcile_regions,
    renew_where,
    set_screen,
    sync,
)
from sciatica_guide.assessment.steps_view import WhereView, render_back, render_step
from sciatica_guide.content import Content
from sciatica_guide.settings import Settings
from sciatica_guide.text import escape_markdown
from sciatica_guide.ui.country import session_help

CONTAINER_KEY = "self-assessment"

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
_CSS = (
    """
<style>
.st-key-self-assessment button { min-height: 48px; }
[class*="st-key-guide-assessment-w-sbi-"] [data-testid="stButtonGroup"] button { min-width: 48px; }
.st-key-self-assessment [data-testid="stCheckbox"] label,
.st-key-self-assessment [data-testid="stRadioOption"] {
  min-height: 44px; display: flex; align-items: center;
}
[class*="st-key-guide-assessment-w-sbi-"] [role="radiogroup"] button {
  min-width: 40px; padding-left: 0; padding-right: 0;
}
"""
    + PAIN_SCALE_CSS
    + """
</style>
"""
)


def render_assessment_page(
    content: Content,
    settings: Settings,
    page_id: str,
    *,
    where: WhereView,
    summary: SummaryParts,
) -> None:
    """The page; `where` draws the "Where does it hurt?" body map (body_map.where_view), and
    `summary` adds the movements and the body figure to the summary to take away."""
    state = st.session_state
    a = content.assessment
    page = content.page(page_id)
    st.html(_CSS)
    st.title(page.title)

    if reconcile_regions(state, content):
        # A region picked on the body map: redraw the "Where" choices from the new list.
        renew_where(state, content)
    answers = sync(state, content)
    result = evaluate(content, answers)
    help = session_help()
    report = build_report(content, answers, result, help.number)
    step = get_step(state)
    if step in (CHECK, RESULT) and not result.urgent:
        missing = first_incomplete_screen(content, answers)
        if missing is not None:
            set_screen(state, missing)
            step = missing.step
    screen = get_screen(state, content)

    # The urgent message comes first, above everything else, as soon as a sign is ticked.
    render_urgent_banner(report)
    render_call_rows(content, help, result)
    # Not a diagnosis, said on the page itself: on a phone the sidebar is closed.
    with st.container(key="not-diagnosis"):
        st.markdown(f":material/info: **{escape_markdown(content.site.disclaimer.one_line)}**")
    if state.pop(CLEARED_NOTICE, False):
        st.success(a.cleared, icon=":material/check_circle:")
    if page.lead and screen == first_screen(content):
        st.markdown(page.lead)
        st.markdown(a.intro)

    drawn = screen.id if screen else step.value
    if state.get(LAST_DRAWN, drawn) != drawn:
        st.html(_SCROLL_TOP, unsafe_allow_javascript=True)
    state[LAST_DRAWN] = drawn

    with st.container(key=CONTAINER_KEY):
        if screen is not None:
            render_step(content, screen, answers, where)
        elif step == CHECK:
            render_back(content, None)
            render_check_page(content, answers, result)
        else:
            render_change_answers(content, result.urgent)
            render_result_page(content, answers, report, summary)
        st.divider()
        st.button(
            a.buttons.clear, key="clear-answers", on_click=actions.clear, icon=":material/delete:"
        )
    st.caption(a.privacy)
