// Shared by the host screen and the player page: the hub connection, refusal text, the server clock and the answer palette.
window.Live = (() => {

  function connect() {
    return new signalR.HubConnectionBuilder()
      .withUrl('/hubs/live')
      // Flaky 4G: keep retrying for good, a little slower each time.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(500 + ctx.previousRetryCount * 1000, 5000) })
      .build();
  }

  // A refusal arrives as "... HubException: code: reason"; its words come from the one table (errors.js), the
  // screen's own (context "play" or "host") first.
  function refusal(err, context) {
    const m = /HubException: ([a-z-]+): (.*)$/s.exec(String(err && err.message || err));
    if (!m) return String(err && err.message || err);
    // "too-many" carries the seconds to wait in its reason ("... wait 42 s."), its words' {0}.
    const seconds = m[1] === 'too-many' ? [(/\d+/.exec(m[2]) || [''])[0]] : undefined;
    return Errors.text(m[1], context, seconds) || m[2];
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

  // The server's clock as seen from here: offset = serverNow − (t0 + t1) / 2 from the ping with the shortest round
  // trip (the one least skewed by a slow network). Until measured, a countdown runs from the remainingMs that came with
  // the question. The server alone decides lateness; this only makes the display honest.
  const clock = { offset: 0, rtt: Infinity, synced: false };
  async function syncClock(conn, pings = 5) {
    for (let i = 0; i < pings; i++) {
      const t0 = Date.now();
      let server;
      try { server = await conn.invoke('ServerTime'); } catch { return clock; }
      const t1 = Date.now();
      if (t1 - t0 < clock.rtt) { clock.rtt = t1 - t0; clock.offset = server - (t0 + t1) / 2; clock.synced = true; }
    }
    return clock;
  }
  const serverNow = () => Date.now() + clock.offset;

  // One countdown per page (a host or a phone shows one question at a time): a ring that empties plus the seconds.
  // q: { deadline (ISO, server time), remainingMs, timeLimitMs }; paused: the clock stands at remainingMs.
  const SVG = 'http://www.w3.org/2000/svg';
  let active = null;
  function countdown(node, q, label, paused) {
    if (active) active.stop();
    let received = Date.now();
    const total = Math.max(1, q.timeLimitMs || q.remainingMs || 1);
    let deadline = q.deadline ? Date.parse(q.deadline) : NaN;
    let frozen = paused ? q.remainingMs : null;
    const left = () => {
      if (frozen !== null) return frozen;
      if (clock.synced && !Number.isNaN(deadline)) return Math.max(0, deadline - serverNow());
      return Math.max(0, q.remainingMs - (Date.now() - received));
    };
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 100 100');
    svg.setAttribute('aria-hidden', 'true');
    const track = document.createElementNS(SVG, 'circle');
    const arc = document.createElementNS(SVG, 'circle');
    for (const c of [track, arc]) { c.setAttribute('cx', 50); c.setAttribute('cy', 50); c.setAttribute('r', 44); }
    track.setAttribute('class', 'ring-track');
    arc.setAttribute('class', 'ring-arc');
    const C = 2 * Math.PI * 44;
    arc.setAttribute('stroke-dasharray', C.toFixed(1));
    svg.append(track, arc);
    const num = el('span', { class: 'ring-num', 'data-testid': 'seconds' });
    node.classList.add('ring');
    node.setAttribute('role', 'timer');
    node.replaceChildren(svg, num);
    let shown = null;
    let attached = false;
    const tick = () => {
      // A countdown whose screen was replaced stops by itself.
      if (node.isConnected) attached = true;
      else if (attached) { active && active.node === node ? active.stop() : clearInterval(timer); return; }
      const ms = left();
      const s = Math.ceil(ms / 1000);
      arc.setAttribute('stroke-dashoffset', (C * (1 - ms / total)).toFixed(1));
      if (s !== shown) {
        shown = s;
        num.textContent = s;
        node.setAttribute('aria-label', s + ' ' + label);
        node.classList.toggle('urgent', s <= 5);
        document.dispatchEvent(new CustomEvent('live:second', { detail: { left: s, paused: frozen !== null } }));
      }
    };
    const timer = setInterval(tick, 100);
    tick();
    active = {
      node,
      stop() { clearInterval(timer); if (active === this) active = null; },
      pause(remainingMs) { frozen = remainingMs; tick(); },
      // Resumed: the server moved the deadline by the pause; its remainingMs says where it is now.
      resume(remainingMs) { frozen = null; deadline = serverNow() + remainingMs; received = Date.now(); q = { ...q, remainingMs }; tick(); },
      left,
    };
    return active;
  }
  const activeCountdown = () => active;

  // Counted nouns in the page's language: T[key + '.one'] / T[key + '.other'], "{0}" for the number.
  const lang = document.documentElement.lang || 'vi';
  const rules = new Intl.PluralRules(lang);
  const numberFormat = new Intl.NumberFormat(lang);
  function plural(T, key, n) {
    const text = T[key + '.' + rules.select(n)] || T[key + '.other'] || T[key] || '';
    return text.replace('{0}', numberFormat.format(n));
  }

  // The answer palette (css/palette.css): colour, shape and letter per option, and how a screen reader names it.
  const letters = 'ABCDEFGH';
  const mark = () => el('span', { class: 'ans-mark', 'aria-hidden': 'true' });
  function answerName(T, i) {
    return (T['Ans.Label'] || '{0}, {1}').replace('{0}', letters[i] || String(i + 1)).replace('{1}', T['Ans.Shape.' + i] || '');
  }

  return { connect, refusal, retryable, invokeRetrying, el, syncClock, serverNow, clock, countdown, activeCountdown, plural, numberFormat, mark, answerName, letters };
})();
