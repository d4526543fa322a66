"""Benchmarks of the guide against a bare Streamlit app: python -m benchmarks.run."""
