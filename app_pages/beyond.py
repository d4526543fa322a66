from sciatica_guide.article.page import render_article_page
from sciatica_guide.movements.view import render_movements
from sciatica_guide.ui.state import get_content

render_article_page(get_content(), "beyond", after=render_movements)
