// The unit picker: turns the text box rendered by <unit-picker> (Contest.Admin/Units/UnitPickerTagHelper.cs) into a
// combobox searching /api/units/search. The unit id travels in the hidden input; the text box only shows the path.
// A unit counts as chosen only when picked from the list, so a half-typed name never posts as some other unit.
(() => {
  'use strict';

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = '1';
    const S = JSON.parse(root.dataset.strings || '{}');
    const hidden = root.querySelector('input[type=hidden]');
    const box = root.querySelector('input[role=combobox]');
    const list = root.querySelector('[role=listbox]');
    const clear = root.querySelector('.unit-picker-clear');
    const status = root.querySelector('.unit-picker-status');
    const required = root.hasAttribute('data-required');
    const fmt = (s, ...a) => String(s || '').replace(/\{(\d)\}/g, (_, i) => a[+i]);
    let items = [], active = -1, timer = 0, ctrl = null, chosenText = hidden.value ? box.value : null;

    // Posted without script the text is resolved by the server; with it, only a picked id counts.
    box.removeAttribute('name');

    function validity() {
      if (hidden.value) box.setCustomValidity('');
      else if (box.value.trim()) box.setCustomValidity(S.Pick || '');
      else box.setCustomValidity(required ? (S.Required || '') : '');
    }

    function open(on) {
      list.hidden = !on;
      box.setAttribute('aria-expanded', on ? 'true' : 'false');
      if (!on) { active = -1; box.removeAttribute('aria-activedescendant'); }
    }

    function setActive(i) {
      const opts = list.querySelectorAll('[role=option]');
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach((o, k) => o.setAttribute('aria-selected', k === active ? 'true' : 'false'));
      box.setAttribute('aria-activedescendant', opts[active].id);
      opts[active].scrollIntoView({ block: 'nearest' });
    }

    function note(text) {
      const li = document.createElement('li');
      li.className = 'up-note';
      li.setAttribute('role', 'presentation');
      li.textContent = text;
      list.appendChild(li);
    }

    function render(data, q) {
      items = data.items || [];
      list.textContent = '';
      items.forEach((u, i) => {
        const li = document.createElement('li');
        li.id = hidden.id + '-opt-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.id = u.id;
        const name = document.createElement('span');
        name.className = 'up-name';
        name.textContent = u.name;
        const path = document.createElement('span');
        path.className = 'up-path';
        const above = u.path.slice(0, -1).join(' › ');
        path.textContent = above ? above + ' · ' + u.levelName : u.levelName;
        li.append(name, path);
        // mousedown would blur the box before the click lands; keep the focus where it is.
        li.addEventListener('mousedown', e => e.preventDefault());
        li.addEventListener('click', () => pick(u));
        list.appendChild(li);
      });
      if (!items.length && q) note(fmt(S.None, q));
      else if (data.total > items.length) note(fmt(S.More, data.total - items.length));
      status.textContent = items.length ? fmt(S.Results, data.total) : (q ? fmt(S.None, q) : '');
      open(items.length > 0 || !!q);
    }

    async function search(q) {
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      const url = new URL(root.dataset.search, location.href);
      url.searchParams.set('q', q);
      url.searchParams.set('limit', '10');
      if (root.dataset.levels) url.searchParams.set('levels', root.dataset.levels);
      try {
        const res = await fetch(url, { signal: ctrl.signal, headers: { Accept: 'application/json' } });
        const data = await res.json();
        if (!res.ok) { list.textContent = ''; note(data.detail || S.Offline); open(true); return; }
        // An answer to older text (the list shown on focus, a slow reply) would offer units the words no longer match.
        if (box.value.trim() === q.trim()) render(data, q.trim());
      } catch (e) {
        if (e.name === 'AbortError') return;
        list.textContent = '';
        note(S.Offline);
        open(true);
      }
    }

    function pick(u) {
      hidden.value = String(u.id);
      box.value = u.pathText;
      chosenText = u.pathText;
      clear.hidden = false;
      open(false);
      validity();
      status.textContent = fmt(S.Chosen, u.pathText);
      hidden.dispatchEvent(new Event('change', { bubbles: true }));
      if (root.hasAttribute('data-submit-on-pick') && box.form) box.form.requestSubmit();
    }

    function reset() {
      if (hidden.value) { hidden.value = ''; hidden.dispatchEvent(new Event('change', { bubbles: true })); }
      chosenText = null;
    }

    box.addEventListener('input', () => {
      if (chosenText !== null && box.value !== chosenText) reset();
      clear.hidden = !box.value;
      validity();
      clearTimeout(timer);
      // Until the new answer comes, the old matches must not be tapped by mistake.
      items = [];
      list.textContent = '';
      note(S.Loading);
      open(!!box.value.trim());
      const q = box.value;
      timer = setTimeout(() => search(q), 180);
    });
    box.addEventListener('focus', () => { if (!box.value.trim()) search(''); });
    box.addEventListener('keydown', e => {
      if (e.key === 'ArrowDown') { e.preventDefault(); if (list.hidden) search(box.value); else setActive(active + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); if (!list.hidden) setActive(active - 1); }
      else if (e.key === 'Enter' && !list.hidden && (active >= 0 || items.length === 1)) { e.preventDefault(); pick(items[Math.max(active, 0)]); }
      else if (e.key === 'Escape' && !list.hidden) { e.preventDefault(); open(false); }
    });
    root.addEventListener('focusout', e => { if (!root.contains(e.relatedTarget)) open(false); });
    clear.addEventListener('click', () => {
      reset();
      box.value = '';
      clear.hidden = true;
      validity();
      box.focus();
    });
    validity();
  }

  const start = () => document.querySelectorAll('[data-unit-picker]').forEach(init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
  window.UnitPicker = { init: start };
})();
