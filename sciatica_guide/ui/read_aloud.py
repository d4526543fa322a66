"""Read aloud: a button that reads a text with the browser's own speech, on-device voices only.

Only a voice the browser marks as local (`SpeechSynthesisVoice.localService`) is used, so the
words never leave the device; where there is no such voice for the text's language the button
is not shown. A second tap stops. The text is plain words (set as an utterance, never markup).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from sciatica_guide.content import Content

#: The button: a second tap stops; a new text stops what was being read.
_JS = """
export default function ({ data, parentElement }) {
  const speech = guideSpeech(data.lang);
  let button = parentElement.querySelector("button.ra-button");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "ra-button";
    button.hidden = true;
    parentElement.appendChild(button);
  }
  const idle = () => {
    button.textContent = data.start;
    button.setAttribute("aria-pressed", "false");
  };
  const update = () => { button.hidden = !speech.localVoice(); };
  if (button.dataset.text !== data.text) {
    if (speech.speaking()) speech.stop();
    button.dataset.text = data.text;
    idle();
  }
  update();
  speech.watch(button, update);
  button.onclick = () => {
    if (button.getAttribute("aria-pressed") === "true") {
      speech.stop();
      idle();
      return;
    }
    if (!speech.speak(button.dataset.text, idle)) { update(); return; }
    button.textContent = data.stop;
    button.setAttribute("aria-pressed", "true");
  };
}
"""


#: The browser's speech, on-device voices only, and its button's look (both also used by the
#: body map's panel).
SPEECH_JS = (Path(__file__).with_name("web") / "speech.js").read_text(encoding="utf-8")
SPEECH_CSS = (Path(__file__).with_name("web") / "speech.css").read_text(encoding="utf-8")

# Not isolated: the page's stylesheet sees whether the button is hidden, and then takes the
# element out of the layout (guide.css), so a device without a voice gets no gap.
_read_aloud = st.components.v2.component(
    "sciatica_guide.read_aloud", js=SPEECH_JS + "\n" + _JS, css=SPEECH_CSS, isolate_styles=False
)


def read_aloud_words(content: Content) -> dict[str, str]:
    """The button's words and the language its voice must speak."""
    words = content.site.reading
    return {"start": words.read_aloud, "stop": words.stop_reading, "lang": content.language}


def render_read_aloud(content: Content, text: str, *, key: str) -> None:
    """A "Read aloud" button for `text` (plain words), shown only where an on-device voice
    for the guide's language exists."""
    _read_aloud(key=key, data={"text": text, **read_aloud_words(content)})
