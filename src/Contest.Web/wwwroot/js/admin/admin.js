// Behaviour shared by admin pages, kept out of the HTML so the Content-Security-Policy can refuse inline script and style.
(() => {
    // <button data-confirm="Xoá?">: asks before submitting.
    document.addEventListener('click', e => {
        const el = e.target.closest('[data-confirm]');
        if (el && !confirm(el.dataset.confirm)) e.preventDefault();
    });
    // Computed sizes (report bars, tree indents) travel as data attributes; setting them through the DOM is allowed by the policy.
    document.querySelectorAll('[data-width]').forEach(el => { el.style.width = el.dataset.width + '%'; });
    document.querySelectorAll('[data-indent]').forEach(el => { el.style.paddingLeft = el.dataset.indent + 'rem'; });
})();
