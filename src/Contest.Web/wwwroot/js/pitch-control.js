// The organizer's control page: team on stage, timers, judges' progress, locks, provisional ranking, audience vote.
"use strict";
(() => {
    const { t, api, syncClock, startTimer, hub, refusal, h, fmt } = window.Pitch;
    const root = document.getElementById("control");
    const roundId = Number(root.dataset.round);
    let view = null, live = null;

    async function load() {
        const r = await api("GET", `/api/pitch/rounds/${roundId}/control`);
        if (!r.ok) { root.prepend(h("p", { class: "error", text: r.error })); return; }
        view = r.data;
        live = view.live; syncClock(live);
        document.getElementById("round-name").textContent = view.name;
        renderTeams(); renderProgress();
        await Promise.all([loadRanking(), loadVotes(), loadPanel()]);
    }

    // The panel: who has saved the team on stage, who is recused, who is still scoring; each judge beside the rest.
    async function loadPanel() {
        const r = await api("GET", `/api/pitch/rounds/${roundId}/panel`);
        if (!r.ok) return;
        const p = r.data;
        document.getElementById("panel-team").textContent = p.teamName ? "— " + p.teamName : "";
        const stageItems = p.teamId === null
            ? [h("li", { class: "muted", text: t("Pitch.NoTeamOnStage") })]
            : p.onStage.map(j => h("li", { class: "pitch-judge-state " + j.status.toLowerCase(), "data-judge": j.judgeId, "data-status": j.status },
                h("strong", { text: j.name }), " ",
                h("span", { text: j.status === "Saved" ? `${t("Pitch.Stage.Saved")} ${vnTime(j.savedAt)}`
                    : j.status === "Scoring" ? `${t("Pitch.Stage.Scoring")} (${j.scored}/${j.criteria})`
                    : t("Pitch.Stage." + j.status) })));
        document.getElementById("stage-judges").replaceChildren(...stageItems);
        const s = p.spread;
        const row = (name, x, cls) => h("tr", { class: cls || "", "data-judge": x.judgeId || "" },
            h("th", { text: name }), h("td", { text: x.teams ?? s.totals }), h("td", { text: fmt(x.mean) }), h("td", { text: fmt(x.spread) }),
            h("td", { text: x.gap === undefined ? "" : x.gap === null ? "—" : (x.gap > 0 ? "+" : "") + fmt(x.gap) }),
            h("td", { text: x.reference === undefined ? "" : fmt(x.reference) }),
            h("td", { text: x.farOff ? "⚠ " + t("Pitch.FarOff") : "" }));
        document.getElementById("spread").replaceChildren(
            h("tr", {}, h("th", { text: t("Pitch.Judge.Name") }), h("th", { text: t("Pitch.Spread.Teams") }), h("th", { text: t("Pitch.Spread.Mean") }),
                h("th", { text: t("Pitch.Spread.Sd") }), h("th", { text: t("Pitch.Spread.Gap") }), h("th", { text: t("Pitch.Spread.Reference") }), h("th", {})),
            ...s.judges.map(j => ({ j, name: p.names[j.judgeId] ?? j.judgeId })).sort((a, b) => a.name.localeCompare(b.name, "vi"))
                .map(({ j, name }) => row(name, j, j.farOff ? "far-off" : "")),
            row(t("Pitch.Spread.Panel"), { mean: s.mean, spread: s.spread }, "panel-row"));
    }

    // Times on the organizer's pages are Vietnam time, whatever the laptop's clock says.
    const vnTime = iso => new Date(iso).toLocaleTimeString(document.documentElement.lang || "vi", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", second: "2-digit" });

    function renderTeams() {
        const current = view.teams.find(x => x.id === live?.currentTeamId);
        document.getElementById("current").textContent = current ? current.name : "—";
        document.getElementById("teams").replaceChildren(
            h("tr", {}, h("th", { text: "#" }), h("th", { text: t("Pitch.Team") }), h("th", { text: t("Pitch.Project") }), h("th", {}), h("th", {})),
            ...view.teams.map((x, i) => h("tr", { class: x.id === live?.currentTeamId ? "on-stage" : "", "data-team": x.id },
                h("td", { text: i + 1 }),
                h("td", {}, h("strong", { text: x.name })),
                h("td", { class: "muted", text: x.project }),
                h("td", {}, h("button", { type: "button", class: "button", "data-testid": `stage-${x.id}`, disabled: x.id === live?.currentTeamId,
                    onclick: () => act("POST", `/api/pitch/rounds/${roundId}/current`, { teamId: x.id }) }, t("Pitch.MakeCurrent"))),
                h("td", {}, x.locked
                    ? h("span", { class: "ok", "data-testid": `locked-${x.id}`, text: "🔒 " + vnTime(x.lockedAt) })
                    : h("button", { type: "button", class: "button", "data-testid": `lock-${x.id}`,
                        onclick: () => { if (confirm(t("Pitch.LockConfirm"))) act("POST", `/api/pitch/teams/${x.id}/lock`); } }, t("Pitch.Lock"))))));
    }

    function renderProgress() {
        if (view.progress.length === 0) {
            document.getElementById("progress").replaceChildren(h("tr", {}, h("td", { class: "muted", "data-testid": "no-judges", text: t("Pitch.NoJudges") })));
            return;
        }
        document.getElementById("progress").replaceChildren(
            h("tr", {}, h("th", {}), ...view.teams.map(x => h("th", { text: x.name }))),
            ...view.progress.map(j => h("tr", { "data-judge": j.judgeId },
                h("th", { text: j.name }),
                ...j.teams.map(p => h("td", { class: p.recused ? "muted" : p.scored === p.criteria ? "ok" : "",
                    text: p.recused ? t("Pitch.Recused") : p.scored === p.criteria ? "✓" : `${p.scored}/${p.criteria}` })))));
    }

    async function loadRanking() {
        const r = await api("GET", `/api/pitch/rounds/${roundId}/ranking?all=true`);
        if (!r.ok) return;
        document.getElementById("ranking").replaceChildren(
            h("tr", {}, h("th", { text: t("Pitch.Rank") }), h("th", { text: t("Pitch.Team") }), h("th", { text: t("Pitch.Score") }), h("th", { text: t("Pitch.JudgesCount") })),
            ...r.data.teams.map(x => h("tr", {}, h("td", { text: x.rank ?? "—" }), h("td", { text: x.name + (x.locked ? " 🔒" : "") }), h("td", { text: fmt(x.score) }), h("td", { text: x.judges }))));
    }

    async function loadVotes() {
        const r = await api("GET", `/api/pitch/rounds/${roundId}/votes`);
        if (!r.ok) return;
        const button = document.getElementById("vote-toggle");
        button.textContent = r.data.open ? t("Pitch.CloseVote") : t("Pitch.OpenVote");
        button.onclick = () => act("POST", `/api/pitch/rounds/${roundId}/votes/open`, { open: !r.data.open });
        document.getElementById("votes").textContent = r.data.teams.map(x => `${x.name}: ${x.votes}`).join(" · ");
    }

    async function act(method, url, body) {
        const r = await api(method, url, body);
        if (!r.ok) alert(r.error);
        await load();
    }

    for (const b of document.querySelectorAll("[data-timer]")) b.addEventListener("click", () => act("POST", `/api/pitch/rounds/${roundId}/timer`, { phase: b.dataset.timer }));
    startTimer(document.getElementById("timer"), () => live);
    load().then(() => hub("JoinAsOrganizer", roundId, {
        LiveChanged: s => { live = s; syncClock(s); if (view) { renderTeams(); loadPanel(); } },
        ScoresSaved: () => load(),
        TeamLocked: () => load(),
        VotesChanged: () => loadVotes(),
        Reconnected: () => load(),
    })).catch(e => document.getElementById("teams").before(h("p", { class: "error", text: refusal(e) })));
})();
