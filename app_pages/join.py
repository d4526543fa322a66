from sciatica_guide.ui.state import get_content, get_settings
from sciatica_guide.workshop.participant_ui import render_join_page

render_join_page(get_content(), get_settings())
