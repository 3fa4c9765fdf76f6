// The round editor: shows only the settings of the chosen selection mode; without script both groups stay visible.
(() => {
    const select = document.querySelector('[data-selection]');
    if (!select) return;
    const sync = () => document.querySelectorAll('[data-for-selection]').forEach(g => g.hidden = g.dataset.forSelection !== select.value);
    select.addEventListener('change', sync);
    sync();
})();
