from sciatica_guide.ui.article_view import render_article_page
from sciatica_guide.ui.handout_view import render_handout_button
from sciatica_guide.ui.state import get_content, get_settings

render_article_page(get_content(), "overview")
render_handout_button(get_content(), get_settings())
