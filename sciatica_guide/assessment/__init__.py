"""The self-assessment: safety screen, where and how much it hurts, what changes massage.

Rules are pure functions (rules.py) giving a Result; report.py turns it into one Report of words
from content/assessment.yaml, which the screen (result_view.py), the PDF and the text summary
(export.py, made in memory) all render. state.py owns the session keys, actions.py the buttons,
steps_view.py the question screens and view.py the page.
"""

from sciatica_guide.assessment.rules import Answers, AreaPlan, Result, evaluate

__all__ = ["Answers", "AreaPlan", "Result", "evaluate"]
