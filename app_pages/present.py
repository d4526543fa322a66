from sciatica_guide.article.presenter import render_presenter
from sciatica_guide.ui.state import get_content, get_settings

render_presenter(get_content(), get_settings())
