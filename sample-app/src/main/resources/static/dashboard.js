// The gateway's live resilience dashboard. Every second it reads Actuator on the same origin:
// /actuator/circuitbreakers for each breaker's state and numbers, /actuator/circuitbreakers/{name}
// for its recent events, and /actuator/metrics/gateway.tokens for tokens per tier. Rates per
// second are differences between two polls of monotonic counters. No framework, no build step.
"use strict";

const POLL_MILLIS = 1000;
const HISTORY_POINTS = 60;
const MAX_TRANSITIONS = 50;
const SAME_EVENT_TOLERANCE_MILLIS = 1500;
const TOKENS_METRIC = "/actuator/metrics/gateway.tokens";

const previousNotPermitted = new Map();
const previousTokens = new Map();
const tokenHistory = new Map();
const transitions = [];
let previousPollMillis = null;

async function readJson(path) {
    const response = await fetch(path, {
        headers: { Accept: "application/json" },
        cache: "no-store",
    });
    if (response.status === 404) {
        return null;
    }
    if (!response.ok) {
        throw new Error(`${path} answered ${response.status}`);
    }
    return response.json();
}

function element(tag, attributes = {}, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        node.setAttribute(name, value);
    }
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

function svgElement(tag, attributes = {}) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes)) {
        node.setAttribute(name, value);
    }
    return node;
}

function formatNumber(value, digits = 0) {
    return value.toLocaleString("en", {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
    });
}

function formatClock(millis) {
    return new Date(millis).toLocaleTimeString("en-GB", { hour12: false });
}

// ISO-8601 durations as Actuator writes them (PT30S, PT0.5S, PT1M30S), shown as 30s, 0.5s, 1m30s.
function formatDuration(iso) {
    const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || "");
    if (!match) {
        return iso || "";
    }
    const [, hours, minutes, seconds] = match;
    const text = (hours ? `${hours}h` : "")
        + (minutes ? `${minutes}m` : "")
        + (seconds ? `${seconds}s` : "");
    return text || "0s";
}

function setStatus(kind, text) {
    const status = document.getElementById("status");
    status.dataset.status = kind;
    status.textContent = text;
}

// ---- Circuit breakers ----------------------------------------------------------------------

function breakerRow(name) {
    const tbody = document.querySelector("#breakers tbody");
    let row = tbody.querySelector(`tr[data-breaker="${CSS.escape(name)}"]`);
    if (row) {
        return row;
    }
    row = element("tr", { "data-breaker": name });
    row.append(
        element("th", { scope: "row" }, name),
        element("td", { class: "state", "data-breaker": name }),
        element("td", { class: "failure-rate", "data-breaker": name }),
        element("td", { class: "slow-call-rate", "data-breaker": name }),
        element("td", { class: "window number", "data-breaker": name }),
        element("td", { class: "not-permitted number", "data-breaker": name }),
        element("td", { class: "open-wait number", "data-breaker": name }));
    const rows = [...tbody.rows];
    const before = rows.find((other) => other.dataset.breaker > name);
    tbody.insertBefore(row, before || null);
    return row;
}

function renderRate(cell, percent, threshold, calls) {
    cell.replaceChildren();
    const unknown = percent < 0;
    const rate = element("div", { class: unknown ? "rate unknown" : "rate" });
    const text = unknown ? "n/a" : `${formatNumber(percent, 1)}%`;
    const value = element("span", { class: "value" }, text);
    if (unknown) {
        value.title = `${calls.buffered} calls in the window; a rate needs ${calls.minimum}`;
    }
    const meter = element("div", {
        class: "meter",
        title: `opens at ${formatNumber(threshold, 0)}%`,
    });
    const fill = element("div", { class: percent >= threshold ? "fill over" : "fill" });
    fill.style.width = `${unknown ? 0 : Math.min(percent, 100)}%`;
    const mark = element("div", { class: "threshold" });
    mark.style.left = `${Math.min(threshold, 100)}%`;
    meter.append(fill, mark);
    rate.append(value, meter);
    cell.append(rate);
}

function renderBreaker(name, breaker, elapsedSeconds) {
    const row = breakerRow(name);
    const state = row.querySelector("td.state");
    if (state.dataset.state !== breaker.state) {
        state.dataset.state = breaker.state;
        state.replaceChildren(element("span", { class: "state-badge" }, breaker.state));
    }
    const thresholds = breaker.thresholds || {};
    const calls = { buffered: breaker.bufferedCalls, minimum: thresholds.minimumNumberOfCalls };
    renderRate(
        row.querySelector("td.failure-rate"),
        breaker.failureRate,
        thresholds.failureRateThreshold,
        calls);
    renderRate(
        row.querySelector("td.slow-call-rate"),
        breaker.slowCallRate,
        thresholds.slowCallRateThreshold,
        calls);
    row.querySelector("td.window").textContent =
        `${breaker.bufferedCalls} / ${breaker.failedCalls} / ${breaker.slowCalls}`;

    const before = previousNotPermitted.get(name);
    previousNotPermitted.set(name, breaker.notPermittedCalls);
    const perSecond = before === undefined || elapsedSeconds <= 0
        ? 0
        : Math.max(0, breaker.notPermittedCalls - before) / elapsedSeconds;
    const notPermitted = row.querySelector("td.not-permitted");
    notPermitted.dataset.count = breaker.notPermittedCalls;
    notPermitted.textContent =
        `${formatNumber(breaker.notPermittedCalls)} (${formatNumber(perSecond, 1)}/s)`;
    row.querySelector("td.open-wait").textContent = formatDuration(thresholds.waitDuration);
}

// Events carry their age; the same event read on two polls lands at nearly the same instant.
function recordTransition(name, event, pollMillis) {
    const at = pollMillis - event.millisAgo;
    const known = transitions.some((seen) => seen.breaker === name
        && seen.from === event.from
        && seen.to === event.to
        && seen.reason === event.reason
        && Math.abs(seen.at - at) < SAME_EVENT_TOLERANCE_MILLIS);
    if (!known) {
        transitions.push({
            breaker: name,
            from: event.from,
            to: event.to,
            reason: event.reason,
            at,
        });
    }
}

function renderTransitions() {
    transitions.sort((a, b) => b.at - a.at);
    transitions.splice(MAX_TRANSITIONS);
    const list = document.getElementById("transitions");
    list.replaceChildren(...transitions.map((transition) => {
        const item = element("li", {
            "data-breaker": transition.breaker,
            "data-from": transition.from,
            "data-to": transition.to,
        });
        const change = element("span", { class: "change" });
        change.append(
            `${transition.from} → `,
            element("span", { class: `to-${transition.to}` }, transition.to));
        item.append(
            element(
                "time",
                { datetime: new Date(transition.at).toISOString() },
                formatClock(transition.at)),
            element("span", { class: "breaker" }, transition.breaker),
            change,
            element("span", { class: "reason" }, transition.reason || ""));
        return item;
    }));
    document.getElementById("no-transitions").hidden = transitions.length > 0;
}

async function pollBreakers(pollMillis, elapsedSeconds) {
    const report = await readJson("/actuator/circuitbreakers");
    const breakers = (report && report.circuitBreakers) || {};
    const names = Object.keys(breakers);
    for (const name of names) {
        renderBreaker(name, breakers[name], elapsedSeconds);
    }
    for (const row of [...document.querySelectorAll("#breakers tbody tr")]) {
        if (!names.includes(row.dataset.breaker)) {
            row.remove();
        }
    }
    document.getElementById("no-breakers").hidden = names.length > 0;

    const details = await Promise.all(
        names.map((name) => readJson(`/actuator/circuitbreakers/${encodeURIComponent(name)}`)));
    for (const detail of details) {
        for (const event of (detail && detail.events) || []) {
            if (event.type === "STATE_TRANSITION") {
                recordTransition(detail.name, event, pollMillis);
            }
        }
    }
    renderTransitions();
}

// ---- Tokens per tier ------------------------------------------------------------------------

function tagValues(metric, tag) {
    const found = (metric.availableTags || []).find((candidate) => candidate.tag === tag);
    return found ? [...found.values].sort() : [];
}

async function readCount(tier, outcome) {
    const query =
        `?tag=tier:${encodeURIComponent(tier)}&tag=outcome:${encodeURIComponent(outcome)}`;
    const metric = await readJson(TOKENS_METRIC + query);
    const count = metric
        && metric.measurements.find((measurement) => measurement.statistic === "COUNT");
    return count ? count.value : 0;
}

function tokenRate(key, total, elapsedSeconds) {
    const before = previousTokens.get(key);
    previousTokens.set(key, total);
    if (before === undefined || elapsedSeconds <= 0) {
        return 0;
    }
    return Math.max(0, total - before) / elapsedSeconds;
}

function sparkline(tier) {
    const history = tokenHistory.get(tier) || [];
    const width = 240;
    const height = 36;
    const highest = Math.max(1, ...history.flatMap((point) => [point.admitted, point.rejected]));
    const points = (series) => history.map((point, index) => {
        const x = (index / (HISTORY_POINTS - 1)) * width;
        const y = height - 2 - (point[series] / highest) * (height - 4);
        return `${x.toFixed(1)},${y.toFixed(1)}`;
    }).join(" ");
    const svg = svgElement("svg", {
        class: "sparkline",
        viewBox: `0 0 ${width} ${height}`,
        preserveAspectRatio: "none",
        role: "img",
        "aria-label":
            `tokens per second of tier ${tier}, last minute, peak ${formatNumber(highest)}`,
    });
    // Admitted last, so that it stays visible where both lines run along zero.
    svg.append(
        svgElement("polyline", { class: "rejected", points: points("rejected") }),
        svgElement("polyline", { class: "admitted", points: points("admitted") }));
    return svg;
}

function renderTier(tier, admitted, rejected, admittedTotal, rejectedTotal) {
    const tbody = document.querySelector("#tiers tbody");
    let row = tbody.querySelector(`tr[data-tier="${CSS.escape(tier)}"]`);
    if (!row) {
        row = element("tr", { "data-tier": tier });
        row.append(
            element("th", { scope: "row" }, tier),
            element("td", { class: "admitted number", "data-tier": tier }),
            element("td", { class: "rejected number", "data-tier": tier }),
            element("td", { class: "history" }),
            element("td", { class: "admitted-total number", "data-tier": tier }),
            element("td", { class: "rejected-total number", "data-tier": tier }));
        tbody.append(row);
    }
    // Starts as a minute of zeros, so that the sparkline always spans its full width.
    const history = tokenHistory.get(tier)
        || Array.from({ length: HISTORY_POINTS }, () => ({ admitted: 0, rejected: 0 }));
    history.push({ admitted, rejected });
    history.splice(0, Math.max(0, history.length - HISTORY_POINTS));
    tokenHistory.set(tier, history);
    row.querySelector("td.admitted").textContent = formatNumber(admitted, 0);
    row.querySelector("td.rejected").textContent = formatNumber(rejected, 0);
    row.querySelector("td.history").replaceChildren(sparkline(tier));
    row.querySelector("td.admitted-total").textContent = formatNumber(admittedTotal);
    row.querySelector("td.rejected-total").textContent = formatNumber(rejectedTotal);
}

async function pollTiers(elapsedSeconds) {
    const metric = await readJson(TOKENS_METRIC);
    document.getElementById("no-tiers").hidden = metric !== null;
    if (metric === null) {
        return;
    }
    for (const tier of tagValues(metric, "tier")) {
        const [admittedTotal, rejectedTotal] =
            await Promise.all([readCount(tier, "admitted"), readCount(tier, "rejected")]);
        renderTier(
            tier,
            tokenRate(`${tier}/admitted`, admittedTotal, elapsedSeconds),
            tokenRate(`${tier}/rejected`, rejectedTotal, elapsedSeconds),
            admittedTotal,
            rejectedTotal);
    }
}

// ---- Polling loop ---------------------------------------------------------------------------

async function poll() {
    const pollMillis = Date.now();
    const elapsedSeconds =
        previousPollMillis === null ? 0 : (pollMillis - previousPollMillis) / 1000;
    previousPollMillis = pollMillis;
    try {
        await Promise.all([pollBreakers(pollMillis, elapsedSeconds), pollTiers(elapsedSeconds)]);
        setStatus("live", `Live · updated ${formatClock(pollMillis)}`);
    } catch (failure) {
        setStatus("error", `Actuator unreachable (${failure.message}); retrying every second`);
    } finally {
        // Schedule after completion, so a slow answer never piles up overlapping polls.
        setTimeout(poll, Math.max(0, POLL_MILLIS - (Date.now() - pollMillis)));
    }
}

poll();
