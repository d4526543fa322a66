from sciatica_guide.ui.state import get_content, get_settings
from sciatica_guide.workshop.room_questions_ui import render_review_page

content = get_content()
render_review_page(content, get_settings(), content.page("room-questions").title)
