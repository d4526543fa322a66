"""The 0 to 10 pain scale: eleven buttons in one row, down to a 320 px wide phone.

Eleven 44 px buttons need 484 px; a phone has about 330. The row shares its width out (each
button about 29 px wide at 360 px, 48 px tall, no gaps), which keeps the numbers in order on
one line, as pain scales are printed. Each button is above WCAG 2.2's 24 px minimum (2.5.8,
AA); the 44 px goal is kept in height. Keyboard: the arrow keys move along the row.
"""

from __future__ import annotations

import streamlit as st

PAIN_OPTIONS = list(range(11))


#: The row's layout; drawn once per page with the self-assessment's other rules (view.py).
PAIN_SCALE_CSS = """
[class*="st-key-pain-scale-"] [data-testid="stButtonGroup"] > div,
[class*="st-key-pain-scale-"] [role="radiogroup"] {
  flex-wrap: nowrap !important; gap: 0 !important; width: 100%;
}
[class*="st-key-pain-scale-"] [role="radiogroup"] button {
  flex: 1 1 0 !important; min-width: 0 !important; min-height: 48px;
  padding-left: 0 !important; padding-right: 0 !important;
}
"""


def render_pain_scale(question: str, key: str) -> None:
    with st.container(key=f"pain-scale-{key.rsplit('.', 1)[-1]}"):
        st.segmented_control(question, PAIN_OPTIONS, key=key, width="stretch")
