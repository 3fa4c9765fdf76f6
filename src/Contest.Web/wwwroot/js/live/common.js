// Shared by the host screen and the player page: the hub connection, error text and option shapes.
window.Live = (() => {
  const shapes = ['▲', '◆', '●', '■', '★', '⬟'];
  const shapeNames = ['triangle', 'diamond', 'circle', 'square', 'star', 'pentagon'];

  function connect() {
    return new signalR.HubConnectionBuilder()
      .withUrl('/hubs/live')
      // Flaky 4G: keep retrying for good, a little slower each time.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(500 + ctx.previousRetryCount * 1000, 5000) })
      .build();
  }

  // A refusal arrives as "... HubException: code: reason".
  function refusal(err, T) {
    const m = /HubException: ([a-z-]+): (.*)$/s.exec(String(err && err.message || err));
    if (!m) return String(err && err.message || err);
    return T['Err.' + m[1]] || m[2];
  }

  // Several nodes: while a game changes server the hub refuses with "busy" or "moved" (docs/live-protocol.md,
  // "Retrying"). Such a call is tried again after 0.25, 0.5, 1, 2 and then every 4 s, about 30 s in all;
  // waiting(true) while it waits, waiting(false) once it is settled. beforeRetry, when given, runs before each
  // retry and may return a value instead of retrying (a host command that took effect after all: "busy" after a
  // timeout can mean the owner did it); if it is refused "busy" too, the command waits for the next round.
  const retryable = e => /\b(busy|moved): /.test(String(e && e.message || e));
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  async function invokeRetrying(conn, opts, method, ...args) {
    const { waiting = () => {}, beforeRetry = null } = opts || {};
    let check = false;
    for (let attempt = 0; ; attempt++) {
      try {
        if (check) {
          const settled = await beforeRetry();
          check = false;
          if (settled !== undefined) { waiting(false); return settled; }
        }
        const result = await conn.invoke(method, ...args);
        waiting(false);
        return result;
      } catch (e) {
        if (!retryable(e) || attempt >= 10) { waiting(false); throw e; }
        waiting(true);
        check = !!beforeRetry;
        await sleep(Math.min(250 * 2 ** attempt, 4000));
      }
    }
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c.nodeType ? c : document.createTextNode(String(c)));
    return e;
  }

  function countdown(node, remainingMs, label) {
    const end = Date.now() + remainingMs;
    const tick = () => {
      const s = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      node.textContent = s;
      node.setAttribute('aria-label', s + ' ' + label);
      if (s > 0 && node.isConnected) node._timer = setTimeout(tick, 250);
    };
    tick();
  }

  return { connect, refusal, retryable, invokeRetrying, el, countdown, shapes, shapeNames };
})();
