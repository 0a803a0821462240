// The README and the pages under docs/ must lead somewhere true: every relative link reaches a file, every anchor a
// heading, and every `calls-contract` command line shows only commands and flags that the CLI's help lists. The
// README stays a front page, and docs/ keeps a page for each tool.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

const DOC_PAGES = [
  "README.md",
  "client.md",
  "validators.md",
  "mock.md",
  "stateful-mock.md",
  "call-simulator.md",
  "faults.md",
  "verify.md",
  "verify-app.md",
  "proxy-and-replay.md",
  "twiml.md",
  "legacy.md",
  "webhooks.md",
  "sdks.md",
  "another-repository.md",
  "limits.md",
  "performance.md",
  "working-on-the-spec.md",
];

/** README.md and every Markdown file under docs/, as paths from the repository's root. */
function pages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith(".md") ? [path] : [];
    });
  return ["README.md", ...walk("docs")];
}

const read = (path: string) => readFileSync(join(root, path), "utf8");

/** A page without its fenced code blocks: a `#` or a `[x](y)` inside code is neither a heading nor a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
}

/** The fenced blocks of one language, each as its text. */
function fenced(markdown: string, language: string): string[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === language).map((m) => m[2] ?? "");
}

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to `-`, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const slugs = new Set<string>();
  for (const [, text] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = (text ?? "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}

/** Each relative link of a page that leads nowhere, with the reason. */
function brokenLinks(page: string): string[] {
  const text = prose(read(page)).replace(/`[^`\n]*`/g, "");
  const broken: string[] = [];
  for (const [, target = ""] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto: and the like: not this repository's
    const [path = "", anchor] = target.split("#");
    const file = path === "" ? page : posix.normalize(posix.join(dirname(page), path));
    if (!existsSync(join(root, file))) {
      broken.push(`${page}: ${target} (no file ${file})`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!file.endsWith(".md")) broken.push(`${page}: ${target} (an anchor into a file that is not Markdown)`);
    else if (!anchors(read(file)).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor} in ${file})`);
  }
  return broken;
}

/** The flags the help's usage lists for each command: its `calls-contract <command>` lines and their continuations. */
function usage(help: string): Map<string, Set<string>> {
  const block = help.slice(help.indexOf("Usage:")).split(/\n\s*\n/)[0] ?? "";
  const flags = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of block.split("\n").slice(1)) {
    const command = line.match(/^\s*calls-contract\s+([a-z][\w-]*)/)?.[1];
    if (command) {
      current = flags.get(command) ?? new Set();
      flags.set(command, current);
    }
    for (const [flag] of line.matchAll(/--[a-z][a-z0-9-]*/g)) current?.add(flag);
  }
  return flags;
}

/** Each `calls-contract <command> --flag ...` that a ```sh block of a page shows, continuation lines joined. */
function commandLines(page: string): { page: string; line: string; command: string; flags: string[] }[] {
  return fenced(read(page), "sh").flatMap((block) =>
    block
      .replace(/\\\n/g, " ")
      .split("\n")
      .flatMap((line) => {
        const match = line.match(/(?:^|\bnpx\s+)calls-contract\s+([a-z][\w-]*)(.*)$/);
        if (!match) return [];
        // Up to the end of this command (a pipe, a list or a comment), with quoted arguments left out.
        const rest = (match[2] ?? "").split(/\s(?:\||&&|;|#)/)[0]?.replace(/'[^']*'|"[^"]*"/g, "''") ?? "";
        const flags = [...rest.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)].map((m) => m[1] ?? "");
        return [{ page, line: line.trim(), command: match[1] ?? "", flags }];
      }),
  );
}

/** The layout table's rows for code, `src/...` to the file names their description gives. */
function layoutRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of read("docs/working-on-the-spec.md").split("\n")) {
    const row = /^\| `(src\/[^`]*)` \|(.*)\|$/.exec(line);
    if (row)
      rows.set(
        row[1] as string,
        [...(row[2] as string).matchAll(/`([\w.-]+\.ts)`/g)].map((m) => m[1] as string),
      );
  }
  return rows;
}

/** The TypeScript files directly in a folder of src/ (`src/*.ts` for the top level). */
function codeFiles(folder: string): string[] {
  const dir = folder === "src/*.ts" ? "src" : folder;
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => entry.name)
    .sort();
}

describe("the README and docs/", () => {
  it("keep the README a front page, at most 220 lines", () => {
    expect(read("README.md").split("\n").length).toBeLessThanOrEqual(220);
  });

  it("have a page under docs/ for each tool, and an index", () => {
    expect(DOC_PAGES.filter((name) => !existsSync(join(root, "docs", name)))).toEqual([]);
  });

  it("link only to files that exist, and to anchors that name a heading there", () => {
    const all = pages();
    expect(all.length).toBeGreaterThan(DOC_PAGES.length);
    expect(all.flatMap(brokenLinks)).toEqual([]);
  });

  it("show in their shell blocks only commands and flags that `calls-contract --help` lists", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    const listed = usage(stdout);
    const lines = pages().flatMap(commandLines);
    expect(new Set(lines.map((l) => l.command))).toEqual(new Set(["mock", "verify", "verify-app", "proxy", "twiml"]));
    const unknown = lines.flatMap(({ page, line, command, flags }) => {
      const known = listed.get(command);
      if (!known) return [`${page}: ${line} (no command ${command})`];
      return flags.filter((flag) => !known.has(flag)).map((flag) => `${page}: ${line} (${command} has no ${flag})`);
    });
    expect(unknown).toEqual([]);
  });
  it("describe in the layout table every folder and file of src/, and no file that is gone", () => {
    const rows = layoutRows();
    const folders = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) => [`${dir}/${entry.name}/`, ...folders(`${dir}/${entry.name}`)]);
    expect([...rows.keys()].sort()).toEqual(["src/*.ts", ...folders("src")].sort());
    const wrong = [...rows].flatMap(([folder, named]) => {
      const files = codeFiles(folder);
      return [
        ...named.filter((name) => !files.includes(name)).map((name) => `${folder} names ${name}, which is not there`),
        ...files.filter((name) => !named.includes(name)).map((name) => `${folder} does not name ${name}`),
      ];
    });
    expect(wrong).toEqual([]);
  });
});
