"""A bare Streamlit app that shows Streamlit's "Cached ForwardMsg MISS" on a slow link.

One radio and one Markdown element of about 12 kB (above Streamlit's 10 kB
`global.minCachedMessageSize`) whose text depends on the choice. Used by test_slow_link.py to
show that the dead session is Streamlit's, not the guide's, and that the guide's configuration
avoids it.
"""

import streamlit as st

choice = st.radio("Choose", ["A", "B", "C", "D"], horizontal=True)
st.markdown(f"## Chosen: {choice}\n\n" + f"{choice} filler text. " * 800)
