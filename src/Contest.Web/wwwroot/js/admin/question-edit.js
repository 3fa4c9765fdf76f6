// Shows the parts of the form that belong to the chosen type, and keeps the phone preview in step with what is typed.
(() => {
    const type = document.querySelector('[data-question-type]');
    const preview = document.querySelector('[data-testid=phone-preview]');
    const options = [...document.querySelectorAll('[data-preview-option]')];
    const correct = [...document.querySelectorAll('[data-preview-correct]')];
    const sync = () => {
        const t = type.value;
        document.querySelectorAll('[data-when-type]').forEach(el => el.hidden = !el.dataset.whenType.split(' ').includes(t));
        preview.querySelector('.q').textContent = document.querySelector('[data-preview-text]').value;
        const choices = preview.querySelector('.choices');
        choices.replaceChildren(...options.map((o, i) => ({ text: o.value.trim(), i })).filter(o => o.text.length > 0).map(o => {
            const tile = document.createElement('div');
            if (t === 'Ordering') {
                tile.className = 'choice';
                tile.textContent = (o.i + 1) + '. ' + o.text;
                return tile;
            }
            // The same answer palette (colour, shape, letter) as the phones and the host: see _PhonePreview and palette.css.
            tile.className = 'choice ans ans' + (o.i + 1) + (correct[o.i].checked ? ' correct' : '');
            tile.dataset.testid = 'preview-option-' + o.i;
            const mark = document.createElement('span');
            mark.className = 'ans-mark';
            mark.setAttribute('aria-hidden', 'true');
            tile.append(mark, '\u00a0' + o.text);
            return tile;
        }));
        const blank = preview.querySelector('.blank');
        blank.textContent = document.querySelector('[data-preview-accepted]').value.split('\n').map(s => s.trim()).filter(s => s).join(' / ');
        choices.hidden = t === 'FillBlank';
        blank.hidden = t !== 'FillBlank';
    };
    document.querySelector('.editor form').addEventListener('input', sync);
    type.addEventListener('change', sync);
    sync();
})();
