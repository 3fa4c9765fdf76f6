// The question import page: the progress bar of a running check or save, and refusing an over-large file before it is sent.
(() => {
    const box = document.querySelector('[data-testid=import-progress]');
    if (box) {
        const bar = box.querySelector('.progress > div'), text = box.querySelector('[data-progress-text]');
        const template = box.dataset.template;
        const poll = async () => {
            const r = await fetch(box.dataset.url, { credentials: 'same-origin' });
            if (!r.ok) { location.reload(); return; }
            const p = await r.json();
            if (p.finished) { location.reload(); return; }
            if (p.total > 0) bar.style.width = Math.round(100 * p.done / p.total) + '%';
            text.textContent = template.replace('{0}', p.done).replace('{1}', p.total);
            setTimeout(poll, 400);
        };
        setTimeout(poll, 200);
    }

    // The server would have to receive all of an over-large file before refusing it.
    const input = document.getElementById('Upload'), error = document.getElementById('upload-error');
    if (input && error) {
        input.form.addEventListener('submit', e => {
            const file = input.files && input.files[0];
            if (!file || file.size <= Number(input.dataset.maxBytes)) { error.hidden = true; return; }
            e.preventDefault();
            error.textContent = input.dataset.tooBig.replace('{0}', (file.size / 1048576).toLocaleString(document.documentElement.lang || undefined, { maximumFractionDigits: 1 }));
            error.hidden = false;
        });
    }
})();
