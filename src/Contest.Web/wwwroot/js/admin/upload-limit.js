// Refuses an over-large file before it is sent (the server would have to receive all of it first): any file input
// with data-max-bytes and data-too-big ("{0}" = the file's size in MB), its message in the element aria-describedby names.
(() => {
    document.querySelectorAll('input[type=file][data-max-bytes][data-too-big]').forEach(input => {
        const error = document.getElementById(input.getAttribute('aria-describedby'));
        if (!error || !input.form) return;
        input.form.addEventListener('submit', e => {
            const file = input.files && input.files[0];
            if (!file || file.size <= Number(input.dataset.maxBytes)) { error.hidden = true; return; }
            e.preventDefault();
            error.textContent = input.dataset.tooBig.replace('{0}', (file.size / 1048576).toLocaleString(document.documentElement.lang || undefined, { maximumFractionDigits: 1 }));
            error.hidden = false;
        });
    });
})();
