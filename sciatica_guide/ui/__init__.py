"""Streamlit rendering helpers. Page scripts call these; the rules live elsewhere in the package."""
