from sciatica_guide.ui.state import get_content, get_settings
from sciatica_guide.workshop.quiz_ui import render_presenter_quiz

render_presenter_quiz(get_content(), get_settings())
