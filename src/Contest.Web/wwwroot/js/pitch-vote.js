// The audience vote from a phone: one tap, one vote per phone (its signed cookie), a ticket code when the round asks.
"use strict";
(() => {
    const { t, api } = window.Pitch;
    const root = document.getElementById("vote");
    const status = document.getElementById("vote-status");
    const ticket = document.getElementById("ticket");
    const buttons = [...root.querySelectorAll("button[data-team]")];
    const fill = (key, name) => t(key).replace("{0}", name);

    // The choice stays on screen (and after a reload the server says it again): buttons off, the chosen card marked.
    function showChoice(teamId) {
        buttons.forEach(x => x.disabled = true);
        const chosen = buttons.find(x => Number(x.dataset.team) === teamId);
        if (!chosen) return;
        const card = chosen.closest("li");
        card.classList.add("chosen");
        if (!card.querySelector(".pitch-mine")) {
            const mark = document.createElement("span");
            mark.className = "pitch-mine";
            mark.dataset.testid = "mine";
            mark.textContent = " ✓ " + t("Pitch.YourChoice");
            card.querySelector("strong").after(mark);
        }
        root.dataset.voted = teamId;
        return chosen.dataset.name;
    }

    for (const b of buttons) {
        b.addEventListener("click", async () => {
            buttons.forEach(x => x.disabled = true);
            const body = { teamId: Number(b.dataset.team) };
            if (ticket) body.ticket = ticket.value;
            const r = await api("POST", `/api/pitch/rounds/${root.dataset.round}/votes`, body);
            if (r.ok) {
                status.className = "pitch-status ok";
                status.textContent = t("Pitch.VoteThanks") + " " + fill("Pitch.YouVotedFor", showChoice(r.data.teamId));
                return;
            }
            status.className = "pitch-status error";
            if (r.code === "already-voted" && r.teamId) {
                status.textContent = Errors.text("already-voted", "pitch") + " " + fill("Pitch.YouVotedFor", showChoice(r.teamId));
                return;
            }
            status.textContent = r.error;
            // A wrong or used ticket, a busy network: the phone may try again; a closed vote or an address cap stays refused.
            if (!["vote-closed", "address-limit"].includes(r.code)) buttons.forEach(x => x.disabled = false);
            if (ticket && r.code?.startsWith("ticket")) ticket.focus();
        });
    }
})();
