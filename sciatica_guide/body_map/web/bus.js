function guideBus() {
  if (!window.sciaticaGuideBus) {
    const target = new EventTarget();
    window.sciaticaGuideBus = {
      // The last tap number given out, and the tap still waiting for the server (0: none).
      seq: 0,
      pending: 0,
      on(name, handler) {
        const listener = (event) => handler(event.detail);
        target.addEventListener(name, listener);
        return () => target.removeEventListener(name, listener);
      },
      emit(name, detail) {
        target.dispatchEvent(new CustomEvent(name, { detail }));
      },
    };
  }
  return window.sciaticaGuideBus;
}

// One set of bus listeners per component instance: replaced on each call, removed on unmount.
function listen(parentElement, handlers) {
  const bus = guideBus();
  (parentElement.guideOff || []).forEach((off) => off());
  parentElement.guideOff = Object.entries(handlers).map(([name, h]) => bus.on(name, h));
  return () => {
    (parentElement.guideOff || []).forEach((off) => off());
    parentElement.guideOff = [];
  };
}
