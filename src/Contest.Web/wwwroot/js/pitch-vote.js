// The audience vote from a phone: one tap, one vote per account.
"use strict";
(() => {
    const { t, api } = window.Pitch;
    const root = document.getElementById("vote");
    const status = document.getElementById("vote-status");
    for (const b of root.querySelectorAll("button[data-team]")) {
        b.addEventListener("click", async () => {
            const r = await api("POST", `/api/pitch/rounds/${root.dataset.round}/votes`, { teamId: Number(b.dataset.team) });
            status.className = "pitch-status " + (r.ok ? "ok" : "error");
            status.textContent = r.ok ? t("Pitch.VoteThanks") : r.error;
            if (r.ok) root.querySelectorAll("button[data-team]").forEach(x => x.disabled = true);
        });
    }
})();
