"""Workshop rooms: phones in a room follow what the presenter shows.

Pure parts (codes, store, follow) know nothing of Streamlit; ui.py and its helpers draw the pages.
"""
