from sciatica_guide.article.sources_page import render_sources_page
from sciatica_guide.ui.state import get_content, get_mode, get_settings

render_sources_page(get_content(), get_settings(), "sources", get_mode())
