// The judge's phone: the team on stage, a stepper per criterion, a comment each, save until the lock.
"use strict";
(() => {
    const { t, api, syncClock, startTimer, hub, refusal, h, fmt } = window.Pitch;
    const root = document.getElementById("judge");
    const roundId = Number(root.dataset.round);
    let view = null, live = null, selected = null, userPicked = false;
    const drafts = new Map();

    async function load() {
        const r = await api("GET", `/api/pitch/rounds/${roundId}/judge`);
        if (!r.ok) { document.getElementById("sheet").replaceChildren(h("p", { class: "error", text: r.error })); return; }
        view = r.data;
        onLive(view.live, false);
        render();
    }

    function onLive(state, rerender = true) {
        // A new team on stage takes the judge to it, even after the judge looked at another team.
        if (live && live.currentTeamId !== state.currentTeamId) userPicked = false;
        live = state; syncClock(state);
        const team = view?.teams.find(x => x.team.id === state.currentTeamId);
        document.getElementById("live-label").textContent = team ? `${t("Pitch.OnStage")}: ${team.team.name}` : t("Pitch.NoTeamOnStage");
        if (team && !userPicked) selected = team.team.id;
        if (rerender && view) render();
    }

    function total(team) {
        let sum = 0, weights = 0;
        for (const c of view.criteria) {
            const v = valueOf(team, c);
            weights += c.weight;
            sum += c.weight * v / c.maxScore;
        }
        return weights > 0 ? 100 * sum / weights : 0;
    }

    function saved(team, c) { return team.myScores.find(s => s.criterionId === c.id); }
    function draft(team) { if (!drafts.has(team.team.id)) drafts.set(team.team.id, {}); return drafts.get(team.team.id); }
    function valueOf(team, c) { return draft(team)[c.id]?.score ?? saved(team, c)?.score ?? 0; }
    function commentOf(team, c) { return draft(team)[c.id]?.comment ?? saved(team, c)?.comment ?? ""; }
    function setDraft(team, c, patch) { const d = draft(team); d[c.id] = { score: valueOf(team, c), comment: commentOf(team, c), ...patch }; }

    function render() {
        if (selected === null && view.teams.length) selected = view.teams[0].team.id;
        document.getElementById("teams").replaceChildren(...view.teams.map(x => h("button", {
            type: "button",
            class: "pitch-tab" + (x.team.id === selected ? " selected" : "") + (x.team.id === live?.currentTeamId ? " on-stage" : "") + (x.team.locked ? " locked" : ""),
            "data-team": x.team.id,
            onclick: () => { selected = x.team.id; userPicked = true; render(); },
        }, x.team.name, x.myScores.length === view.criteria.length ? " ✓" : "")));

        const team = view.teams.find(x => x.team.id === selected);
        const sheet = document.getElementById("sheet");
        if (!team) { sheet.replaceChildren(); return; }
        const head = h("header", {}, h("h2", { text: team.team.name }), h("p", { class: "muted", text: team.team.project }));
        if (team.recused) { sheet.replaceChildren(head, h("p", { class: "pitch-note", "data-testid": "recused", text: t("Pitch.RecusedTeam") })); return; }
        const readOnly = team.team.locked;
        const totalNode = h("strong", { "data-testid": "total", text: fmt(total(team)) });
        const rows = view.criteria.map(c => criterion(team, c, readOnly, () => { totalNode.textContent = fmt(total(team)); }));
        const status = h("p", { class: "pitch-status", id: "status", role: "status", "data-testid": "status" });
        const footer = readOnly
            ? h("p", { class: "pitch-note locked", "data-testid": "locked", text: t("Pitch.Locked") })
            : h("button", { type: "button", class: "button big", "data-testid": "save", onclick: () => save(team, status) }, t("Pitch.Save"));
        sheet.replaceChildren(head, ...rows, h("p", { class: "pitch-total" }, t("Pitch.Total"), ": ", totalNode), footer, status);
    }

    function criterion(team, c, readOnly, changed) {
        const value = h("output", { class: "pitch-value", "data-testid": `value-${c.id}`, text: fmt(valueOf(team, c)) });
        const slider = h("input", { type: "range", min: 0, max: c.maxScore, step: 0.5, value: valueOf(team, c), disabled: readOnly, "aria-label": c.name });
        const set = v => {
            v = Math.min(c.maxScore, Math.max(0, Math.round(v * 2) / 2));
            setDraft(team, c, { score: v });
            value.textContent = fmt(v); slider.value = v; changed();
        };
        slider.addEventListener("input", () => set(Number(slider.value)));
        const minus = h("button", { type: "button", class: "pitch-step", disabled: readOnly, "data-testid": `minus-${c.id}`, "aria-label": "−", onclick: () => set(valueOf(team, c) - 0.5) }, "−");
        const plus = h("button", { type: "button", class: "pitch-step", disabled: readOnly, "data-testid": `plus-${c.id}`, "aria-label": "+", onclick: () => set(valueOf(team, c) + 0.5) }, "+");
        const comment = h("textarea", { rows: 2, maxlength: 2000, placeholder: t("Pitch.Comment"), disabled: readOnly, "data-testid": `comment-${c.id}` });
        comment.value = commentOf(team, c);
        comment.addEventListener("input", () => setDraft(team, c, { comment: comment.value }));
        return h("div", { class: "pitch-criterion", "data-criterion": c.id },
            h("div", { class: "pitch-criterion-head" }, h("strong", { text: c.name }), h("span", { class: "muted", text: `${t("Pitch.Weight")} ${c.weight} · ${t("Pitch.Max")} ${c.maxScore}` })),
            c.description ? h("p", { class: "muted small", text: c.description }) : null,
            c.guidance ? h("p", { class: "muted small pre", text: c.guidance }) : null,
            h("div", { class: "pitch-stepper" }, minus, value, plus),
            slider,
            comment);
    }

    async function save(team, status) {
        status.className = "pitch-status"; status.textContent = t("Pitch.Saving");
        const scores = view.criteria.map(c => ({ criterionId: c.id, score: valueOf(team, c), comment: commentOf(team, c) }));
        const r = await api("PUT", `/api/pitch/teams/${team.team.id}/scores`, { scores });
        if (!r.ok) { status.className = "pitch-status error"; status.textContent = r.error; if (r.code === "locked") await load(); return; }
        team.myScores = r.data;
        drafts.delete(team.team.id);
        render();
        const s = document.getElementById("status");
        s.className = "pitch-status ok";
        s.textContent = `${t("Pitch.Saved")} ${new Date().toLocaleTimeString()}`;
    }

    startTimer(document.getElementById("timer"), () => live);
    load().then(() => hub("JoinAsJudge", roundId, {
        LiveChanged: s => { if (view) onLive(s); else live = s; },
        TeamLocked: () => load(),
        Reconnected: () => load(),
    })).catch(e => document.getElementById("sheet").prepend(h("p", { class: "error", text: refusal(e) })));
})();
