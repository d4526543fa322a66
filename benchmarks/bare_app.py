"""A bare one-page Streamlit app: the baseline every benchmark figure is compared with."""

import streamlit as st

st.title("Bare Streamlit app")
st.write("One title and one paragraph, nothing else.")
