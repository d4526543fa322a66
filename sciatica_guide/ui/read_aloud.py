"""Read aloud: a button that reads a text with the browser's own speech, on-device voices only.

Only a voice the browser marks as local (`SpeechSynthesisVoice.localService`) is used, so the
words never leave the device; where there is no such voice for the text's language the button
is not shown. A second tap stops. The text is plain words (set as an utterance, never markup).
"""

from __future__ import annotations

import streamlit as st

from sciatica_guide.content import Content

_JS = """
export default function ({ data, parentElement }) {
  const synth = window.speechSynthesis;
  let button = parentElement.querySelector("button.ra-button");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "ra-button";
    button.hidden = true;
    parentElement.appendChild(button);
  }
  const lang = (data.lang || "en").toLowerCase();
  // On-device voices only: a network voice would send the words to a server.
  const localVoice = () => {
    if (!synth || typeof synth.getVoices !== "function") return null;
    return synth.getVoices().find(
      (v) => v.localService && (v.lang || "").toLowerCase().startsWith(lang)
    ) || null;
  };
  const idle = () => {
    button.textContent = data.start;
    button.setAttribute("aria-pressed", "false");
  };
  const update = () => { button.hidden = !localVoice(); };
  if (button.dataset.text !== data.text) {
    if (synth && synth.speaking) synth.cancel();
    button.dataset.text = data.text;
    idle();
  }
  update();
  if (synth && !button.dataset.watching) {
    button.dataset.watching = "yes";
    synth.addEventListener && synth.addEventListener("voiceschanged", update);
  }
  button.onclick = () => {
    if (button.getAttribute("aria-pressed") === "true") {
      synth.cancel();
      idle();
      return;
    }
    const voice = localVoice();
    if (!voice) { update(); return; }
    const utterance = new SpeechSynthesisUtterance(button.dataset.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.onend = idle;
    utterance.onerror = idle;
    synth.cancel();
    synth.speak(utterance);
    button.textContent = data.stop;
    button.setAttribute("aria-pressed", "true");
  };
}
"""

_CSS = """
.ra-button {
  min-height: 44px;
  padding: 0.25rem 0.9rem;
  border: 1px solid #0b6e69;
  border-radius: 0.5rem;
  background: #ffffff;
  color: #0b6e69;
  font: inherit;
  font-weight: 600;
  cursor: pointer;
}
.ra-button:focus-visible {
  outline: 3px solid #0b6e69;
  outline-offset: 2px;
}
.ra-button[hidden] {
  display: none;
}
"""

_read_aloud = st.components.v2.component("sciatica_guide.read_aloud", js=_JS, css=_CSS)


def render_read_aloud(content: Content, text: str, *, key: str) -> None:
    """A "Read aloud" button for `text` (plain words), shown only where an on-device voice
    for the guide's language exists."""
    words = content.site.reading
    _read_aloud(
        key=key,
        data={"text": text, "start": words.read_aloud, "stop": words.stop_reading, "lang": "en"},
    )
