// The host's presenter view: what the hall sees on the projector, with the host's controls in a slim bar on top.
(() => {
  const root = document.getElementById('host');
  const T = JSON.parse(root.dataset.strings);
  const gameId = root.dataset.game;
  const stage = root.querySelector('.host-stage');
  const pinEl = root.querySelector('.host-pin');
  const countEl = root.querySelector('.host-count');
  const corner = root.querySelector('.host-join');
  const primary = root.querySelector('[data-action=primary]');
  const pauseBtn = root.querySelector('[data-action=pause]');
  const endBtn = root.querySelector('[data-action=end]');
  const fullBtn = root.querySelector('[data-action=fullscreen]');
  const statusEl = root.querySelector('.host-status');
  const { el } = Live;
  // Scores grouped the page's way ("2.074" in Vietnamese), as people read them on a projector.
  const num = n => Live.numberFormat.format(n);
  const conn = Live.connect();
  let state = null;
  let players = new Map();
  let answered = 0;
  let question = null;
  let debrief = null;
  let podium = null; // the last podium, to go back to from the debrief

  // Every screen change goes through here: a stage never receives a null or undefined child.
  const show = (phase, ...nodes) => {
    stage.replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined && n !== false));
    root.dataset.phase = phase;
    document.dispatchEvent(new CustomEvent('live:phase', { detail: { phase } }));
  };
  const fmt = (key, ...args) => args.reduce((s, a, i) => s.replace('{' + i + '}', a), T[key] || '');

  conn.on('HostProgress', p => {
    for (const j of p.joined) players.set(j.id, j);
    for (const id of p.left) players.delete(id);
    answered = p.answered;
    if (state) { state.phase = p.phase; }
    updateBar();
    if (state && state.phase === 'Lobby') renderLobby();
    updateAnswered();
  });
  // The host's state drops the question at the reveal: kept for this tab so a reload then still shows it.
  const questionKey = 'contest.live.host.question.' + gameId;
  const remember = q => { try { sessionStorage.setItem(questionKey, JSON.stringify(q)); } catch { /* private mode: the reveal shows less */ } };
  const remembered = () => { try { return JSON.parse(sessionStorage.getItem(questionKey)); } catch { return null; } };
  conn.on('QuestionOpened', q => { question = q; remember(q); if (state) { state.questionIndex = q.index; state.paused = false; } answered = 0; setPhase('Question'); renderQuestion(q); });
  conn.on('HostRevealed', r => { setPhase('Reveal'); renderReveal(r); });
  conn.on('HostLeaderboard', b => { setPhase('Leaderboard'); renderBoard(b); });
  conn.on('HostPodium', p => { setPhase('Podium'); if (p.debrief) debrief = p.debrief; podium = p; renderPodium(p); });
  conn.on('PausedChanged', p => {
    if (state) state.paused = p.paused;
    updateBar();
    const c = Live.activeCountdown();
    if (c && state && state.phase === 'Question') p.paused ? c.pause(p.remainingMs) : c.resume(p.remainingMs);
  });
  conn.on('Finished', f => { setPhase('Finished'); if (f && f.debrief) debrief = f.debrief; renderFinished(); });
  conn.onreconnected(() => { Live.syncClock(conn); load(); });
  // The server's Redis backplane is back after an outage: a push may have been lost meanwhile; load the game's state once
  // (docs/live-protocol.md, "Re-sync"), not while a command of this page is being retried.
  conn.on('Resync', spreadMs => setTimeout(() => { if (!moving) load().catch(() => {}); }, Math.random() * (spreadMs || 0)));

  function setPhase(phase) { if (state) state.phase = phase; updateBar(); }

  // The game's server is changing (busy / moved): say so, and keep the buttons from sending a second command meanwhile.
  let moving = false;
  function waiting(on) {
    moving = on;
    statusEl.hidden = !on;
    for (const b of [primary, pauseBtn, endBtn]) b.disabled = on;
  }

  async function load() {
    state = await Live.invokeRetrying(conn, { waiting }, 'HostGame', gameId);
    players = new Map(state.players.map(p => [p.id, p]));
    answered = state.answered;
    if (state.podium && state.podium.debrief) debrief = state.podium.debrief;
    if (state.podium) podium = state.podium;
    pinEl.textContent = state.pin;
    corner.querySelector('img').src = '/live/qr/' + state.pin + '.svg';
    if (state.phase === 'Lobby') renderLobby();
    else if (state.question) { question = state.question; remember(question); renderQuestion(state.question); }
    else if (state.reveal) { question = question || remembered(); renderReveal(state.reveal); }
    else if (state.leaderboard) renderBoard(state.leaderboard);
    // Over, the page reloaded (the game's rows answer then): the podium again, with the export and the debrief a click away.
    else if (state.podium) renderPodium(state.podium, true);
    else renderFinished();
    updateBar();
  }

  function updateBar() {
    if (!state) return;
    countEl.textContent = Live.plural(T, 'Host.PlayersN', players.size);
    const labels = { Lobby: 'Host.Start', Question: 'Host.Skip', Reveal: 'Host.Next', Leaderboard: 'Host.Next', Podium: 'Host.Next' };
    primary.hidden = !labels[state.phase];
    primary.textContent = T[labels[state.phase]] || '';
    pauseBtn.hidden = !['Question', 'Reveal', 'Leaderboard'].includes(state.phase);
    pauseBtn.textContent = state.paused ? T['Host.Resume'] : T['Host.Pause'];
    endBtn.hidden = ['Podium', 'Finished'].includes(state.phase);
    root.classList.toggle('paused', !!state.paused);
    // The PIN and QR stay in a corner for late joiners, except in the lobby where they fill the screen.
    corner.hidden = ['Lobby', 'Finished'].includes(state.phase);
  }

  function updateAnswered() {
    const a = stage.querySelector('[data-testid=answered]');
    if (!a) return;
    a.querySelector('.n').textContent = answered;
    a.querySelector('.of').textContent = fmt('Host.AnsweredN', answered, players.size).replace(/^\S+\s*/, '');
  }

  async function call(method, ...args) {
    if (moving) return;
    // Retried only while the game still stands where this command found it: "busy" after a timeout may mean the
    // owner did carry it out, and a second Next would skip a screen.
    const before = { phase: state.phase, paused: !!state.paused, index: state.questionIndex };
    const beforeRetry = async () => {
      const s = await conn.invoke('HostGame', gameId);
      const same = s.phase === before.phase && !!s.paused === before.paused && s.questionIndex === before.index
        && (method !== 'Kick' || s.players.some(p => p.id === args[0]));
      if (!same) { players = new Map(s.players.map(p => [p.id, p])); if (s.phase === 'Lobby') { state = s; renderLobby(); } return s; }
      return undefined;
    };
    try {
      const s = await Live.invokeRetrying(conn, { waiting, beforeRetry }, method, gameId, ...args);
      state.phase = s.phase; state.paused = s.paused; state.questionIndex = s.questionIndex;
      if (s.podium && s.podium.debrief) debrief = s.podium.debrief;
      updateBar();
    } catch (e) {
      alert(Live.refusal(e, 'host'));
    }
  }

  function next() {
    if (!state) return;
    if (state.phase === 'Lobby') call('Start');
    else if (state.phase === 'Question') call('Skip');
    else if (state.phase === 'Finished') { if (debrief) renderDebrief(); }
    else call('Next');
  }
  const pause = () => state && call(state.paused ? 'Resume' : 'Pause');
  const end = () => confirm(T['Host.EndConfirm']) && call('End');
  primary.addEventListener('click', next);
  pauseBtn.addEventListener('click', pause);
  endBtn.addEventListener('click', end);
  document.addEventListener('keydown', ev => {
    if (ev.target.closest('input, select, textarea')) return;
    if (ev.key === ' ' || ev.key === 'Enter' || ev.key === 'ArrowRight') {
      // Space and Enter on a focused link or button act on it, not on the game; → always goes on.
      if (ev.key !== 'ArrowRight' && ev.target.closest('a, button')) return;
      ev.preventDefault(); next();
    }
    else if (ev.key === 's' || ev.key === 'S') { if (state && state.phase === 'Question') call('Skip'); }
    else if (ev.key === 'p' || ev.key === 'P') pause();
    else if (ev.key === 'e' || ev.key === 'E') end();
    else if (ev.key === 'f' || ev.key === 'F') toggleFullscreen();
  });

  // Full screen: the whole page (the site's navigation is already hidden on this page), so the bar's controls stay.
  function toggleFullscreen() {
    if (!document.fullscreenEnabled) return;
    if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen().catch(() => {});
  }
  if (!document.fullscreenEnabled) fullBtn.hidden = true;
  fullBtn.addEventListener('click', toggleFullscreen);
  document.addEventListener('fullscreenchange', () => {
    fullBtn.textContent = document.fullscreenElement ? T['Host.ExitFullscreen'] : T['Host.Fullscreen'];
    root.classList.toggle('fullscreen', !!document.fullscreenElement);
  });

  // ----- screens -----

  function head(q) {
    return el('div', { class: 'q-top' },
      el('p', { class: 'q-num' }, T['Host.Question'] + ' ' + (q.index + 1) + '/' + q.count),
      el('h2', { class: 'host-question', 'data-testid': 'host-question' }, q.text));
  }

  // Joins arrive many a second: once the lobby is up only the roster and the count change (the QR would flicker).
  function rosterItems() {
    return [...players.values()].map(p =>
      el('li', { 'data-id': p.id }, el('span', {}, p.nickname + (p.unit ? ' · ' + p.unit : '')),
        el('button', { type: 'button', class: 'kick', 'aria-label': T['Host.Kick'] + ' ' + p.nickname, onclick: () => call('Kick', p.id) }, '×')));
  }
  function renderLobby() {
    const url = location.host + '/play';
    const roster = stage.querySelector('[data-testid=roster]');
    if (root.dataset.phase === 'Lobby' && roster) {
      const shown = new Set([...roster.querySelectorAll('li')].map(li => li.dataset.id));
      const now = new Set(players.keys());
      for (const li of [...roster.children]) if (!now.has(li.dataset.id)) li.remove();
      for (const li of rosterItems()) if (!shown.has(li.dataset.id)) roster.append(li);
      stage.querySelector('[data-testid=roster-count]').textContent = Live.plural(T, 'Host.PlayersN', players.size);
      return;
    }
    show('Lobby', el('div', { class: 'lobby' },
      el('div', { class: 'lobby-join' },
        el('p', { class: 'join-at' }, T['Host.JoinAt']),
        el('p', { class: 'join-url' }, url),
        el('p', { class: 'big-pin', 'data-testid': 'big-pin' }, state.pin),
        el('img', { class: 'qr', src: '/live/qr/' + state.pin + '.svg', alt: 'QR ' + url + '?pin=' + state.pin })),
      el('div', { class: 'lobby-roster' },
        state.title ? el('h2', { class: 'lobby-title' }, state.title) : null,
        el('p', { class: 'roster-count', 'data-testid': 'roster-count' }, Live.plural(T, 'Host.PlayersN', players.size)),
        el('ul', { class: 'roster', 'data-testid': 'roster' }, rosterItems()))));
  }

  // Answer tiles in the shared palette; with counts and the key once revealed.
  function optionsView(q, counts, correct) {
    return el('div', { class: 'host-options n' + q.options.length }, q.options.map((o, i) => {
      const right = correct && correct.includes(o.id);
      return el('div', { class: 'host-option ans ans' + (i + 1) + (right ? ' correct' : correct ? ' dim' : '') },
        Live.mark(),
        el('span', { class: 'sr-only' }, Live.answerName(T, i) + ': '),
        el('span', { class: 'text' }, o.text),
        right ? el('span', { class: 'tick', 'aria-label': T['Host.Correct'] }, '✓') : null,
        counts ? el('span', { class: 'count', 'data-testid': 'count-' + o.id }, counts[i] ?? 0) : null);
    }));
  }

  function media(q, cls) {
    if (q.mediaKind === 'Image' && q.mediaUrl) return el('img', { src: q.mediaUrl, alt: '', class: cls });
    if (q.mediaKind === 'Audio' && q.mediaUrl) return el('audio', { controls: true, src: q.mediaUrl, autoplay: true, class: 'host-audio' });
    return null;
  }

  function renderQuestion(q) {
    const timer = el('div', { class: 'host-timer', 'data-testid': 'host-timer' });
    const hint = q.type === 'MultipleSelect' ? T['Play.MultiHint'] : q.type === 'Ordering' ? T['Play.OrderHint'] : null;
    const body = q.type === 'FillBlank' ? el('p', { class: 'type-on-phone' }, T['Host.TypeOnPhone'])
      : q.type === 'Ordering' ? el('ol', { class: 'host-order' }, q.options.map(o => el('li', {}, o.text)))
      : optionsView(q, null, null);
    show('Question', el('div', { class: 'q-screen type-' + q.type + (q.mediaUrl ? ' has-media' : '') },
      head(q),
      el('div', { class: 'q-mid' },
        timer,
        el('div', { class: 'q-media' }, media(q, 'host-image'), hint ? el('p', { class: 'q-hint', 'data-testid': 'host-hint' }, hint) : null),
        el('div', { class: 'q-answered', 'data-testid': 'answered' }, el('span', { class: 'n' }, answered), el('span', { class: 'of' }, ''))),
      body));
    updateAnswered();
    Live.countdown(timer, q, T['Host.SecondsLeft'], state && state.paused);
  }

  // The distribution as columns in the palette, the right ones marked, with the explanation beside them.
  function distribution(q, r) {
    const counts = r.optionCounts || [];
    const max = Math.max(1, ...counts);
    return el('div', { class: 'dist', 'data-testid': 'distribution' }, q.options.map((o, i) => {
      const right = r.correct.options.includes(o.id);
      return el('div', { class: 'dist-col' + (right ? ' correct' : ' dim') },
        el('span', { class: 'dist-count' }, counts[i] ?? 0),
        el('div', { class: 'dist-track' }, el('div', { class: 'dist-bar ans ans' + (i + 1), style: 'height:' + Math.max(3, Math.round(100 * (counts[i] || 0) / max)) + '%' })),
        el('div', { class: 'dist-foot ans ans' + (i + 1) }, Live.mark(), right ? el('span', { class: 'tick', 'aria-label': T['Host.Correct'] }, '✓') : null));
    }));
  }

  function renderReveal(r) {
    const q = question && question.index === r.questionIndex ? question : null;
    const parts = [];
    if (q) parts.push(head(q));
    let main = null;
    if (q && q.type === 'Ordering') {
      main = el('div', { class: 'reveal-key' }, el('p', { class: 'key-label' }, T['Host.CorrectOrder']),
        el('ol', { class: 'correct-order' }, r.correct.options.map(id => el('li', {}, (q.options.find(o => o.id === id) || { text: '' }).text))));
    } else if ((q && q.type === 'FillBlank') || (!q && r.correct.accepted && r.correct.accepted.length)) {
      main = el('div', { class: 'reveal-key' }, el('p', { class: 'key-label' }, T['Host.Correct']), el('p', { class: 'accepted' }, r.correct.accepted.join(' / ')));
    } else if (q) {
      main = distribution(q, r);
    }
    const explanation = r.correct.explanation
      ? el('aside', { class: 'explanation', 'data-testid': 'explanation' }, el('p', { class: 'key-label' }, T['Host.Explanation']), el('p', {}, r.correct.explanation))
      : null;
    parts.push(el('div', { class: 'reveal-mid' + (explanation ? ' with-explanation' : '') }, main, explanation));
    if (q && q.type !== 'Ordering' && q.type !== 'FillBlank') parts.push(optionsView(q, r.optionCounts, r.correct.options));
    parts.push(el('p', { class: 'tally', 'data-testid': 'tally' },
      [[r.right, 'Host.Right'], [r.partial, 'Host.Partial'], [r.wrong, 'Host.Wrong'], [r.noAnswer, 'Host.NoAnswer']]
        .filter(([n, k]) => n > 0 || k !== 'Host.Partial').map(([n, k]) => n + ' ' + T[k]).join(' · ')));
    show('Reveal', el('div', { class: 'reveal-screen' + (q ? '' : ' no-question') }, parts));
  }

  // Movement since the last question: ▲2 / ▼1, said in words for screen readers.
  function change(s) {
    if (!s.previousRank) return el('span', { class: 'move new', 'aria-label': T['Host.New'] }, '★');
    const d = s.previousRank - s.rank;
    return d > 0 ? el('span', { class: 'move up', 'aria-label': fmt('Host.Up', d) }, '▲' + d)
      : d < 0 ? el('span', { class: 'move down', 'aria-label': fmt('Host.Down', -d) }, '▼' + (-d))
      : el('span', { class: 'move same', 'aria-label': T['Host.Same'] }, '–');
  }

  function standings(rows) {
    return el('ol', { class: 'standings' + (rows.length > 6 ? ' dense' : ''), 'data-testid': 'standings' }, rows.map(s =>
      el('li', {}, el('span', { class: 'rank' }, s.rank),
        el('span', { class: 'name' }, s.nickname, s.unit ? el('span', { class: 'unit' }, s.unit) : null),
        el('span', { class: 'score' }, num(s.score), s.lastPoints ? el('span', { class: 'gain' }, '+' + num(s.lastPoints)) : null), change(s))));
  }

  function teams(rows) {
    if (!rows || rows.length === 0) return null;
    return el('div', { class: 'team-board' }, el('h3', {}, T['Host.Teams']), el('ol', { class: 'standings teams', 'data-testid': 'teams' }, rows.map(t =>
      el('li', {}, el('span', { class: 'rank' }, t.rank), el('span', { class: 'name' }, t.name + ' (' + t.members + ')'), el('span', { class: 'score' }, num(t.score))))));
  }

  function renderBoard(b) {
    const t = teams(b.teams);
    show('Leaderboard', el('div', { class: 'board-screen' + (t ? ' with-teams' : '') },
      el('h2', { class: 'screen-title' }, T['Host.Leaderboard'], el('span', { class: 'q-num' }, T['Host.Question'] + ' ' + (b.questionIndex + 1) + '/' + b.count)),
      el('div', { class: 'boards' }, standings(b.top.slice(0, 8)), t)));
  }

  // Podium blocks, second – first – third from the left; revealed third, second, first about a second apart.
  let podiumTimers = [];
  function renderPodium(p, atOnce) {
    podiumTimers.forEach(clearTimeout);
    podiumTimers = [];
    const top = p.podium.slice(0, 3);
    const rest = p.podium.slice(3);
    const steps = el('ol', { class: 'podium', 'data-testid': 'podium' }, top.map((s, i) =>
      el('li', { class: 'podium-step place' + (i + 1), 'data-place': i + 1 },
        el('span', { class: 'name' }, s.nickname),
        s.unit ? el('span', { class: 'unit' }, s.unit) : null,
        el('span', { class: 'score' }, num(s.score)),
        el('div', { class: 'block', 'aria-label': fmt('Host.Place', s.rank) }, el('span', { class: 'rank' }, s.rank)))));
    show('Podium', el('div', { class: 'podium-screen' + (p.teams && p.teams.length ? ' with-teams' : '') },
      el('h2', { class: 'screen-title' }, T['Host.Podium']),
      el('div', { class: 'podium-row' }, steps, teams(p.teams)),
      rest.length ? el('ol', { class: 'podium-rest', start: 4 }, rest.map(s => el('li', {}, el('span', { class: 'rank' }, s.rank), el('span', { class: 'name' }, s.nickname), el('span', { class: 'score' }, num(s.score))))) : null,
      el('div', { class: 'after' }, state && state.phase === 'Finished' ? el('p', { class: 'finished-note', 'data-testid': 'finished-note' }, T['Host.Finished']) : null,
        exportLink(), debrief ? debriefButton() : null)));
    const order = [...steps.children].reverse();
    order.forEach((li, i) => podiumTimers.push(setTimeout(() => {
      li.classList.add('shown');
      if (!atOnce) document.dispatchEvent(new CustomEvent('live:podium', { detail: { place: Number(li.dataset.place) } }));
    }, atOnce ? 0 : 700 + i * 1100)));
  }

  function renderFinished() {
    if (debrief) return renderDebrief();
    show('Finished', el('div', { class: 'finished-screen' }, el('p', { class: 'big-msg' }, T['Host.Finished']), exportLink()));
  }

  function debriefButton() {
    return el('button', { type: 'button', class: 'button secondary', 'data-testid': 'show-debrief', onclick: renderDebrief }, T['Host.ShowDebrief']);
  }

  // The end-of-game debrief (docs/live-protocol.md, HostPodium.debrief): how the hall did on each question, the
  // hardest ones, the overall share of right answers and the mean answer time.
  function renderDebrief() {
    const d = debrief;
    if (!d) return;
    const qs = d.questions || [];
    const lang = document.documentElement.lang || 'vi';
    const secs = ms => ms === null || ms === undefined ? '–' : fmt('Host.Debrief.Seconds', (ms / 1000).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    const hardest = (d.hardest || []).map(i => qs.find(x => x.index === i)).filter(Boolean);
    show('Debrief', el('div', { class: 'debrief-screen', 'data-testid': 'debrief' },
      el('h2', { class: 'screen-title' }, T['Host.Debrief']),
      el('div', { class: 'debrief-grid' },
        el('section', { class: 'debrief-bars' },
          el('h3', {}, T['Host.Debrief.PerQuestion']),
          el('ol', { class: 'per-question n' + Math.min(qs.length, 12) }, qs.map(x => el('li', { class: hardest.includes(x) ? 'hard' : null, 'data-testid': 'debrief-question' },
            el('span', { class: 'qn' }, x.index + 1),
            el('span', { class: 'qt' }, x.text),
            el('span', { class: 'meter', role: 'img', 'aria-label': fmt('Host.Debrief.Correct', x.correctPercent) }, el('span', { style: 'width:' + Math.max(1, x.correctPercent) + '%' })),
            el('span', { class: 'pc' }, x.correctPercent + '%'),
            el('span', { class: 'qtime' }, secs(x.meanAnswerMs)))))),
        el('section', { class: 'debrief-side' },
          el('div', { class: 'stats' },
            el('div', { class: 'stat' }, el('p', { class: 'stat-label' }, T['Host.Debrief.Overall']),
              el('p', { class: 'stat-value', 'data-testid': 'overall-correct' }, d.correctPercent + '%'),
              el('p', { class: 'stat-note' }, fmt('Host.Debrief.Basis', Live.plural(T, 'Host.PlayersN', d.players), Live.plural(T, 'Host.QuestionsN', d.played)))),
            el('div', { class: 'stat' }, el('p', { class: 'stat-label' }, T['Host.Debrief.AvgTime']),
              el('p', { class: 'stat-value', 'data-testid': 'avg-time' }, secs(d.meanAnswerMs)))),
          el('div', { class: 'stat' }, el('p', { class: 'stat-label' }, T['Host.Debrief.Hardest']),
            hardest.length
              ? el('ol', { class: 'hardest', 'data-testid': 'hardest' }, hardest.map(x => el('li', {}, el('span', { class: 'qt' }, (x.index + 1) + '. ' + x.text), el('span', { class: 'pc' }, fmt('Host.Debrief.Correct', x.correctPercent)))))
              : el('p', { class: 'stat-note' }, T['Host.Debrief.AllRight'])),
          el('div', { class: 'after' }, exportLink(), podium ? el('button', { type: 'button', class: 'button secondary', 'data-testid': 'show-podium', onclick: () => renderPodium(podium, true) }, T['Host.ShowPodium']) : null)))));
  }

  function exportLink() {
    return el('a', { class: 'button', href: '/api/live/games/' + gameId + '/results.xlsx', 'data-testid': 'export' }, T['Host.Export']);
  }

  conn.start().then(() => { Live.syncClock(conn); return load(); }).catch(e => { stage.textContent = Live.refusal(e, 'host'); });
})();
