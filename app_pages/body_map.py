from sciatica_guide.body_map.page import render_body_map_page
from sciatica_guide.ui.state import get_content, get_mode, get_settings

render_body_map_page(get_content(), get_settings(), "body-map", get_mode())
