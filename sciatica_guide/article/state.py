"""Every session key of the article feature, in one place."""

#: The section on screen. Not about the person, so "Start over" leaves it alone.
STEP_KEY = "present.step"
