"""The Join button says "Joining…" from the moment it is tapped until the room's page opens.

Under load the room's page can take a few seconds to come; a button that shows nothing in that
time invites a second tap. This tiny component (no iframe, nothing drawn) listens for a tap on the
Join button of one box (found by its st-key class, the guide's own key) or Enter in its code
field, and shows the words at once, in the browser, and marks the button busy for screen readers.
The tap itself goes to the server as ever: this changes only what the button says.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function ({ data }) {
  const box = () => document.querySelector(`.st-key-${data.box}`);
  const show = () => {
    const button = box()?.querySelector("button");
    if (!button) return;
    const label = button.querySelector("p") || button;
    label.textContent = data.pending;
    button.setAttribute("aria-busy", "true");
  };
  const onClick = (event) => {
    const button = box()?.querySelector("button");
    if (button && button.contains(event.target)) show();
  };
  const onKey = (event) => {
    if (event.key === "Enter" && box()?.querySelector("input")?.contains(event.target)) show();
  };
  document.addEventListener("click", onClick, true);
  document.addEventListener("keydown", onKey, true);
  // Says which box's words are ready (the browser tests wait for it: on a slow phone this script
  // can arrive after the button, and a tap before it still joins, only without the words).
  document.documentElement.dataset.joiningReady = data.box;
  return () => {
    document.removeEventListener("click", onClick, true);
    document.removeEventListener("keydown", onKey, true);
    delete document.documentElement.dataset.joiningReady;
  };
}
"""

_joining = st.components.v2.component("sciatica_guide.joining", js=_JS)


def joining_feedback(box_key: str, pending: str) -> None:
    """Show `pending` on the Join button of the container keyed `box_key` once it is tapped."""
    # Keyed "workshop-joining-…": guide.css gives it no room on the page.
    _joining(key=f"workshop-joining-{box_key}", data={"box": box_key, "pending": pending})
