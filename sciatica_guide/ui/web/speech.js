// The browser's own speech, on-device voices only (a network voice would send the words to a
// server). Shared by the read-aloud button and the body map's panel.
function guideSpeech(lang) {
  const synth = window.speechSynthesis;
  const wanted = (lang || "en").toLowerCase();
  const localVoice = () => {
    if (!synth || typeof synth.getVoices !== "function") return null;
    return (
      synth
        .getVoices()
        .find((v) => v.localService && (v.lang || "").toLowerCase().startsWith(wanted)) || null
    );
  };
  return {
    localVoice,
    speaking: () => Boolean(synth && synth.speaking),
    // Calls `changed` when the browser's voices arrive (they may come after the page).
    watch(owner, changed) {
      if (synth && synth.addEventListener && !owner.guideVoicesWatched) {
        owner.guideVoicesWatched = true;
        synth.addEventListener("voiceschanged", changed);
      }
    },
    speak(text, done) {
      const voice = localVoice();
      if (!voice) return false;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.onend = done;
      utterance.onerror = done;
      synth.cancel();
      synth.speak(utterance);
      return true;
    },
    stop() {
      if (synth) synth.cancel();
    },
  };
}
