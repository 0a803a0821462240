// The inspector: one page, no build step, no framework, nothing loaded from the network. It reads the first page
// of the admin API's state (the newest calls, saying when there are more) and redraws whenever the event stream
// says something changed. Every value from the mock is written as
// text (textContent), never as markup: a To of `<img onerror=...>` stays text.
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
  #clock button { margin-left: .25rem; }
  ul { margin: 0; padding-left: 1rem; }
</style>
</head>
<body>
<h1>calls-contract mock inspector</h1>
<div id="clock" class="muted">connecting…</div>
<h2>Calls</h2>
<table><thead><tr><th>account</th><th>call</th><th>to</th><th>status</th><th>timeline</th><th>callbacks</th></tr></thead>
<tbody id="calls"></tbody></table>
<p id="more" class="muted" hidden></p>
<h2>Requests</h2>
<table><thead><tr><th>#</th><th>request</th><th>response</th><th>violations and warnings</th></tr></thead>
<tbody id="requests"></tbody></table>
<script>
"use strict";
const api = "/__mock/api";
const LIVE = ["queued", "ringing", "in-progress"];
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
      const tr = row([
        el("code", account.accountSid.slice(0, 10) + "…"),
        el("code", call.sid),
        call.to,
        statusCell(call.status),
        list(call.transitions.map((t) => (t.from ? t.from + " → " : "") + t.to + (t.note ? " (" + t.note + ")" : ""))),
        list(call.callbacks.map((c) => c.event + " → " + (c.status !== undefined ? c.status : c.error || "pending"))),
      ]);
      tr.dataset.sid = call.sid;
      calls.appendChild(tr);
    }
  }
  // The state comes a page at a time: the first page holds the newest calls, and says where the older ones are.
  const more = document.getElementById("more");
  const shown = state.accounts.reduce((n, account) => n + account.calls.length, 0);
  more.hidden = !state.nextPage;
  more.textContent = state.nextPage ? "The newest " + shown + " calls are shown; older ones: " + state.nextPage : "";
  const requests = document.getElementById("requests");
  requests.replaceChildren();
  for (const r of state.requests) {
    const notes = r.violations.map((v) => "error: " + v.message).concat(r.warnings.map((w) => "warning: " + w.message));
    const tr = row([r.id, el("code", r.method + " " + r.target), r.status, notes.length ? list(notes) : el("span", "none", "muted")]);
    tr.dataset.status = String(r.status);
    requests.appendChild(tr);
  }
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
    } while (again);
  } finally {
    running = false;
  }
}
const stream = new EventSource(api + "/events");
for (const type of ["hello", "call", "request", "callback", "clock"]) stream.addEventListener(type, () => refresh());
refresh();
</script>
</body>
</html>
`;
