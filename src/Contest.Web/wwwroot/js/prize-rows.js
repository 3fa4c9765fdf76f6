// The round form's prize table (partial _PrizeRows): add, remove and move rows. The server binds
// PrizeRows[0..n] in order, so every change renumbers the rows' field names, ids and labels.
// Without this script the page still works: the rows shown plus one empty row can be filled in.
(() => {
    const table = document.querySelector('[data-prize-table]');
    if (!table) return;
    const list = table.querySelector('[data-prize-rows]');
    const template = table.querySelector('template[data-prize-template]');
    const unitKinds = (table.dataset.unitKinds || '').split(',');
    const rowLabel = table.dataset.rowLabel || '{0}';
    const rows = () => [...list.querySelectorAll(':scope > [data-prize-row]')];

    const renumber = () => {
        const all = rows();
        all.forEach((row, i) => {
            row.querySelectorAll('[name^="PrizeRows["]').forEach(el => { el.name = el.name.replace(/^PrizeRows\[[^\]]*\]/, `PrizeRows[${i}]`); });
            row.querySelectorAll('[id^="PrizeRows_"]').forEach(el => { el.id = el.id.replace(/^PrizeRows_[^_]*__/, `PrizeRows_${i}__`); });
            row.querySelectorAll('label[for^="PrizeRows_"]').forEach(el => { el.htmlFor = el.htmlFor.replace(/^PrizeRows_[^_]*__/, `PrizeRows_${i}__`); });
            row.querySelectorAll('[data-valmsg-for^="PrizeRows["]').forEach(el => { el.dataset.valmsgFor = el.dataset.valmsgFor.replace(/^PrizeRows\[[^\]]*\]/, `PrizeRows[${i}]`); });
            row.setAttribute('aria-label', rowLabel.replace('{0}', String(i + 1)));
            row.querySelector('[data-prize-move="-1"]').disabled = i === 0;
            row.querySelector('[data-prize-move="1"]').disabled = i === all.length - 1;
        });
    };

    // The unit level means something only for unit prizes.
    const syncLevel = row => {
        const kind = row.querySelector('[data-prize-kind]');
        row.querySelector('[data-prize-level]').hidden = !unitKinds.includes(kind.value);
    };

    const prepare = row => {
        row.querySelector('[data-prize-tools]').hidden = false;
        syncLevel(row);
    };

    list.addEventListener('click', e => {
        const button = e.target.closest('button');
        const row = button && button.closest('[data-prize-row]');
        if (!row) return;
        if (button.hasAttribute('data-prize-remove')) {
            const next = row.nextElementSibling || row.previousElementSibling;
            row.remove();
            renumber();
            (next ? next.querySelector('[data-prize-remove]') : table.querySelector('[data-prize-add]')).focus();
            return;
        }
        const step = Number(button.dataset.prizeMove);
        if (step === -1 && row.previousElementSibling) list.insertBefore(row, row.previousElementSibling);
        else if (step === 1 && row.nextElementSibling) list.insertBefore(row.nextElementSibling, row);
        renumber();
        if (button.disabled) row.querySelector(`[data-prize-move="${-step}"]`).focus();
        else button.focus();
    });

    list.addEventListener('change', e => {
        if (e.target.matches('[data-prize-kind]')) syncLevel(e.target.closest('[data-prize-row]'));
    });

    table.querySelector('[data-prize-add]').addEventListener('click', () => {
        list.appendChild(template.content.cloneNode(true));
        const row = rows().at(-1);
        prepare(row);
        renumber();
        row.querySelector('input[name$=".Name"]').focus();
    });

    // With the add button at hand, the empty row kept for pages without script is not needed.
    rows().filter(r => r.dataset.spare === 'true').forEach(r => r.remove());
    rows().forEach(prepare);
    table.querySelector('[data-prize-add-wrap]').hidden = false;
    renumber();
})();
