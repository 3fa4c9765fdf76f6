// Shared by the pitch pages: strings, API calls, the server-timed countdown and the hub connection.
"use strict";
window.Pitch = (() => {
    const el = document.getElementById("pitch-strings");
    const strings = el ? JSON.parse(el.textContent) : {};
    const t = key => strings[key] ?? key;

    async function api(method, url, body) {
        let response;
        try {
            response = await fetch(url, {
                method,
                headers: body === undefined ? {} : { "Content-Type": "application/json" },
                body: body === undefined ? undefined : JSON.stringify(body),
                credentials: "same-origin",
            });
        } catch {
            return { ok: false, error: Errors.text("network") };
        }
        const data = await response.json().catch(() => null);
        if (response.ok) return { ok: true, data };
        const code = data?.code;
        // The one table's words (errors.js); the server's reason is English: on English pages it says which scores.
        const english = document.documentElement.lang === "en";
        const error = code === "invalid" && english && data?.reason
            ? `${t("Pitch.InvalidScores")} ${data.reason}`
            : (code && Errors.text(code, "pitch")) || data?.detail || Errors.text("unknown");
        return { ok: false, code, error, teamId: data?.teamId ?? null };
    }

    // The server's clock decides when a timer ends; the page only shows the difference.
    let offset = 0;
    function syncClock(live) {
        if (live?.serverNow) offset = Date.parse(live.serverNow) - Date.now();
    }

    function remaining(live) {
        if (!live?.timerEndsAt || live.phase === "Stopped") return null;
        return Math.max(0, Math.ceil((Date.parse(live.timerEndsAt) - (Date.now() + offset)) / 1000));
    }

    function startTimer(node, getLive) {
        const draw = () => {
            const live = getLive();
            const left = remaining(live);
            if (left === null) { node.textContent = ""; node.className = node.className.replace(/ ?(running|ending)/g, ""); return; }
            const mm = String(Math.floor(left / 60)).padStart(2, "0"), ss = String(left % 60).padStart(2, "0");
            node.textContent = `${t("Pitch.Timer." + live.phase)} ${mm}:${ss}`;
            node.classList.add("running");
            node.classList.toggle("ending", left <= 30);
        };
        draw();
        setInterval(draw, 250);
    }

    // A hub refusal arrives as "... HubException: code: reason", as the live hub's: worded from the one table in the
    // page's language (its pitch wording first); the server's reason only for a code the table lacks.
    function refusal(err) {
        const m = /HubException: ([a-z-]+): (.*)$/s.exec(String(err?.message ?? err));
        return m ? Errors.text(m[1], "pitch") || m[2] : Errors.text("unknown");
    }

    async function hub(join, roundId, handlers) {
        const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/pitch").withAutomaticReconnect().build();
        for (const [name, fn] of Object.entries(handlers)) connection.on(name, fn);
        const enter = async () => {
            const live = await connection.invoke(join, roundId);
            handlers.LiveChanged?.(live);
        };
        // After a reconnect the groups are gone: join again and refresh what may have been missed.
        connection.onreconnected(async () => { await enter(); handlers.Reconnected?.(); });
        // The server's Redis backplane is back after an outage (docs/live-protocol.md, "Re-sync"): a push may have been
        // lost; refresh once, at a random moment within the spread the server gives.
        connection.on("Resync", spreadMs => setTimeout(() => { enter().then(() => handlers.Reconnected?.()).catch(() => {}); }, Math.random() * (spreadMs || 0)));
        await connection.start();
        await enter();
        return connection;
    }

    function h(tag, attrs = {}, ...children) {
        const node = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) {
            if (v === undefined || v === null || v === false) continue;
            if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
            else if (k === "text") node.textContent = v;
            else node.setAttribute(k, v === true ? "" : v);
        }
        for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
        return node;
    }

    const fmt = n => n === null || n === undefined ? "—" : (Math.round(n * 100) / 100).toLocaleString(document.documentElement.lang || "vi");

    return { t, api, syncClock, startTimer, hub, refusal, h, fmt };
})();
