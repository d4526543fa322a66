"""Sciatica & Massage Guide: content models, rules and rendering helpers for the Streamlit app."""

from pathlib import Path

#: The repository root: app.py, app_pages/ and content/ live here.
APP_ROOT = Path(__file__).resolve().parent.parent
