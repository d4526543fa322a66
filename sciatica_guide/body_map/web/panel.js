export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let box = parentElement.querySelector(".bp");
  if (!box) {
    box = document.createElement("div");
    box.className = "bp";
    parentElement.appendChild(box);
    box.addEventListener("click", (event) => {
      const link = event.target.closest(".bp-more");
      // A new tab or window (modifier keys, middle button) follows the link itself.
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      // A movement's link says so (the server opens Beyond massage at that movement).
      const movement = link.dataset.movement;
      box.open(movement ? `movement:${movement}` : link.dataset.technique);
    });
  }
  box.open = (technique) => setTriggerValue("open", technique);
  const speech = guideSpeech((data.read || {}).lang);
  // "Read aloud" under the region's name, where an on-device voice exists: it reads the panel
  // as shown (closed parts stay unread); a second press, or another region, stops it.
  const reader = () => {
    const heading = box.querySelector("h3");
    let button = box.querySelector("button.bp-read");
    if (!heading || !data.read || !speech.localVoice()) {
      if (button) button.hidden = true;
      return;
    }
    const idle = () => {
      button.textContent = data.read.start;
      button.setAttribute("aria-pressed", "false");
    };
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "ra-button bp-read";
      heading.after(button);
      idle();
    }
    button.hidden = false;
    button.onclick = () => {
      if (button.getAttribute("aria-pressed") === "true") {
        speech.stop();
        idle();
        return;
      }
      const words = [...box.children]
        .filter((el) => el !== button)
        .map((el) => el.innerText.trim())
        .filter(Boolean)
        .join("\n");
      if (speech.speak(words, idle)) {
        button.textContent = data.read.stop;
        button.setAttribute("aria-pressed", "true");
      }
    };
  };
  speech.watch(box, reader);
  // Says the new region's name to screen readers after a tap (the panel itself is not live:
  // it would read the whole panel).
  let status = parentElement.querySelector(".bp-status");
  if (!status) {
    status = document.createElement("p");
    status.className = "bp-status";
    status.setAttribute("role", "status");
    parentElement.appendChild(status);
  }
  const show = (region, announce) => {
    const html = region ? data.panels[region] : data.prompt;
    if (html === undefined || box.shown === html) {
      return;
    }
    if (box.querySelector('button.bp-read[aria-pressed="true"]')) {
      speech.stop();
    }
    box.innerHTML = html;
    box.shown = html;
    reader();
    box.dataset.shown = region || "";
    const heading = box.querySelector("h3");
    if (announce && heading) {
      status.textContent = heading.textContent;
    }
  };
  show(data.selected, false);
  return listen(parentElement, {
    tap: ({ region }) => show(region, true),
    selected: ({ region }) => show(region, true),
  });
}
