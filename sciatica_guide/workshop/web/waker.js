// A followed phone's room waker (workshop/wake.py): one request waits on the guide's own server
// until the room moves on, then the followed part of the page runs. Nothing is drawn.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const state = parentElement.guideWaker || (parentElement.guideWaker = {});
  const stop = () => {
    if (state.controller) state.controller.abort();
    clearTimeout(state.retry);
  };
  const wanted = JSON.stringify([data.path, data.room, data.phone, data.version]);
  if (state.wanted === wanted && state.controller && !state.controller.signal.aborted) {
    return stop;
  }
  if (state.controller) {
    state.controller.abort();
  }
  clearTimeout(state.retry);
  state.wanted = wanted;
  const controller = new AbortController();
  state.controller = controller;
  const body = JSON.stringify({ room: data.room, phone: data.phone, after: data.version });
  const pause = (ms) =>
    new Promise((resolve) => {
      state.retry = setTimeout(resolve, ms);
    });

  async function wait() {
    let backoff = 1000;
    while (!controller.signal.aborted) {
      let response;
      try {
        response = await fetch(data.path, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body,
          cache: "no-store",
          credentials: "same-origin",
          signal: controller.signal,
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        // Offline or the server restarting: the page's own slower check covers the gap.
        await pause(backoff);
        backoff = Math.min(backoff * 2, data.max_backoff_ms);
        continue;
      }
      if (response.status === 204) {
        backoff = 1000;
        continue;
      }
      if (response.status === 200 || response.status === 409) {
        let version = -1;
        if (response.status === 200) {
          const answer = await response.json().catch(() => ({}));
          version = Number.isInteger(answer.version) ? answer.version : -1;
        }
        if (controller.signal.aborted) return;
        setTriggerValue("changed", version);
        // The run draws this waker again with the new version, which starts a new wait. If no
        // run came (a lost message), ask again a little later, which triggers again.
        await pause(data.again_ms);
        continue;
      }
      // Refused (404: clinic mode; 4xx: a page of an older version) or busy (503).
      await pause(backoff);
      backoff = Math.min(backoff * 2, data.max_backoff_ms);
    }
  }
  wait();
  return stop;
}
