export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const bus = guideBus();
  if (!parentElement.guideOff) {
    // Just mounted (the page was opened again): a tap left waiting on another page is gone.
    bus.pending = 0;
    clearTimeout(bus.resendTimer);
  }
  const off = listen(parentElement, {
    tap: ({ region, seq }) => {
      bus.pending = seq;
      setTriggerValue("select", { region, seq });
      clearTimeout(bus.resendTimer);
      bus.resendTimer = setTimeout(() => {
        if (bus.pending === seq) {
          bus.emit("resend", { region, seq });
        }
      }, data.resend_ms);
    },
  });
  // The server's answer. While a later tap waits for its own answer, an older one is dropped.
  if (!bus.pending || data.seq >= bus.pending) {
    bus.pending = 0;
    clearTimeout(bus.resendTimer);
    bus.emit("selected", { region: data.selected, seq: data.seq, marks: data.marks });
  }
  return off;
}
