from sciatica_guide.ui.presenter_view import render_presenter
from sciatica_guide.ui.state import get_content, get_settings

render_presenter(get_content(), get_settings())
