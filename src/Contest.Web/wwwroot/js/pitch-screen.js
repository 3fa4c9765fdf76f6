// The projector: the team on stage, the timer, the ranking of locked teams, and the audience vote apart from it.
"use strict";
(() => {
    const { t, api, syncClock, startTimer, hub, h, fmt } = window.Pitch;
    const roundId = Number(document.getElementById("screen").dataset.round);
    let live = null, names = new Map();

    async function loadRanking() {
        const r = await api("GET", `/api/pitch/rounds/${roundId}/ranking`);
        if (!r.ok) return;
        document.getElementById("empty").hidden = r.data.teams.length > 0;
        document.getElementById("ranking").replaceChildren(...r.data.teams.map(x => h("li", { class: "rank-" + x.rank, "data-team": x.teamId },
            h("span", { class: "rank", text: x.rank }),
            h("span", { class: "name" }, x.name, h("small", { text: x.project })),
            h("span", { class: "score", text: fmt(x.score) }))));
    }

    async function loadVotes() {
        const r = await api("GET", `/api/pitch/rounds/${roundId}/votes`);
        if (!r.ok) return;
        r.data.teams.forEach(x => names.set(x.teamId, x.name));
        document.getElementById("audience").hidden = !r.data.open && r.data.total === 0;
        document.getElementById("votes").replaceChildren(...r.data.teams.map(x => h("li", {}, h("span", { class: "name", text: x.name }), h("span", { class: "score", text: `${x.votes} ${t("Pitch.Votes")}` }))));
        showCurrent();
    }

    function showCurrent() {
        document.getElementById("current").textContent = live?.currentTeamId ? (names.get(live.currentTeamId) ?? "") : t("Pitch.NoTeamOnStage");
    }

    startTimer(document.getElementById("timer"), () => live);
    Promise.all([loadRanking(), loadVotes()]).then(() => hub("WatchRound", roundId, {
        LiveChanged: s => { live = s; syncClock(s); showCurrent(); },
        TeamLocked: () => loadRanking(),
        VotesChanged: () => loadVotes(),
        Reconnected: () => Promise.all([loadRanking(), loadVotes()]),
    }));
})();
