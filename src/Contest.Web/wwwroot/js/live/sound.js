// The host's sound, made here with the Web Audio API (no audio files, nothing to license): a light lobby loop, a tick
// in the last five seconds of a question, a chime at the reveal and a fanfare step for each podium place.
// Off until the host turns it on (browsers refuse sound before a click anyway); the choice is kept in localStorage.
(() => {
  const AC = window.AudioContext || window.webkitAudioContext;
  const button = document.querySelector('#host [data-action=sound]');
  if (!AC || !button) return;
  const T = JSON.parse(document.getElementById('host').dataset.strings);
  const KEY = 'contest.live.sound';
  let on = localStorage.getItem(KEY) === 'on';
  let ctx = null;
  let master = null;
  let phase = null;

  function audio() {
    if (!ctx) {
      ctx = new AC();
      master = ctx.createGain();
      master.gain.value = 0.5;
      master.connect(ctx.destination);
    }
    if (ctx.state === 'suspended') ctx.resume();
    return ctx;
  }

  // One note: an oscillator through a short attack / decay envelope.
  function note(freq, at, dur, { type = 'triangle', gain = 0.25 } = {}) {
    const c = audio();
    const o = c.createOscillator();
    const g = c.createGain();
    o.type = type;
    o.frequency.value = freq;
    g.gain.setValueAtTime(0.0001, at);
    g.gain.exponentialRampToValueAtTime(gain, at + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, at + dur);
    o.connect(g).connect(master);
    o.start(at);
    o.stop(at + dur + 0.05);
  }
  const hz = midi => 440 * 2 ** ((midi - 69) / 12);

  // Lobby: a four-bar pentatonic pattern over a bass note, scheduled a little ahead so timers' jitter is not heard.
  const melody = [72, 76, 79, 84, 79, 76, 74, 79, 72, 76, 81, 79, 76, 74, 72, 67];
  const bass = [48, 48, 45, 43];
  const step = 60 / 112 / 2;
  let loop = null;
  let nextAt = 0;
  let index = 0;
  function startLoop() {
    if (loop || !on) return;
    nextAt = audio().currentTime + 0.1;
    index = 0;
    loop = setInterval(() => {
      while (nextAt < ctx.currentTime + 0.3) {
        note(hz(melody[index % melody.length]), nextAt, step * 0.9, { gain: 0.09 });
        if (index % 4 === 0) note(hz(bass[(index / 4 | 0) % bass.length]), nextAt, step * 3.6, { type: 'sine', gain: 0.14 });
        nextAt += step;
        index++;
      }
    }, 100);
  }
  function stopLoop() { clearInterval(loop); loop = null; }

  const tick = last => { const t = audio().currentTime; note(last ? 1320 : 990, t, 0.12, { type: 'square', gain: 0.07 }); };
  const timeUp = () => { const t = audio().currentTime; note(hz(45), t, 0.9, { type: 'sawtooth', gain: 0.12 }); note(hz(52), t, 0.9, { type: 'sine', gain: 0.12 }); };
  const chime = () => { const t = audio().currentTime; [72, 76, 79, 84].forEach((m, i) => note(hz(m), t + i * 0.09, 0.5, { gain: 0.16 })); };
  const fanfare = place => {
    const t = audio().currentTime;
    const chord = place === 1 ? [72, 76, 79, 84] : place === 2 ? [67, 71, 74] : [64, 67, 71];
    chord.forEach((m, i) => note(hz(m), t + i * 0.07, place === 1 ? 1.4 : 0.7, { type: 'sawtooth', gain: 0.07 }));
  };

  function render() {
    button.hidden = false;
    button.textContent = on ? T['Host.SoundOff'] : T['Host.SoundOn'];
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  button.addEventListener('click', () => {
    on = !on;
    localStorage.setItem(KEY, on ? 'on' : 'off');
    render();
    if (on) { audio(); if (phase === 'Lobby') startLoop(); } else stopLoop();
  });

  document.addEventListener('live:phase', e => {
    const was = phase;
    phase = e.detail.phase;
    if (phase === 'Lobby') startLoop(); else stopLoop();
    if (on && phase === 'Reveal' && was !== 'Reveal') chime();
  });
  document.addEventListener('live:second', e => {
    if (!on || phase !== 'Question' || e.detail.paused) return;
    if (e.detail.left > 0 && e.detail.left <= 5) tick(e.detail.left === 1);
    else if (e.detail.left === 0) timeUp();
  });
  // A choice remembered from an earlier visit: the browser lets the sound start at the host's first click or key.
  const wake = () => { if (on && ctx && ctx.state === 'suspended') ctx.resume(); };
  document.addEventListener('pointerdown', wake);
  document.addEventListener('keydown', wake);
  document.addEventListener('live:podium', e => { if (on) fanfare(e.detail.place); });
  render();
})();
