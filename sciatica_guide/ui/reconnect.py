"""What a person sees while the guide cannot reach its server: plain words that it is reconnecting.

Streamlit's own notice, after a few failed tries, is a dialog titled "Connection error" saying
"Streamlit server is not responding. Are you connected to the internet?": it names software the
person has never heard of and suggests their internet is at fault, over a page that still looks
usable. Instead, while Streamlit is reconnecting, a banner across the top says what is going on
and that the guide is trying again by itself; Streamlit's dialog is hidden meanwhile.

There is no public Streamlit route for this, so it rests on two internals, kept here only:
- the connection state Streamlit writes on its app root (`.stApp[data-test-connection-state]`,
  "PINGING_SERVER" and "CONNECTING" while it retries, "CONNECTED" when it is back);
- its connection dialog being a `.stDialog` placed on the page's body.
tests/browser/test_reconnect.py fails when Streamlit changes either.

The words are here, not in content/: they must show when the server (and so the content) cannot
be reached, so they are part of the page's stylesheet, sent while the connection was still up.
"""

from __future__ import annotations

from functools import cache

#: The banner's words while Streamlit retries.
RECONNECTING_TEXT = (
    "Reconnecting… The guide has lost touch with its server and is trying again by itself. "
    "Please wait. If this lasts more than a minute, check that you are online and reload the page."
)
#: Streamlit's connection states while it retries (shown with the banner).
RETRYING_STATES = ("PINGING_SERVER", "CONNECTING")


def _css_string(text: str) -> str:
    """A CSS string literal: only backslash and double quote need escaping here."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@cache
def reconnect_style() -> str:
    """A <style> element: the banner while reconnecting, and Streamlit's dialog hidden then."""
    app = [f'.stApp[data-test-connection-state="{state}"]' for state in RETRYING_STATES]
    banner = ",\n".join(f"{selector}::before" for selector in app)
    dialog = ",\n".join(f"body:has({selector}) .stDialog" for selector in app)
    return f"""<style>
{banner} {{
  content: {_css_string(RECONNECTING_TEXT)};
  position: fixed;
  top: 0;
  left: 0;
  right: 0;
  z-index: 1000100;
  padding: 1rem 1.25rem;
  background: var(--g-notice-soft);
  color: var(--g-text);
  border-bottom: 3px solid var(--g-notice-line);
  font-size: 1.125rem;
  font-weight: 600;
  line-height: 1.4;
  text-align: center;
}}
{dialog} {{
  display: none;
}}
</style>"""
