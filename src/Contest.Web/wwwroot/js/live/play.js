(() => {
  const root = document.getElementById('play');
  const T = JSON.parse(root.dataset.strings);
  const pin = root.dataset.pin;
  // The game is over (its podium, or ended): nobody joins; a phone that played it still gets its final rank by Rejoin.
  const over = root.dataset.over === 'true';
  const tokenKey = 'contest.live.' + pin;
  const stage = root.querySelector('.play-stage');
  const status = root.querySelector('.play-status');
  const form = root.querySelector('.play-join');
  const { el } = Live;
  const conn = Live.connect();
  let current = null; // the open question
  let kicked = false;

  const show = (...nodes) => { stage.replaceChildren(...nodes.filter(Boolean)); stage.hidden = false; form.hidden = true; };

  let paused = false;
  conn.on('QuestionOpened', q => { paused = false; renderQuestion(q, false); });
  conn.on('Revealed', r => renderReveal(r));
  conn.on('GameOver', f => renderFinal(f));
  conn.on('PausedChanged', p => pausedTo(p.paused, p.remainingMs));
  function pausedTo(on, remainingMs) {
    paused = on;
    dueAt = on ? null : Date.now() + remainingMs;
    status.textContent = on ? T['Play.Paused'] : '';
    const c = Live.activeCountdown();
    if (c && c.node.isConnected) on ? c.pause(remainingMs) : c.resume(remainingMs);
  }
  // Said under the final result, not in the status line (kept for trouble: reconnecting, paused).
  conn.on('Finished', () => thanks());
  conn.on('Kicked', () => { kicked = true; localStorage.removeItem(tokenKey); show(el('p', { class: 'big-msg' }, T['Play.Kicked'])); conn.stop(); });
  conn.onreconnecting(() => { status.textContent = T['Play.Reconnecting']; });
  conn.onreconnected(() => { status.textContent = ''; Live.syncClock(conn); rejoin(); });
  conn.onclose(() => { if (!kicked) setTimeout(start, 3000); });

  // A reveal is pushed once. One lost in transit (with several nodes, a node whose Redis backplane is still
  // reconnecting when the game's node sends it) would leave the phone on "received" for good, so while a question
  // stands past its deadline the phone asks for its state again every few seconds (Rejoin answers with the reveal),
  // until a push or that answer moves it on. Nothing is asked while the question runs or the game is paused.
  let dueAt = null; // when the open question's time ends, by this phone's clock
  let asking = false;
  setInterval(async () => {
    if (!current || dueAt === null || Date.now() < dueAt + 4000 || asking || conn.state !== 'Connected') return;
    asking = true;
    dueAt = Date.now();
    try { await rejoin(); } finally { asking = false; }
  }, 1000);

  // The server's Redis backplane is back after an outage (docs/live-protocol.md, "Re-sync"): a push may have been lost
  // meanwhile, so ask for the current screen once, at a random moment within the spread so a crowd does not ask at once.
  conn.on('Resync', spreadMs => setTimeout(() => { if (!asking) rejoin({ resync: true }); }, Math.random() * (spreadMs || 0)));

  // The game's server is changing (busy / moved, docs/live-protocol.md "Retrying"): a short note while calls are retried.
  function waiting(on) {
    if (on) status.textContent = T['Play.Moving'];
    else if (status.textContent === T['Play.Moving']) status.textContent = '';
  }

  async function start() {
    try {
      await conn.start();
      Live.syncClock(conn);
      status.textContent = '';
      if (localStorage.getItem(tokenKey)) await rejoin(); else if (over) ended(); else form.hidden = false;
    } catch (e) {
      // 503 "server-busy": the node holds all the connections it can (admission control); try again later, not at once.
      if (/\b503\b|Service Unavailable/.test(String(e && e.message || e))) {
        status.textContent = Errors.text('server-busy');
        setTimeout(start, 20000 + Math.random() * 20000);
        return;
      }
      status.textContent = T['Play.Reconnecting'];
      setTimeout(start, 3000);
    }
  }

  async function rejoin(opts) {
    const token = localStorage.getItem(tokenKey);
    if (!token || kicked) return;
    try {
      const state = await Live.invokeRetrying(conn, { waiting }, 'Rejoin', pin, token);
      // A re-sync finding the question on screen still open and unanswered keeps it as it is (the choices being made),
      // following only a pause it may have missed.
      if (opts && opts.resync && showing(state)) { if (!!state.paused !== paused) pausedTo(!!state.paused, state.question.remainingMs); return; }
      apply(state);
    } catch (e) {
      // Still moving after the retries, or a server error: keep the token and try again.
      if (/\b(busy|moved|server-error):/.test(String(e && e.message))) { status.textContent = T['Play.Moving']; setTimeout(rejoin, 1000); return; }
      localStorage.removeItem(tokenKey);
      if (over) { ended(); return; }
      form.hidden = false;
      form.querySelector('.error').textContent = Live.refusal(e, 'play');
    }
  }

  function showing(state) {
    return state.phase === 'Question' && state.question && !state.answered && current && current.index === state.question.index
      && !stage.querySelector('[data-testid=received]');
  }

  function thanks() {
    if (stage.querySelector('[data-testid=final-rank]') && !stage.querySelector('.thanks')) stage.append(el('p', { class: 'muted thanks', 'data-testid': 'thanks' }, T['Play.Finished']));
    else if (!stage.querySelector('[data-testid=final-rank]')) ended();
  }

  function ended() {
    show(el('p', { class: 'big-msg', 'data-testid': 'ended' }, T['Play.Finished']));
  }

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const nick = form.querySelector('#nickname').value;
    const unitSel = form.querySelector('#unit');
    const unit = unitSel && unitSel.value ? Number(unitSel.value) : null;
    try {
      const r = await Live.invokeRetrying(conn, { waiting }, 'Join', pin, nick, unit);
      localStorage.setItem(tokenKey, r.resumeToken);
      apply(r.state);
    } catch (e) {
      form.querySelector('.error').textContent = Live.refusal(e, 'play');
    }
  });

  function apply(state) {
    if (state.phase !== 'Question') current = null;
    paused = !!state.paused;
    status.textContent = state.paused ? T['Play.Paused'] : '';
    if (state.phase === 'Question' && state.question) renderQuestion(state.question, state.answered);
    else if (state.reveal) renderReveal(state.reveal);
    else if (state.final) { renderFinal(state.final); if (state.phase === 'Finished') thanks(); }
    else if (state.phase === 'Finished') ended();
    else show(el('p', { class: 'big-msg', 'data-testid': 'waiting' }, T['Play.Waiting']), el('p', { class: 'muted' }, state.nickname));
  }

  function header(q) {
    const timer = el('span', { class: 'play-timer', 'data-testid': 'timer' });
    Live.countdown(timer, q, T['Play.SecondsLeft'], paused);
    return el('div', { class: 'play-qhead' }, el('span', {}, (q.index + 1) + '/' + q.count), timer);
  }

  function media(q) {
    if (q.mediaKind === 'Audio' && q.mediaUrl) return el('audio', { controls: true, src: q.mediaUrl, preload: 'auto', class: 'play-audio' });
    if (q.mediaKind === 'Image' && q.mediaUrl) return el('img', { src: q.mediaUrl, alt: '', class: 'play-image' });
    return null;
  }

  function renderQuestion(q, answered) {
    current = q;
    dueAt = paused ? null : Date.now() + q.remainingMs;
    if (answered) return received();
    const hint = q.type === 'MultipleSelect' ? T['Play.MultiHint'] : q.type === 'Ordering' ? T['Play.OrderHint'] : null;
    const parts = [header(q), el('h2', { class: 'play-question', id: 'qtext' }, q.text), media(q),
      hint ? el('p', { class: 'play-hint', 'data-testid': 'hint' }, hint) : null];
    if (q.type === 'SingleChoice' || q.type === 'TrueFalse') {
      parts.push(el('div', { class: 'answers', role: 'group', 'aria-labelledby': 'qtext' },
        q.options.map((o, i) => optionButton(o, i, () => send({ options: [o.id] })))));
    } else if (q.type === 'MultipleSelect') {
      const picked = new Set();
      parts.push(el('div', { class: 'answers', role: 'group', 'aria-labelledby': 'qtext' }, q.options.map((o, i) => {
        const b = optionButton(o, i, () => {
          picked.has(o.id) ? picked.delete(o.id) : picked.add(o.id);
          b.setAttribute('aria-pressed', picked.has(o.id));
        });
        b.setAttribute('aria-pressed', 'false');
        return b;
      })));
      parts.push(el('button', { type: 'button', class: 'button big', 'data-testid': 'send', onclick: () => send({ options: [...picked] }) }, T['Play.Send']));
    } else if (q.type === 'Ordering') {
      const list = el('ol', { class: 'order-list' });
      const items = q.options.slice();
      const draw = () => list.replaceChildren(...items.map((o, i) => el('li', {},
        el('span', {}, o.text),
        el('button', { type: 'button', class: 'button small', 'aria-label': T['Play.Up'] + ': ' + o.text, disabled: i === 0, onclick: () => { [items[i - 1], items[i]] = [items[i], items[i - 1]]; draw(); } }, '↑'),
        el('button', { type: 'button', class: 'button small', 'aria-label': T['Play.Down'] + ': ' + o.text, disabled: i === items.length - 1, onclick: () => { [items[i + 1], items[i]] = [items[i], items[i + 1]]; draw(); } }, '↓'))));
      draw();
      parts.push(list, el('button', { type: 'button', class: 'button big', 'data-testid': 'send', onclick: () => send({ order: items.map(o => o.id) }) }, T['Play.Send']));
    } else {
      const input = el('input', { type: 'text', maxlength: 200, 'aria-label': T['Play.TypeHere'], placeholder: T['Play.TypeHere'], 'data-testid': 'typed', autocomplete: 'off' });
      parts.push(el('form', { class: 'typed', onsubmit: ev => { ev.preventDefault(); send({ text: input.value }); } },
        input, el('button', { type: 'submit', class: 'button big', 'data-testid': 'send' }, T['Play.Send'])));
    }
    show(...parts.filter(Boolean));
  }

  function optionButton(o, i, onclick) {
    return el('button', { type: 'button', class: 'answer ans ans' + (i + 1), 'data-testid': 'option-' + o.id, 'aria-label': Live.answerName(T, i) + ': ' + o.text, onclick },
      Live.mark(), el('span', {}, o.text));
  }

  async function send(answer) {
    const q = current;
    stage.querySelectorAll('button').forEach(b => { b.disabled = true; });
    let retried = false;
    try {
      await Live.invokeRetrying(conn, { waiting: on => { retried = retried || on; waiting(on); } }, 'Answer', q.index, answer);
      received();
    } catch (e) {
      // A retry refused as already answered: the first try reached the game's server after all, and the first answer counts.
      if (retried && /\balready-answered: /.test(String(e && e.message))) { received(); return; }
      stage.querySelectorAll('button').forEach(b => { b.disabled = false; });
      status.textContent = Live.refusal(e, 'play');
    }
  }

  function received() {
    show(el('p', { class: 'big-msg received', 'data-testid': 'received' }, '✓ ' + T['Play.Received']));
  }

  function renderReveal(r) {
    current = null;
    const verdict = !r.answered ? T['Play.NoAnswer'] : r.isCorrect ? T['Play.Correct'] : r.credit > 0 ? T['Play.Partial'] : T['Play.Incorrect'];
    const cls = r.isCorrect ? 'right' : r.credit > 0 ? 'partial' : 'wrong';
    show(
      el('div', { class: 'verdict ' + cls, 'data-testid': 'verdict' }, verdict),
      el('p', { class: 'points' }, '+' + Live.plural(T, 'Play.PointsN', r.points) + (r.streakBonus ? ' (' + T['Play.Streak'] + ' ' + r.streak + ')' : '')),
      el('p', {}, T['Play.Score'] + ': ', el('strong', { 'data-testid': 'score' }, Live.numberFormat.format(r.score))),
      el('p', {}, T['Play.Rank'] + ': ', el('strong', { 'data-testid': 'rank' }, r.rank + '/' + r.players)),
      el('p', { class: 'muted' }, r.gapToAhead === null || r.gapToAhead === undefined ? T['Play.Leading'] : T['Play.Behind'] + ' ' + r.ahead + ': ' + Live.plural(T, 'Play.PointsN', r.gapToAhead)));
  }

  function renderFinal(f) {
    current = null;
    show(
      el('h2', {}, T['Play.Final']),
      f.onPodium ? el('p', { class: 'verdict right' }, '🏆 ' + T['Play.Podium']) : null,
      el('p', {}, T['Play.Rank'] + ': ', el('strong', { 'data-testid': 'final-rank' }, f.rank + '/' + f.players)),
      el('p', {}, T['Play.Score'] + ': ', el('strong', { 'data-testid': 'final-score' }, Live.numberFormat.format(f.score))),
      f.teamRank ? el('p', {}, T['Play.TeamResult'] + ': ', el('strong', { 'data-testid': 'final-team' }, f.teamRank + ' · ' + Live.numberFormat.format(f.teamScore))) : null);
  }

  start();
})();
