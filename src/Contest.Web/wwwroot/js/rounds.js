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
