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
      box.open(link.dataset.technique);
    });
  }
  box.open = (technique) => setTriggerValue("open", technique);
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
    box.innerHTML = html;
    box.shown = html;
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
