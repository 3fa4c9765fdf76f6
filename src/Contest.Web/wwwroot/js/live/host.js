(() => {
  const root = document.getElementById('host');
  const T = JSON.parse(root.dataset.strings);
  const gameId = root.dataset.game;
  const stage = root.querySelector('.host-stage');
  const pinEl = root.querySelector('.host-pin');
  const countEl = root.querySelector('.host-count');
  const primary = root.querySelector('[data-action=primary]');
  const pauseBtn = root.querySelector('[data-action=pause]');
  const endBtn = root.querySelector('[data-action=end]');
  const statusEl = root.querySelector('.host-status');
  const { el } = Live;
  const conn = Live.connect();
  let state = null;
  let players = new Map();
  let answered = 0;
  let question = null;

  conn.on('HostProgress', p => {
    for (const j of p.joined) players.set(j.id, j);
    for (const id of p.left) players.delete(id);
    answered = p.answered;
    if (state) { state.phase = p.phase; }
    updateBar();
    if (state && state.phase === 'Lobby') renderLobby();
    const a = stage.querySelector('[data-testid=answered]');
    if (a) a.textContent = answered + '/' + players.size + ' ' + T['Host.Answered'];
  });
  conn.on('QuestionOpened', q => { question = q; if (state) state.questionIndex = q.index; answered = 0; setPhase('Question'); renderQuestion(q); });
  conn.on('HostRevealed', r => { setPhase('Reveal'); renderReveal(r); });
  conn.on('HostLeaderboard', b => { setPhase('Leaderboard'); renderBoard(b); });
  conn.on('HostPodium', p => { setPhase('Podium'); renderPodium(p); });
  conn.on('PausedChanged', p => { if (state) state.paused = p.paused; updateBar(); if (!p.paused && question && state.phase === 'Question') renderQuestion({ ...question, remainingMs: p.remainingMs }); });
  conn.on('Finished', () => { setPhase('Finished'); stage.replaceChildren(el('p', { class: 'big-msg' }, T['Host.Finished']), exportLink()); });
  conn.onreconnected(load);

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
    pinEl.textContent = state.pin;
    if (state.phase === 'Lobby') renderLobby();
    else if (state.question) { question = state.question; renderQuestion(state.question); }
    else if (state.reveal) renderReveal(state.reveal);
    else if (state.leaderboard) renderBoard(state.leaderboard);
    else if (state.podium) renderPodium(state.podium);
    else stage.replaceChildren(el('p', { class: 'big-msg' }, T['Host.Finished']), exportLink());
    updateBar();
  }

  function updateBar() {
    if (!state) return;
    countEl.textContent = players.size + ' ' + T['Host.Players'];
    const labels = { Lobby: 'Host.Start', Question: 'Host.Skip', Reveal: 'Host.Next', Leaderboard: 'Host.Next', Podium: 'Host.Next' };
    primary.hidden = !labels[state.phase];
    primary.textContent = T[labels[state.phase]] || '';
    pauseBtn.hidden = !['Question', 'Reveal', 'Leaderboard'].includes(state.phase);
    pauseBtn.textContent = state.paused ? T['Host.Resume'] : T['Host.Pause'];
    endBtn.hidden = ['Podium', 'Finished'].includes(state.phase);
    root.classList.toggle('paused', !!state.paused);
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
      updateBar();
    } catch (e) {
      alert(Live.refusal(e, T));
    }
  }

  function next() {
    if (!state) return;
    if (state.phase === 'Lobby') call('Start');
    else if (state.phase === 'Question') call('Skip');
    else call('Next');
  }
  const pause = () => state && call(state.paused ? 'Resume' : 'Pause');
  const end = () => confirm(T['Host.EndConfirm']) && call('End');
  primary.addEventListener('click', next);
  pauseBtn.addEventListener('click', pause);
  endBtn.addEventListener('click', end);
  document.addEventListener('keydown', ev => {
    if (ev.target.closest('input, select, textarea')) return;
    if (ev.key === ' ' || ev.key === 'Enter' || ev.key === 'ArrowRight') { ev.preventDefault(); next(); }
    else if (ev.key === 's' || ev.key === 'S') { if (state && state.phase === 'Question') call('Skip'); }
    else if (ev.key === 'p' || ev.key === 'P') pause();
    else if (ev.key === 'e' || ev.key === 'E') end();
  });

  function renderLobby() {
    const join = location.origin + '/play?pin=' + state.pin;
    stage.replaceChildren(
      el('div', { class: 'lobby' },
        el('div', { class: 'lobby-join' },
          el('p', {}, T['Host.JoinAt']),
          el('p', { class: 'big-pin', 'data-testid': 'big-pin' }, state.pin),
          el('p', { class: 'muted' }, join),
          el('img', { class: 'qr', src: '/live/qr/' + state.pin + '.svg', alt: 'QR ' + join })),
        el('ul', { class: 'roster', 'data-testid': 'roster' }, [...players.values()].map(p =>
          el('li', {}, el('span', {}, p.nickname + (p.unit ? ' · ' + p.unit : '')),
            el('button', { type: 'button', class: 'kick', 'aria-label': T['Host.Kick'] + ' ' + p.nickname, onclick: () => call('Kick', p.id) }, '×'))))));
  }

  function optionsView(q, counts, correct) {
    const max = Math.max(1, ...(counts || [0]));
    return el('div', { class: 'host-options' }, q.options.map((o, i) => el('div', { class: 'host-option a' + i + (correct && correct.includes(o.id) ? ' correct' : correct ? ' dim' : '') },
      el('span', { class: 'shape', 'aria-hidden': 'true' }, Live.shapes[i]),
      el('span', { class: 'text' }, o.text),
      counts ? el('span', { class: 'bar', style: 'width:' + Math.round(100 * counts[i] / max) + '%' }) : null,
      counts ? el('span', { class: 'count', 'data-testid': 'count-' + o.id }, counts[i]) : null)));
  }

  function renderQuestion(q) {
    const timer = el('span', { class: 'host-timer', 'data-testid': 'host-timer' });
    Live.countdown(timer, q.remainingMs, '');
    stage.replaceChildren(
      el('div', { class: 'host-qhead' }, el('span', {}, T['Host.Question'] + ' ' + (q.index + 1) + '/' + q.count), timer,
        el('span', { 'data-testid': 'answered' }, answered + '/' + players.size + ' ' + T['Host.Answered'])),
      el('h2', { class: 'host-question', 'data-testid': 'host-question' }, q.text),
      q.mediaKind === 'Image' && q.mediaUrl ? el('img', { src: q.mediaUrl, alt: '', class: 'host-image' }) : null,
      q.mediaKind === 'Audio' && q.mediaUrl ? el('audio', { controls: true, src: q.mediaUrl, autoplay: true }) : null,
      q.type === 'FillBlank' ? null : q.type === 'Ordering' ? el('ol', {}, q.options.map(o => el('li', {}, o.text))) : optionsView(q, null, null));
  }

  function renderReveal(r) {
    const q = question;
    const parts = [el('h2', { class: 'host-question' }, q ? q.text : '')];
    if (q && q.type === 'Ordering') parts.push(el('ol', { class: 'correct-order' }, r.correct.options.map(id => el('li', {}, q.options.find(o => o.id === id).text))));
    else if (q && q.type === 'FillBlank') parts.push(el('p', { class: 'big-msg correct' }, r.correct.accepted.join(' / ')));
    else if (q) parts.push(optionsView(q, r.optionCounts, r.correct.options));
    parts.push(el('p', { class: 'tally', 'data-testid': 'tally' },
      r.right + ' ' + T['Host.Right'] + ' · ' + r.partial + ' ' + T['Host.Partial'] + ' · ' + r.wrong + ' ' + T['Host.Wrong'] + ' · ' + r.noAnswer + ' ' + T['Host.NoAnswer']));
    if (r.correct.explanation) parts.push(el('p', { class: 'explanation' }, r.correct.explanation));
    stage.replaceChildren(...parts.filter(Boolean));
  }

  function change(s) {
    const d = s.previousRank - s.rank;
    return d > 0 ? el('span', { class: 'up', 'aria-label': '+' + d }, '▲' + d) : d < 0 ? el('span', { class: 'down', 'aria-label': String(d) }, '▼' + (-d)) : el('span', { class: 'same' }, '–');
  }

  function standings(rows) {
    return el('ol', { class: 'standings', 'data-testid': 'standings' }, rows.map(s =>
      el('li', {}, el('span', { class: 'rank' }, s.rank), el('span', { class: 'name' }, s.nickname + (s.unit ? ' · ' + s.unit : '')), el('span', { class: 'score' }, s.score), change(s))));
  }

  function teams(rows) {
    if (!rows || rows.length === 0) return null;
    return el('div', {}, el('h3', {}, T['Host.Teams']), el('ol', { class: 'standings', 'data-testid': 'teams' }, rows.map(t =>
      el('li', {}, el('span', { class: 'rank' }, t.rank), el('span', { class: 'name' }, t.name + ' (' + t.members + ')'), el('span', { class: 'score' }, t.score)))));
  }

  function renderBoard(b) {
    stage.replaceChildren(...[el('h2', {}, T['Host.Leaderboard']), standings(b.top), teams(b.teams)].filter(Boolean));
  }

  function renderPodium(p) {
    stage.replaceChildren(...[el('h2', {}, '🏆 ' + T['Host.Podium']),
      el('ol', { class: 'podium', 'data-testid': 'podium' }, p.podium.map(s => el('li', { class: 'place' + s.rank }, el('span', { class: 'rank' }, s.rank), el('span', { class: 'name' }, s.nickname), el('span', { class: 'score' }, s.score)))),
      teams(p.teams), exportLink()].filter(Boolean));
  }

  function exportLink() {
    return el('p', {}, el('a', { class: 'button', href: '/api/live/games/' + gameId + '/results.xlsx', 'data-testid': 'export' }, T['Host.Export']));
  }

  conn.start().then(load).catch(e => { stage.textContent = Live.refusal(e, T); });
})();
