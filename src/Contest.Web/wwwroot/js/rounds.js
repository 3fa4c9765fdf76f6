// The countdown is only a display: the server holds the deadline and finishes the attempt when it passes.
(function () {
    var el = document.getElementById('clock');
    if (!el) return;
    var end = Date.now() + Number(el.dataset.msLeft);
    function pad(n) { return (n < 10 ? '0' : '') + n; }
    function tick() {
        var left = Math.max(0, end - Date.now());
        var s = Math.ceil(left / 1000);
        el.textContent = pad(Math.floor(s / 60)) + ':' + pad(s % 60);
        if (left <= 0) { setTimeout(function () { location.reload(); }, 1000); return; }
        setTimeout(tick, 250);
    }
    tick();
})();

// Integrity evidence only: tell the server when this page is hidden (tab left, app switched, screen off) and shown
// again; the server times the spell and ignores repeats. At most one report per state change, and none after the end.
(function () {
    var el = document.getElementById('clock');
    if (!el || !el.dataset.visibilityUrl || !window.fetch) return;
    var url = el.dataset.visibilityUrl, sent = 0, last = null;
    function report() {
        var hidden = document.visibilityState === 'hidden';
        if (hidden === last || sent >= 400) return;
        last = hidden;
        sent++;
        fetch(url, {
            method: 'POST', credentials: 'same-origin', keepalive: true,
            headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ hidden: hidden })
        }).then(function (r) { if (r.status === 400 || r.status === 404) sent = 400; }, function () { });
    }
    document.addEventListener('visibilitychange', report);
})();
