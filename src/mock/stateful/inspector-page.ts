// The inspector: one page, no build step, no framework, nothing loaded from the network. It reads the first page
// of the admin API's state (the newest calls, saying when there are more; the faults in place; the requests, each
// with the fault that acted on it) and redraws whenever the event stream says something changed. A call picked in
// the table is drawn as a conversation from its timeline: app, mock and caller side by side, each step in order,
// with the TwiML findings of each document. Every value from the mock is written as text (textContent), never as
// markup: a To, or a <Say> of the app's, of `<img onerror=...>` stays text.
export const INSPECTOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>calls-contract mock inspector</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2430; }
  h1 { font-size: 1.2rem; margin: 0 0 .25rem; }
  h2 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
  th { font-weight: 600; background: #f5f6f8; }
  code { font: 12px ui-monospace, monospace; }
  .status { font-weight: 600; }
  .live { color: #a15c00; } .done { color: #1f7a3a; } .bad { color: #b3261e; }
  .muted { color: #6b7280; }
  .fault { color: #8a2be2; font-weight: 600; }
  #clock button { margin-left: .25rem; }
  ul { margin: 0; padding-left: 1rem; }
  tr.picked td { background: #eef4ff; }
  #conversation table { table-layout: fixed; }
  #conversation th.when { width: 6.5rem; }
  #conversation td.app { background: #f3f8f1; } #conversation td.caller { background: #fdf6ec; }
  #conversation td.mock { background: #f5f6f8; }
  #conversation .error { color: #b3261e; } #conversation .warning { color: #a15c00; }
  #conversation code { display: block; color: #6b7280; }
</style>
</head>
<body>
<h1>calls-contract mock inspector</h1>
<div id="clock" class="muted">connecting…</div>
<h2>Calls</h2>
<table><thead><tr><th>account</th><th>call</th><th>to</th><th>status</th><th>timeline</th><th>callbacks</th><th></th></tr></thead>
<tbody id="calls"></tbody></table>
<p id="more" class="muted" hidden></p>
<section id="conversation" hidden>
<h2 id="conversation-title">Conversation</h2>
<p id="conversation-note" class="muted"></p>
<table><thead><tr><th class="when">mock time</th><th>app</th><th>mock</th><th>caller</th></tr></thead>
<tbody id="steps"></tbody></table>
</section>
<h2>Faults</h2>
<p id="no-faults" class="muted">No fault in place: every request is served as it comes.</p>
<table id="faults-table" hidden><thead><tr><th>fault</th><th>kind</th><th>matches</th><th>probability</th><th>fired</th></tr></thead>
<tbody id="faults"></tbody></table>
<h2>Requests</h2>
<table><thead><tr><th>#</th><th>request</th><th>response</th><th>fault</th><th>violations and warnings</th></tr></thead>
<tbody id="requests"></tbody></table>
<script>
"use strict";
const api = "/__mock/api";
const LIVE = ["queued", "ringing", "in-progress"];
const SIDES = ["app", "mock", "caller"];
/** The call drawn as a conversation: picked with its row's button, kept across redraws. */
let picked = null;
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}
function row(cells) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    if (cell instanceof Node) td.appendChild(cell); else td.textContent = String(cell);
    tr.appendChild(td);
  }
  return tr;
}
function list(items) {
  const ul = el("ul");
  for (const item of items) ul.appendChild(el("li", item));
  return ul;
}
function statusCell(status) {
  const cls = LIVE.includes(status) ? "live" : status === "completed" ? "done" : "bad";
  const span = el("span", status, "status " + cls);
  span.dataset.status = status;
  return span;
}
async function advance(ms) {
  await fetch(api + "/clock/advance", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ms }) });
}
function drawClock(clock) {
  const box = document.getElementById("clock");
  box.textContent = "clock: " + clock.mode + (clock.mode === "accelerated" ? " x" + clock.scale : "") + ", now " + clock.now;
  if (clock.mode === "manual") {
    for (const [label, ms] of [["+1 s", 1000], ["+10 s", 10000], ["+1 min", 60000]]) {
      const button = el("button", label);
      button.addEventListener("click", () => advance(ms));
      box.appendChild(button);
    }
  }
}
function draw(state) {
  drawClock(state.clock);
  const calls = document.getElementById("calls");
  calls.replaceChildren();
  for (const account of state.accounts) {
    for (const call of account.calls) {
      const pick = el("button", "conversation");
      pick.addEventListener("click", () => {
        picked = { accountSid: account.accountSid, sid: call.sid };
        refresh();
      });
      const tr = row([
        el("code", account.accountSid.slice(0, 10) + "…"),
        el("code", call.sid),
        call.to,
        statusCell(call.status),
        list(call.transitions.map((t) => (t.from ? t.from + " → " : "") + t.to + (t.note ? " (" + t.note + ")" : ""))),
        list(call.callbacks.map((c) => c.event + " → " + (c.status !== undefined ? c.status : c.error || "pending"))),
        pick,
      ]);
      tr.dataset.sid = call.sid;
      if (picked && picked.sid === call.sid) tr.className = "picked";
      calls.appendChild(tr);
    }
  }
  // The state comes a page at a time: the first page holds the newest calls, and says where the older ones are.
  const more = document.getElementById("more");
  const shown = state.accounts.reduce((n, account) => n + account.calls.length, 0);
  more.hidden = !state.nextPage;
  more.textContent = state.nextPage ? "The newest " + shown + " calls are shown; older ones: " + state.nextPage : "";
  drawFaults(state.faults);
  const requests = document.getElementById("requests");
  requests.replaceChildren();
  for (const r of state.requests) {
    const notes = r.violations.map((v) => "error: " + v.message).concat(r.warnings.map((w) => "warning: " + w.message));
    const faults = r.faults || [];
    const shown = faults.map((f) => f.kind + (f.delayMs !== undefined ? " " + f.delayMs + " ms" : "") + " (" + f.id + ")");
    const tr = row([
      r.id,
      el("code", r.method + " " + r.target),
      r.status === 0 ? "none (connection reset)" : r.status,
      shown.length ? el("span", shown.join(", "), "fault") : el("span", "none", "muted"),
      notes.length ? list(notes) : el("span", "none", "muted"),
    ]);
    tr.dataset.status = String(r.status);
    if (faults.length) tr.dataset.fault = faults.map((f) => f.kind).join(" ");
    requests.appendChild(tr);
  }
}
/** The faults in place: what each does, what it matches, how often it fired (of how many times it may). */
function drawFaults(faults) {
  document.getElementById("no-faults").hidden = faults.length > 0;
  document.getElementById("faults-table").hidden = faults.length === 0;
  const body = document.getElementById("faults");
  body.replaceChildren();
  for (const f of faults) {
    const matches = Object.entries(f.match).map(([name, value]) => name + " " + value).join(", ") || "every request";
    const tr = row([el("code", f.id), f.kind, matches, f.probability, f.fired + (f.times === null ? "" : " of " + f.times)]);
    tr.dataset.fault = f.kind;
    body.appendChild(tr);
  }
}
/** The step's own lines under its sentence: a document's verbs, and its findings as validateTwiml gave them. */
function details(entry) {
  const box = el("div");
  box.appendChild(el("span", entry.text));
  if (entry.verbs && entry.verbs.length) box.appendChild(el("code", entry.verbs.join(", ")));
  const findings = entry.findings || [];
  if (findings.length) {
    const ul = el("ul");
    for (const f of findings) {
      ul.appendChild(el("li", f.severity + " " + f.line + ":" + f.column + " " + f.rule + ": " + f.message, f.severity));
    }
    if (entry.more) ul.appendChild(el("li", "and " + entry.more + " more", "muted"));
    box.appendChild(ul);
  }
  return box;
}
function seconds(ms) {
  return "+" + (ms / 1000).toFixed(1) + " s";
}
function drawConversation(timeline) {
  const section = document.getElementById("conversation");
  section.hidden = false;
  document.getElementById("conversation-title").textContent = "Conversation of " + timeline.call.sid;
  const entries = timeline.conversation;
  const note = document.getElementById("conversation-note");
  note.textContent = entries.length
    ? timeline.call.from + " → " + timeline.call.to + ", " + timeline.call.direction + ", " + timeline.call.status
    : "No conversation: the simulator runs no TwiML for this call (its instructions are not on this machine).";
  const steps = document.getElementById("steps");
  steps.replaceChildren();
  const start = entries.length ? entries[0].atMs : 0;
  for (const entry of entries) {
    const tr = document.createElement("tr");
    tr.appendChild(el("td", seconds(entry.atMs - start), "muted"));
    for (const side of SIDES) {
      const td = el("td", undefined, side === entry.side ? side : "");
      if (side === entry.side) td.appendChild(details(entry));
      tr.appendChild(td);
    }
    tr.dataset.side = entry.side;
    tr.dataset.kind = entry.kind;
    steps.appendChild(tr);
  }
}
async function refreshConversation() {
  if (!picked) return;
  const path = "/accounts/" + encodeURIComponent(picked.accountSid) + "/calls/" + encodeURIComponent(picked.sid);
  const response = await fetch(api + path, { cache: "no-store" });
  if (response.ok) drawConversation(await response.json());
  else document.getElementById("conversation").hidden = true; // the call was forgotten (a reset)
}
// One fetch at a time; an event that arrives during one asks for one more, so the last change is always drawn.
let running = false;
let again = false;
async function refresh() {
  if (running) { again = true; return; }
  running = true;
  try {
    do {
      again = false;
      const response = await fetch(api + "/state", { cache: "no-store" });
      draw(await response.json());
      await refreshConversation();
    } while (again);
  } finally {
    running = false;
  }
}
const stream = new EventSource(api + "/events");
for (const type of ["hello", "call", "request", "callback", "clock", "conversation", "faults"])
  stream.addEventListener(type, () => refresh());
refresh();
</script>
</body>
</html>
`;
