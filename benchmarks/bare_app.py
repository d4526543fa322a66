"""The baseline for every benchmark figure: the smallest useful Streamlit page.

It applies the same server-process tuning as the guide's frame, so a comparison shows what the
guide's pages add, not a socket setting. BARE_APP_UNTUNED=1 runs it as Streamlit ships it.
"""

import os

import streamlit as st

from sciatica_guide.tuning import tune_server_process

if os.environ.get("BARE_APP_UNTUNED") != "1":
    tune_server_process()

st.title("Bare app")
st.markdown("One page with a title and a paragraph, run under the same server flags as the guide.")
