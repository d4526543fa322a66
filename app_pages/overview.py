from sciatica_guide.article.handout_button import render_handout_button
from sciatica_guide.article.page import render_article_page
from sciatica_guide.settings import Mode
from sciatica_guide.ui.blocks import render_next_steps
from sciatica_guide.ui.state import get_content, get_mode, get_settings
from sciatica_guide.workshop.participant_ui import render_start_page_join

render_article_page(get_content(), "overview")
render_next_steps(get_content())
render_handout_button(get_content(), get_settings(), booklet=False)
# Last, small and closed: few patients are in a workshop (the QR code opens the join page).
if get_mode() is Mode.STANDARD:
    render_start_page_join(get_content())
