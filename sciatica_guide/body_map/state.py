"""Every session key of the body map, in one place. Widget keys start with session.PREFIX, so
"Start over" forgets them with the selection."""

from sciatica_guide import session

MAP_KEY = session.PREFIX + "body_map.map"
LIST_KEY = session.PREFIX + "body_map.list"
VIEW_KEY = session.PREFIX + "body_map.view"
NERVE_KEY = session.PREFIX + "body_map.nerve"
ROOTS_KEY = session.PREFIX + "body_map.roots"
#: A tap to take at the start of the next run (see render_body_map_page).
PENDING_KEY = session.PREFIX + "body_map.pending"
RELAY_KEY = session.PREFIX + "body_map.relay"
PANEL_KEY = session.PREFIX + "body_map.panel"
#: The number of the last tap the server has taken (relay.py).
SEQ_KEY = session.PREFIX + "body_map.seq"
#: The view the last page run drew: a fragment run that changes it runs the page again.
DRAWN_VIEW_KEY = session.PREFIX + "body_map.drawn_view"
