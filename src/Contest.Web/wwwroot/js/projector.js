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
  let previous = null; // the view shown before the one being drawn

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
    qr.src = "/live/qr/" + encodeURIComponent(c.pin) + ".svg";
    box.append(left, qr);
    return box;
  };
  renderers.Slide = (c) => {
    const box = el("div", "slide");
    box.append(el("h2", "slide-title", c.title));
    if (c.imageUrl) {
      const img = el("img", "slide-image");
      img.alt = "";
      img.src = c.imageUrl;
      box.append(img);
    }
    for (const para of (c.text || "").split(/\n+/)) if (para.trim()) box.append(el("p", "slide-text", para));
    return box;
  };

  // A ranked list with bars. Rows are keyed by name so a re-render can animate each row from where it
  // was to where it is now (rank changes are what the hall watches for).
  const lastTops = new Map();
  function board(b, testid) {
    const wrap = el("div", "board");
    if (b.title) wrap.append(el("h2", null, b.title));
    if (b.caption) wrap.append(el("p", "caption", b.caption));
    const list = el("ol", "rows");
    list.setAttribute("aria-label", b.title || "");
    if (testid) list.dataset.testid = testid;
    if ((b.rows || []).length > 6) list.classList.add("dense");
    for (const r of b.rows || []) {
      const li = el("li");
      // Keyed per list too: the same team can be on the judges' ranking and on the audience vote.
      li.dataset.key = (testid || "") + "|" + r.name;
      const name = el("span", "name", r.name);
      if (r.detail) name.append(el("span", "sub", r.detail));
      if (typeof r.bar === "number") { const bar = el("div", "bar"); bar.style.width = Math.max(2, Math.round(r.bar * 100)) + "%"; name.append(bar); }
      li.append(el("span", "rank", r.rank ?? "–"), name, el("span", "score", r.score));
      list.append(li);
    }
    wrap.append(list);
    requestAnimationFrame(() => {
      for (const li of list.children) {
        const top = li.getBoundingClientRect().top;
        const before = lastTops.get(li.dataset.key);
        if (before !== undefined && before !== top) {
          li.animate([{ transform: `translateY(${before - top}px)` }, { transform: "none" }], { duration: 700, easing: "ease-out" });
        }
        lastTops.set(li.dataset.key, top);
      }
    });
    return wrap;
  }
  window.ContestProjector.board = board;

  // Countdowns run on the server's clock: the offset between the server's "now" and ours is applied.
  let timer = null;
  function countdown(node, endsAt, serverNow) {
    clearInterval(timer);
    if (!endsAt) return;
    const skew = Date.parse(serverNow) - Date.now();
    const tick = () => {
      const left = Math.max(0, Math.round((Date.parse(endsAt) - (Date.now() + skew)) / 1000));
      node.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left === 0) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 250);
  }

  renderers.Pitch = (c) => {
    const box = el("div", "pitch");
    if (c.team) {
      const stageBox = el("div", "on-stage");
      const team = el("p", "team", c.team);
      team.dataset.testid = "current";
      stageBox.append(el("p", "label", root.dataset.onStage), team, el("p", "project", c.project));
      if (c.phase !== "Stopped") {
        const t = el("p", "timer");
        t.dataset.testid = "timer";
        const phase = el("span", "phase", c.phase === "Questions" ? root.dataset.phaseQuestions : root.dataset.phasePitch);
        const clock = el("span", "clock");
        t.append(phase, clock);
        stageBox.append(t);
        countdown(clock, c.timerEndsAt, c.serverNow);
      }
      box.append(stageBox);
    }
    const boards = el("div", "pitch-boards");
    if (c.ranking.rows.length) boards.append(board(c.ranking, "ranking"));
    else boards.append(el("p", "caption", root.dataset.noRanking));
    // The audience vote stays apart from the judges' ranking, under its own title, as on the results page:
    // while open, where to vote and how many voted (never who leads); once closed, the prize and the totals.
    if (c.vote && c.vote.open) boards.append(voteInvite(c.vote, "vote-corner"));
    else if (c.vote && c.vote.published) boards.append(audiencePrize(c.vote));
    box.append(boards);
    return box;
  };

  const voteUrl = (v) => location.host + v.path;
  function voteInvite(v, cls) {
    const box = el("div", "vote-invite " + cls);
    box.dataset.testid = "vote-invite";
    const text = el("div", "join-text");
    text.append(el("p", "join-at", root.dataset.audience), el("p", "vote-scan", root.dataset.voteScan),
      el("p", "join-url", voteUrl(v)));
    const cast = el("p", "vote-cast", v.open ? v.cast + " " + root.dataset.votesCast : root.dataset.voteNotOpen);
    cast.dataset.testid = "votes-cast";
    text.append(cast);
    const qr = el("img", "qr");
    qr.alt = "QR " + voteUrl(v);
    qr.src = v.path + "/qr.svg";
    box.append(text, qr);
    return box;
  }
  function audiencePrize(v) {
    const wrap = el("div", "audience-prize");
    wrap.dataset.testid = "audience-prize";
    if (v.prize.length) {
      const prize = el("p", "prize");
      prize.append(el("span", "prize-label", root.dataset.prizeTo), el("span", "prize-team", v.prize.join(" · ")),
        el("span", "prize-votes", v.prizeVotes + " " + root.dataset.votes));
      wrap.append(prize);
    }
    // The banner names the prize; below it the first eight, compact, so it fits a 720-pixel screen beside the
    // judges' ranking (every team's count is on the results page).
    if (v.totals) {
      const totals = board({ ...v.totals, rows: v.totals.rows.slice(0, 8), title: "", caption: root.dataset.audienceNote }, "votes");
      totals.querySelector("ol").classList.add("dense");
      wrap.append(totals);
    }
    return wrap;
  }
  // The event's join screen for the vote: as big as a live game's PIN screen, then the prize once the vote closes.
  renderers.PitchVote = (c) => c.published ? audiencePrize(c) : voteInvite(c, "join vote-join");

  // The answer palette (palette.css) as on the phones: colour, shape and letter, so no one depends on colour alone;
  // the spoken name of each ("Đáp án A, hình tam giác") in the screen's language.
  const answerNames = JSON.parse(root.dataset.answerNames || "[]");
  const option = (i, cls) => {
    const li = el("li", "opt ans ans" + (i + 1) + (cls ? " " + cls : ""));
    const mark = el("span", "ans-mark");
    mark.setAttribute("aria-hidden", "true");
    li.append(mark, el("span", "sr-only", (answerNames[i] || "") + ": "));
    return li;
  };
  renderers.LiveGame = (c) => {
    if (c.phase === "Lobby") {
      const box = renderers.Join({ pin: c.pin });
      box.append(el("p", "players", c.players + " 👤"));
      return box;
    }
    if (c.phase === "Question" && c.question) {
      const box = el("div", "live-question");
      box.dataset.testid = "question";
      box.append(el("p", "qnum", c.questionNumber + " / " + c.questionCount), el("h2", "qtext", c.question));
      const clock = el("p", "clock");
      box.append(clock);
      countdown(clock, c.deadline, c.serverNow);
      const opts = el("ol", "options");
      (c.options || []).forEach((o, i) => { const li = option(i); li.append(el("span", "opt-text", o)); opts.append(li); });
      box.append(opts);
      return box;
    }
    if (c.phase === "Reveal" && c.reveal) {
      const box = el("div", "live-question live-reveal");
      box.dataset.testid = "reveal";
      if (c.question) box.append(el("p", "qnum", c.questionNumber + " / " + c.questionCount), el("h2", "qtext", c.question));
      const right = new Set(c.reveal.correctOptions);
      if ((c.options || []).length) {
        const opts = el("ol", "options");
        c.options.forEach((o, i) => {
          // The right options keep their colour and get a ✓; the others fade. Each shows how many chose it.
          const li = option(i, right.has(i) ? "correct" : "faded");
          li.append(el("span", "opt-text", o), el("span", "tick", right.has(i) ? "✓" : ""), el("span", "count", c.reveal.optionCounts[i] ?? 0));
          opts.append(li);
        });
        box.append(opts);
      } else {
        box.append(el("p", "accepted", c.reveal.accepted.join(" · ")));
      }
      box.append(el("p", "tally", c.reveal.right + " / " + c.reveal.players + " ✓"));
      return box;
    }
    if (c.final) return liveFinal(c);
    if (!c.board) return el("div", "welcome");
    const standings = board(c.board, "live-board");
    if (c.phase === "Podium") standings.classList.add("podium");
    return standings;
  };

  // The end of a live game, from its podium on and after it is over (read from the stored results): the game's title
  // marked final, the top ranks with the first three as the podium, and the unit ranking beside them in a team game.
  function liveFinal(c) {
    const f = c.final;
    const box = el("div", "live-final");
    box.dataset.testid = "live-final";
    const head = el("div", "final-head");
    head.append(el("p", "final-badge", f.heading), el("h2", "final-title", c.title), el("p", "final-note", f.note));
    box.append(head);
    if (!c.board || !c.board.rows.length) { box.append(el("p", "caption big", f.empty)); return box; }
    const standings = board({ ...c.board, title: "" }, "live-board");
    standings.classList.add("podium");
    // The podium rises once: the same final again (the game going from its podium to finished, a reconnect) stands still.
    const before = previous && previous.kind === "LiveGame" && previous.content && previous.content.final;
    if (before && previous.content.pin === c.pin) box.classList.add("still");
    box.append(f.teams ? pair(standings, board(f.teams, "live-teams")) : standings);
    return box;
  }

  const pair = (a, b) => { const box = el("div", "pair"); box.append(a, b); return box; };
  renderers.Round = (c) => {
    if (!c.ranking) return el("p", "caption big", root.dataset.notPublished);
    const ranking = board({ ...c.ranking, caption: root.dataset.ranking }, "ranking");
    return c.prizes ? pair(ranking, board({ ...c.prizes, title: root.dataset.prizes }, "prizes")) : ranking;
  };
  renderers.Units = (c) => pair(
    board({ ...c.byAverage, caption: root.dataset.byAverage }, "by-average"),
    board({ ...c.byParticipation, title: "", caption: root.dataset.byParticipation }, "by-participation"));

  function show(view) {
    previous = current;
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
    // Entering a new screen slides in; an update of the same screen (a new rank) must not, or the rows' own animation is lost.
    if (!previous || previous.kind !== view.kind) node.classList.add("enter");
    stage.replaceChildren(node);
    root.dataset.kind = view.kind;
    // A live game's step (Lobby, Question, Reveal, Leaderboard, Podium): tests and styles can tell them apart.
    if (view.content && view.content.phase) root.dataset.phase = view.content.phase; else delete root.dataset.phase;
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
  // The server's Redis backplane is back after an outage (a live game's push may have been lost): show the view again.
  connection.on("Resync", (spreadMs) => setTimeout(() => watch().catch(() => {}), Math.random() * (spreadMs || 0)));
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
