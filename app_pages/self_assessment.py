from sciatica_guide.assessment.view import render_assessment_page
from sciatica_guide.ui.state import get_content, get_settings

render_assessment_page(get_content(), get_settings(), "self-assessment")
