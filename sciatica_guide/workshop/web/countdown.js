// The knowledge check's countdown (workshop/countdown.py): the time left to answer, counted by
// the browser from what the server said was left, and one "ended" event when it reaches zero,
// which runs the page (or the phone's followed part) again to show that answers are closed.
const SPOKEN_AT = [30, 20, 10, 5];

function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const state = parentElement.guideCountdown || (parentElement.guideCountdown = {});
  let box = parentElement.querySelector(".countdown");
  if (!box) {
    box = document.createElement("div");
    box.className = "countdown";
    // role=timer is not read out on every tick; the spoken line says the few times that matter.
    box.innerHTML =
      '<p class="left" role="timer"></p><div class="track"><div class="bar"></div></div>' +
      '<p class="spoken" aria-live="polite"></p>';
    parentElement.appendChild(box);
  }
  box.classList.toggle("large", Boolean(data.large));
  const left = box.querySelector(".left");
  const bar = box.querySelector(".bar");
  const spoken = box.querySelector(".spoken");
  const total = Math.max(1, data.total);
  // Each run says again what is left: the browser's clock counts from there, so a phone whose
  // clock is wrong still counts the same seconds as the projector.
  state.deadline = performance.now() + data.seconds_left * 1000;
  state.key = data.id;
  clearInterval(state.timer);

  function tick() {
    const seconds = (state.deadline - performance.now()) / 1000;
    left.textContent = data.words.left.replace("{time}", clock(seconds));
    bar.style.width = `${Math.max(0, Math.min(1, seconds / total)) * 100}%`;
    const whole = Math.ceil(seconds);
    if (SPOKEN_AT.includes(whole) && state.spokenAt !== whole) {
      state.spokenAt = whole;
      spoken.textContent = data.words.spoken.replace("{seconds}", String(whole));
    }
    if (seconds <= 0) {
      clearInterval(state.timer);
      left.textContent = data.words.up;
      spoken.textContent = data.words.up;
      if (state.ended !== data.id) {
        state.ended = data.id;
        setTriggerValue("ended", data.id);
      }
    }
  }
  tick();
  state.timer = setInterval(tick, 250);
  return () => clearInterval(state.timer);
}
