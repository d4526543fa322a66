from sciatica_guide.article.page import render_article_page
from sciatica_guide.ui.state import get_content

render_article_page(get_content(), "techniques")
