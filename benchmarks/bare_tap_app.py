"""Streamlit's own floor for a tap: one button, and a line of text that changes when it is tapped.

The tap benchmark (benchmarks/tap_bench.py) times a tap here beside a tap on the body map, in
the same run. Same process tuning as the guide and the bare app.
"""

import streamlit as st

from sciatica_guide.tuning import tune_server_process

tune_server_process()

st.title("Bare app")
if st.button("Tap", key="tap"):
    st.session_state["taps"] = st.session_state.get("taps", 0) + 1
with st.container(key="tap-count"):
    st.markdown(f"Taps: {st.session_state.get('taps', 0)}")
