"""The self-assessment: safety screen, where and how much it hurts, what changes massage.

Rules are pure functions (rules.py), words come from content/assessment.yaml (summary.py builds
them), exports are made in memory (export.py) and Streamlit rendering is in view.py.
"""

from sciatica_guide.assessment.rules import Answers, AreaPlan, Result, evaluate

__all__ = ["Answers", "AreaPlan", "Result", "evaluate"]
