// The menu map's page as text (the browser suite, contract-tests/e2e/verify-app-map.e2e.ts, reads it in Chromium):
// self-contained, every value escaped, a failed branch marked, a repeated document folded.
import { describe, expect, it } from "vitest";
import { type MenuNode, renderMenuMap } from "../../src/verify-app/index.js";

const node = (via: string, extra: Partial<MenuNode> = {}): MenuNode => ({
  via,
  request: "POST http://127.0.0.1:3000/menu",
  response: "200, text/xml in 1 ms",
  verbs: [],
  failed: [],
  children: [],
  ...extra,
});

describe("renderMenuMap", () => {
  const page = renderMenuMap(
    node("the voice URL", {
      verbs: [{ depth: 0, text: 'Say: <script>alert("x")</script> & more' }],
      children: [
        node("Digits=2", { failed: [{ check: "follows-actions", severity: "error", message: "status 500 <b>" }] }),
        node('Digits="3"', { repeated: true, note: "the same document as another branch, walked there" }),
      ],
    }),
  );

  it("loads nothing and runs no script: a Content-Security-Policy that allows only its inline style", () => {
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page).not.toMatch(/<script|src=|href=/i);
  });

  it("escapes every value the app sent, in text and in attributes", () => {
    expect(page).toContain("Say: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(page).toContain("status 500 &lt;b&gt;");
    expect(page).toContain('data-via="Digits=&quot;3&quot;"');
  });

  it("marks a failed branch, folds a repeated one, and counts the documents", () => {
    expect(page).toMatch(/<details open class="failed" data-via="Digits=2" data-state="failed">/);
    expect(page).toMatch(/<details class="passed" data-via="Digits=&quot;3&quot;"/);
    expect(page).toContain('<p id="summary">3 documents requested, 1 failed a check</p>');
  });
});
