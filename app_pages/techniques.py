from sciatica_guide.article.techniques_page import render_techniques_page
from sciatica_guide.ui.state import get_content

render_techniques_page(get_content(), "techniques")
