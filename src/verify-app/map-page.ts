// `verify-app --map FILE.html`: the walked menu as one self-contained page, for a person to read. Each document is
// a box with the request that fetched it, its verbs, and the checks it failed; where each key or dial outcome leads
// is a box nested under it, folded when it repeats a document shown elsewhere. The page loads nothing (its Content-Security-Policy forbids it), runs no script, and
// shows every value the app sent as text.
import { escapeXml } from "../safe-text.js";
import type { MenuNode } from "./walk.js";

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
h1 { font-size: 1.3rem; }
details { border-left: 3px solid #8a8; margin: .4rem 0 .4rem 1rem; padding-left: .6rem; }
details.failed { border-left-color: #c33; }
details.warned { border-left-color: #d90; }
summary { cursor: pointer; }
.via { font-weight: 600; }
.request, .response { color: #555; margin-left: .5rem; }
ol.verbs { list-style: none; padding-left: 0; font-family: ui-monospace, monospace; margin: .3rem 0; }
ul.failures { margin: .3rem 0; color: #a11; }
.note { color: #555; font-style: italic; }
`;

const text = (value: string) => escapeXml(value);

function stateOf(node: MenuNode): "failed" | "warned" | "passed" {
  if (node.failed.some((f) => f.severity === "error")) return "failed";
  return node.failed.length > 0 ? "warned" : "passed";
}

function nodeHtml(node: MenuNode): string {
  const state = stateOf(node);
  const verbs = node.verbs.map((v) => `<li style="padding-left:${v.depth * 1.5}em">${text(v.text)}</li>`).join("");
  const failures = node.failed
    .map((f) => `<li data-check="${text(f.check)}">[${text(f.check)}] ${f.severity}: ${text(f.message)}</li>`)
    .join("");
  return [
    // A document shown in full under another branch starts folded.
    `<details${node.repeated ? "" : " open"} class="${state}" data-via="${text(node.via)}" data-state="${state}">`,
    `<summary><span class="via">${text(node.via)}</span>`,
    `<span class="request">${text(node.request)}</span><span class="response">${text(node.response)}</span></summary>`,
    verbs ? `<ol class="verbs">${verbs}</ol>` : "",
    failures ? `<ul class="failures">${failures}</ul>` : "",
    node.note ? `<p class="note">${text(node.note)}</p>` : "",
    ...node.children.map(nodeHtml),
    "</details>",
  ].join("");
}

function count(node: MenuNode): { documents: number; failed: number } {
  return node.children
    .map(count)
    .reduce((sum, c) => ({ documents: sum.documents + c.documents, failed: sum.failed + c.failed }), {
      documents: 1,
      failed: stateOf(node) === "failed" ? 1 : 0,
    });
}

/** The page for a walked menu. */
export function renderMenuMap(root: MenuNode): string {
  const { documents, failed } = count(root);
  const summary = `${documents} document${documents === 1 ? "" : "s"} requested, ${failed} failed a check`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>calls-contract verify-app: the menu</title>
<style>${STYLE}</style>
</head>
<body>
<h1>The app's menu, walked by calls-contract verify-app</h1>
<p id="summary">${text(summary)}</p>
${nodeHtml(root)}
</body>
</html>
`;
}
