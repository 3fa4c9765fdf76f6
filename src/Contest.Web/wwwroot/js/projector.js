// The projector page: watches one event over SignalR and draws whatever the director shows.
// Every piece of text from the server goes through textContent, never innerHTML.
(() => {
  "use strict";
  const root = document.getElementById("screen");
  const stage = root.querySelector(".stage");
  const offline = document.querySelector(".offline");
  const token = root.dataset.token;
  const renderers = {};
  let current = null;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  window.ContestProjector = { register: (kind, fn) => { renderers[kind] = fn; }, el };

  renderers.Welcome = () => el("div", "welcome");
  renderers.Join = (c) => {
    const box = el("div", "join");
    const left = el("div", "join-text");
    left.append(el("p", "join-at", root.dataset.joinAt), el("p", "join-url", location.host + "/play"),
      el("p", "pin-label", root.dataset.pinLabel), el("p", "pin", c.pin));
    const qr = el("img", "qr");
    qr.alt = "QR " + c.pin;
    qr.src = "/join-qr/" + encodeURIComponent(c.pin) + ".svg";
    box.append(left, qr);
    return box;
  };
  renderers.Slide = (c) => {
    const box = el("div", "slide");
    box.append(el("h2", "slide-title", c.title));
    for (const para of (c.text || "").split(/\n+/)) if (para.trim()) box.append(el("p", "slide-text", para));
    return box;
  };

  function show(view) {
    current = view;
    const b = view.branding;
    document.documentElement.style.setProperty("--brand", b.primary);
    document.documentElement.style.setProperty("--accent", b.accent);
    root.querySelector(".event-title").textContent = b.title;
    root.querySelector(".event-subtitle").textContent = b.subtitle || "";
    const logo = root.querySelector(".logo");
    if (b.logoUrl) { logo.src = b.logoUrl; logo.hidden = false; } else { logo.hidden = true; }
    const render = renderers[view.kind] || renderers.Welcome;
    const node = render(view.content || {}, view);
    node.classList.add("enter");
    stage.replaceChildren(node);
    root.dataset.kind = view.kind;
  }

  function revoked() {
    connection.stop();
    root.replaceChildren(el("p", "revoked-text", root.dataset.revoked));
    root.classList.add("revoked");
    root.dataset.testid = "revoked";
    root.setAttribute("data-testid", "revoked");
    offline.hidden = true;
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/projector")
    // A projector must come back by itself however long the outage: retry forever, at most every 3 s.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(500 * (ctx.previousRetryCount + 1), 3000) })
    .build();
  connection.on("Show", show);
  connection.on("Revoked", revoked);
  connection.onreconnecting(() => { offline.hidden = false; });
  connection.onreconnected(() => watch());
  connection.onclose(() => { if (!root.classList.contains("revoked")) { offline.hidden = false; setTimeout(start, 2000); } });

  async function watch() {
    try {
      show(await connection.invoke("Watch", token));
      offline.hidden = true;
    } catch (e) {
      if (String(e).includes("revoked")) revoked();
      else throw e;
    }
  }

  async function start() {
    try {
      await connection.start();
      await watch();
    } catch {
      offline.hidden = false;
      setTimeout(start, 2000);
    }
  }
  start();
})();
