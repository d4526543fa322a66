const SVG_NS = "http://www.w3.org/2000/svg";

// Technique marks (issue 17): the data brings, for the chosen region, each technique that may be
// drawn (its SVG group and its words) and why others are not. Showing one is client-side only:
// no rerun. The choice lasts while the region offers that technique.
function drawMarks(parentElement, wrap, svg, marks) {
  let box = parentElement.querySelector(".bm-mk");
  if (!box) {
    box = document.createElement("div");
    box.className = "bm-mk";
    box.dataset.shown = "";
  }
  if (box.previousElementSibling !== wrap) {
    wrap.after(box);
  }
  const key = JSON.stringify(marks || {});
  // Rebuild only when the region or the answers change (or the drawing was rebuilt).
  if (box.marksKey !== key || svg.marksKey !== key) {
    box.marksKey = key;
    svg.marksKey = key;
    buildMarks(box, svg, marks || {});
  }
  applyMarks(box, svg, marks || {});
}

function buildMarks(box, svg, marks) {
  svg.querySelectorAll(".bm-marks").forEach((el) => el.remove());
  box.replaceChildren();
  const techniques = marks.techniques || [];
  const blocked = marks.blocked || [];
  box.hidden = !marks.region || (!techniques.length && !blocked.length);
  if (box.hidden) {
    return;
  }
  const view = svg.querySelector(`.bm-view[data-view="${marks.view}"]`);
  const labels = view.querySelector(".bm-labels");
  techniques.forEach((t) => {
    const holder = document.createElementNS(SVG_NS, "g");
    holder.innerHTML = t.svg;
    // Under the region's name, over everything else; taps go through to the regions.
    view.insertBefore(holder.firstElementChild, labels);
  });
  if (!techniques.some((t) => t.id === box.dataset.shown)) {
    box.dataset.shown = "";
  }
  if (techniques.length) {
    const group = document.createElement("div");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", marks.chooser);
    const title = document.createElement("p");
    title.className = "bm-mk-title";
    title.textContent = marks.chooser;
    title.setAttribute("aria-hidden", "true");
    const buttons = document.createElement("div");
    buttons.className = "bm-mk-buttons";
    techniques.forEach((t) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "bm-mk-button";
      button.dataset.technique = t.id;
      button.textContent = t.name;
      button.addEventListener("click", () => {
        box.dataset.shown = box.dataset.shown === t.id ? "" : t.id;
        applyMarks(box, svg, marks);
      });
      buttons.appendChild(button);
    });
    group.append(title, buttons);
    box.appendChild(group);
  }
  blocked.forEach((text) => {
    const p = document.createElement("p");
    p.className = "bm-mk-blocked";
    p.textContent = text;
    box.appendChild(p);
  });
  const words = document.createElement("div");
  words.className = "bm-mk-words";
  words.setAttribute("aria-live", "polite");
  box.appendChild(words);
}

function applyMarks(box, svg, marks) {
  const shown = box.dataset.shown || "";
  svg.dataset.marks = shown ? "on" : "off";
  svg.querySelectorAll(".bm-marks").forEach((el) => {
    el.classList.toggle("is-shown", el.dataset.technique === shown);
  });
  box.querySelectorAll(".bm-mk-button").forEach((el) => {
    el.setAttribute("aria-pressed", String(el.dataset.technique === shown));
  });
  const words = box.querySelector(".bm-mk-words");
  if (!words) {
    return;
  }
  const technique = (marks.techniques || []).find((t) => t.id === shown);
  if (words.dataset.shown === shown) {
    return;
  }
  words.dataset.shown = shown;
  words.replaceChildren();
  if (!technique) {
    return;
  }
  const heading = document.createElement("h4");
  heading.textContent = technique.name;
  words.appendChild(heading);
  technique.notes.forEach((text) => {
    const p = document.createElement("p");
    p.textContent = text;
    words.appendChild(p);
  });
  const list = document.createElement("ul");
  technique.words.forEach((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    list.appendChild(item);
  });
  words.appendChild(list);
}

// Where the panel is below the figure (phones; a tablet with the sidebar open), a tap's answer
// would be out of sight: a bar above the figure names the region and says the panel's first
// line (its warning, action first). It stays at the top of the screen while the map is there.
// Words only: the panel below says the same, so screen readers skip the bar.
function drawBar(wrap, data) {
  let bar = wrap.querySelector(".bm-now");
  if (!data.prompt) {
    if (bar) {
      bar.remove();
    }
    return () => {};
  }
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "bm-now";
    bar.setAttribute("aria-hidden", "true");
    // A warning's call link: the only thing in the bar that takes a tap. Out of the Tab order
    // and hidden from screen readers like the rest of the bar: the panel below has the same link.
    bar.innerHTML =
      '<div class="bm-now-text"><p class="bm-now-name"></p><p class="bm-now-line"></p></div>' +
      '<a class="bm-now-call" tabindex="-1" hidden></a>';
    wrap.prepend(bar);
  }
  const name = bar.querySelector(".bm-now-name");
  const line = bar.querySelector(".bm-now-line");
  const call = bar.querySelector(".bm-now-call");
  const place = () => {
    const panel = document.querySelector(".st-key-bm-panel");
    if (panel && wrap.placeObserver && wrap.placedPanel !== panel) {
      // The panel can come (or be redrawn) after the map without the page changing size: watch
      // it too, or the bar would stay hidden on a phone whose panel is below the map.
      wrap.placeObserver.observe(panel);
      wrap.placedPanel = panel;
    }
    const bottom = wrap.getBoundingClientRect().bottom;
    const below = Boolean(panel) && panel.getBoundingClientRect().top >= bottom - 1;
    wrap.dataset.stacked = String(below);
    // Stick below the app's header bar (a fixed <header> over the page's top edge).
    const header = document.querySelector("header");
    const top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    wrap.style.setProperty("--bm-now-top", `${Math.round(top)}px`);
  };
  if (!wrap.placeObserver) {
    wrap.placeObserver = new ResizeObserver(() => requestAnimationFrame(place));
    wrap.placeObserver.observe(document.documentElement);
    wrap.placeObserver.observe(wrap);
  }
  requestAnimationFrame(place);
  return (selected) => {
    requestAnimationFrame(place);
    const brief = (data.brief || {})[selected];
    name.textContent = brief ? brief.name : "";
    line.textContent = brief ? brief.line : data.prompt;
    bar.classList.toggle("is-check", Boolean(brief && brief.check));
    // Only a tel: address (built on the server from a country pack's digits) becomes a link.
    const phone = brief && brief.call;
    const callable = Boolean(phone && String(phone.href).startsWith("tel:"));
    call.hidden = !callable;
    bar.classList.toggle("has-call", callable);
    if (callable) {
      call.href = phone.href;
      call.textContent = phone.words;
    } else {
      call.removeAttribute("href");
      call.textContent = "";
    }
  };
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let wrap = parentElement.querySelector(".bm-wrap");
  // Build the drawing once; later runs only change attributes, so keyboard focus stays put.
  if (!wrap || wrap.dataset.hash !== data.hash) {
    if (wrap) {
      wrap.remove();
    }
    wrap = document.createElement("div");
    wrap.className = "bm-wrap";
    wrap.dataset.hash = data.hash;
    wrap.innerHTML = data.svg;
    parentElement.appendChild(wrap);
  }
  const svg = wrap.querySelector("svg");
  const bar = drawBar(wrap, data);
  const multi = Boolean(data.multi);
  if (multi) {
    // Several places (the self-assessment): the server's set, unless a newer tap of this
    // page still waits for its answer (then the set drawn for that tap stays).
    const seq = Number(data.seq) || 0;
    wrap.seq = Math.max(wrap.seq || 0, seq);
    if (!wrap.pending || seq >= wrap.pending) {
      wrap.pending = 0;
      wrap.chosen = new Set(data.chosen || []);
    }
  }
  const isOn = (id, selected) => (multi ? wrap.chosen.has(id) : id === selected);
  const show = (selected) => {
    bar(selected);
    svg.querySelectorAll(".bm-region").forEach((el) => {
      el.setAttribute("aria-pressed", String(isOn(el.dataset.region, selected)));
    });
    svg.querySelectorAll(".bm-label").forEach((el) => {
      el.classList.toggle("is-shown", isOn(el.dataset.labelFor, selected));
    });
    svg.dataset.selected = multi ? "" : selected || "";
  };
  svg.dataset.view = data.view;
  wrap.dataset.view = data.view;
  // "both" (presenter mode) puts the front view to the right of the back view.
  const box = svg.dataset.box || svg.getAttribute("viewBox");
  svg.dataset.box = box;
  const [boxX, boxY, boxW, boxH] = box.split(" ").map(Number);
  const front = svg.querySelector('.bm-view[data-view="front"]');
  if (data.view === "both") {
    // A gap between the views keeps their "your left / your right" names apart.
    const gap = boxW / 8;
    svg.setAttribute("viewBox", `${boxX} ${boxY} ${boxW * 2 + gap} ${boxH}`);
    front.setAttribute("transform", `translate(${boxW + gap} 0)`);
  } else {
    svg.setAttribute("viewBox", box);
    front.removeAttribute("transform");
  }
  svg.dataset.nerve = data.nerve ? "on" : "off";
  svg.dataset.roots = data.roots ? "on" : "off";
  show(data.selected);
  drawMarks(parentElement, wrap, svg, data.marks);

  // Streamlit calls this function again on every run without calling the cleanup it returned
  // (that runs on unmount only): the last run's listeners go first (before this run's are
  // added: its bus listeners are the component's one set), or one tap would be taken once per
  // run since the map was drawn.
  if (wrap.off) {
    wrap.off();
    wrap.off = null;
  }
  const bus = guideBus();
  const choose = (region) => {
    const id = region.dataset.region;
    if (multi) {
      // On or off at once; the whole set goes with its number, so a tap that Streamlit
      // folds into the next one is not lost.
      if (wrap.chosen.has(id)) {
        wrap.chosen.delete(id);
      } else {
        wrap.chosen.add(id);
      }
      wrap.seq += 1;
      wrap.pending = wrap.seq;
      show(null);
      setTriggerValue("select", { chosen: [...wrap.chosen], seq: wrap.seq });
      return;
    }
    // Show the choice at once; Python confirms it.
    show(id);
    if (!data.relay) {
      setTriggerValue("select", id);
      return;
    }
    // The marks drawn belong to the region before: gone until the server sends this one's.
    if ((data.marks || {}).region !== id) {
      drawMarks(parentElement, wrap, svg, {});
    }
    bus.seq += 1;
    bus.emit("tap", { region: id, seq: bus.seq });
  };
  const offBus = data.relay
    ? listen(parentElement, {
        selected: ({ region, marks }) => {
          data.marks = marks;
          show(region);
          drawMarks(parentElement, wrap, svg, marks);
        },
        resend: (tap) => setTriggerValue("select", tap),
      })
    : () => {};
  const onClick = (event) => {
    const region = event.target.closest(".bm-region");
    if (region) {
      choose(region);
    }
  };
  const onKey = (event) => {
    if (event.key !== "Enter" && event.key !== " ") {
      return;
    }
    const region = event.target.closest(".bm-region");
    if (region) {
      event.preventDefault();
      choose(region);
    }
  };
  svg.addEventListener("click", onClick);
  svg.addEventListener("keydown", onKey);
  wrap.off = () => {
    svg.removeEventListener("click", onClick);
    svg.removeEventListener("keydown", onKey);
    offBus();
  };
  return wrap.off;
}
