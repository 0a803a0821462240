// The package as another repository gets it: `npm pack`, installed from npm's cache into fresh projects under the
// system's temporary directory that have no path back into this repository, then the README's commands run there
// as a developer or a CI job runs them. Packing and installing happen once, in beforeAll; every case reuses them.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createProject, footprintKiB, type Project, packRepository } from "../../scripts/consumer-project.js";
import { ACCOUNT_SID, AUTH_TOKEN, AUTHORIZATION } from "../support/fixtures.js";
import { CODEGEN, JUNIT_REPORT, TYPECHECK, VERIFY } from "./consumer-commands.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const app = readFileSync(new URL("consumer/app.ts", import.meta.url), "utf8");
// The client and types alone install in at most this share of the official SDK's footprint. It was 0.15x while
// the package described the JSON API alone; the XML representation of 2010-04-01, the SMS webhooks, the call
// simulator's admin API and the typed errors took the spec and the validators compiled from it about half as large
// again (docs/performance.md, "The install footprint"), and the goal follows what the package now holds.
const MAX_FOOTPRINT_RATIO = 0.18;

// A consumer's ordinary tsconfig, no paths. skipLibCheck as `tsc --init` writes it: checking every declaration
// file installed (Node's, undici's) cost four times the rest of the compile; what the published declarations
// import is checked apart, below.
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    types: ["node"],
    skipLibCheck: true,
    noEmit: true,
  },
  include: ["src"],
};

let base: string;
let consumer: Project;
let clientOnly: Project;
let twilio: Project;
let codegen: Awaited<ReturnType<Project["sh"]>>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "calls-contract-consumer-"));
  const tarball = await packRepository(base);
  const project = async (name: string, spec: Parameters<typeof createProject>[1]) => {
    await mkdir(join(base, name));
    return createProject(join(base, name), spec);
  };
  // One install at a time, and the cases below one at a time: on two cores shared with the other test worker,
  // running them side by side only starves that worker's timed tests.
  consumer = await project("app", { tarball, devDependencies: ["typescript", "openapi-typescript", "@types/node"] });
  clientOnly = await project("client-only", { tarball });
  twilio = await project("twilio", { dependencies: ["twilio"] });
  await mkdir(join(consumer.dir, "src"));
  await writeFile(join(consumer.dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  await writeFile(join(consumer.dir, "src/app.ts"), app);
  codegen = await consumer.sh(CODEGEN);
}, 240_000);

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe("calls-contract in another repository, from the packed tarball", { timeout: 120_000 }, () => {
  it("generates types with the README's codegen command, and tsc accepts the app against them", async () => {
    expect(codegen).toMatchObject({ code: 0 });
    expect(await readFile(join(consumer.dir, "src/twilio-calls.d.ts"), "utf8")).toContain("export interface paths");
    const typecheck = await consumer.sh(TYPECHECK);
    expect(typecheck.stdout + typecheck.stderr).toBe("");
    expect(typecheck.code).toBe(0);
  });

  it("publishes declarations that import only its dependencies and Node's own modules", async () => {
    // Under skipLibCheck an import of a package that is not installed (ajv, Prism) would silently become `any`.
    const installed = join(consumer.dir, "node_modules/calls-contract");
    const declarations = (await readdir(installed, { recursive: true })).filter((f) => /\.d\.c?ts$/.test(f));
    const imported = new Set<string>();
    for (const file of declarations) {
      const text = await readFile(join(installed, file), "utf8");
      for (const [, name] of text.matchAll(/(?:from |import\()["']([^"'.][^"']*)["']/g)) imported.add(name as string);
    }
    expect(imported.size).toBeGreaterThan(0);
    const allowed = (name: string) =>
      name.startsWith("node:") || Object.keys(pkg.dependencies).some((d) => name === d || name.startsWith(`${d}/`));
    expect([...imported].filter((name) => !allowed(name))).toEqual([]);
  });

  it("fails tsc on each @ts-expect-error line once its directive is removed", async () => {
    await mkdir(join(consumer.dir, "variant/src"), { recursive: true });
    const lines = app.split("\n");
    const expected = lines.flatMap((line, i) => (line.includes("@ts-expect-error") ? [i + 1] : []));
    expect(expected).toHaveLength(2);
    // The directive's line is dropped, so the line it guarded moves up by one for each directive above it.
    const guarded = expected.map((line, i) => line - i);
    await writeFile(
      join(consumer.dir, "variant/src/app.ts"),
      lines.filter((l) => !l.includes("@ts-expect-error")).join("\n"),
    );
    await writeFile(join(consumer.dir, "variant/tsconfig.json"), JSON.stringify(TSCONFIG));
    await writeFile(
      join(consumer.dir, "variant/src/twilio-calls.d.ts"),
      await readFile(join(consumer.dir, "src/twilio-calls.d.ts")),
    );
    // The installed bin, not npx: this run is the test's own, and npx would only add npm's start-up.
    const result = await consumer.sh("node_modules/.bin/tsc --noEmit -p variant");
    expect(result.code).not.toBe(0);
    const failing = [...result.stdout.matchAll(/^variant\/src\/app\.ts\((\d+),\d+\): error TS\d+/gm)].map((m) =>
      Number(m[1]),
    );
    expect([...new Set(failing)]).toEqual(guarded);
  });

  it("passes the README's verify command against the mock, leaving a JUnit report", async () => {
    const result = await consumer.sh(VERIFY, {
      CALLS_API_URL: inject("mockUrl"),
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    });
    expect(result.code).toBe(0);
    const junit = await readFile(join(consumer.dir, JUNIT_REPORT), "utf8");
    expect(junit).toMatch(/<testsuites[^>]* failures="0"/);
  });

  it("fails the README's verify command (exit 1) against a server that breaks the contract", async () => {
    // Responds to every request with an empty 200: no Call, no 400 for invalid requests, no 401 without credentials.
    const server: Server = createServer((_, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end("{}"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await consumer.sh(VERIFY.replace(JUNIT_REPORT, "reports/broken.xml"), {
        CALLS_API_URL: `http://127.0.0.1:${port}`,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      });
      expect(result.code).toBe(1);
      expect(await readFile(join(consumer.dir, "reports/broken.xml"), "utf8")).toMatch(/<failure/);
    } finally {
      server.close();
    }
  });

  it("exits 2 from `calls-contract mock` without Prism, with one line that names the install command", async () => {
    const result = await consumer.sh("node_modules/.bin/calls-contract mock --port 0");
    const install = Object.entries(pkg.peerDependencies as Record<string, string>)
      .map(([name, version]) => `${name}@${version}`)
      .join(" ");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^calls-contract: the mock needs Prism, which is not installed \([^)]*\); run: .*\n$/,
    );
    expect(result.stderr).toContain(`run: npm install --save-dev ${install}\n`);
  });

  it("exits 2 from `calls-contract verify` without --base-url and without Prism, naming the install command", async () => {
    const result = await consumer.sh("node_modules/.bin/calls-contract verify", {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^calls-contract: the mock needs Prism, .*; run: npm install --save-dev \S+@5\.14\.2 /m,
    );
  });

  it("starts `calls-contract mock --stateful` without Prism, which that mode does not use", async () => {
    const mock = consumer.start("node_modules/.bin/calls-contract", ["mock", "--stateful", "--port", "0"]);
    try {
      let stdout = "";
      mock.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => mock.once("exit", resolve));
      const listening = vi.waitFor(
        () => {
          const url = /listening on (\S+)/.exec(stdout)?.[1];
          if (!url) throw new Error(`not listening yet: ${stdout}`);
          return url;
        },
        { timeout: 30_000, interval: 50 },
      );
      const baseUrl = await Promise.race([listening, exited.then((code) => `exited with ${code}`)]);
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
        headers: { Authorization: AUTHORIZATION },
      });
      expect(response.status).toBe(200);
    } finally {
      mock.kill("SIGKILL");
    }
  });

  it("installs the client and types alone, without Prism, ajv or ajv-formats, and validates with them", async () => {
    // The rules that need ajv's runtime helpers, inlined at codegen: a format (uri), uniqueItems (deep equality)
    // and maxLength (length in code points).
    const probe = [
      "const { validateCreateCallRequest: check, createCallsClient } = await import('calls-contract');",
      "const form = { To: '+13105555555', From: '+12125551234', Url: 'https://example.com/twiml' };",
      "const rules = (extra) => check({ ...form, ...extra }).violations.map((v) => v.rule).join();",
      "console.log(check(form).valid, typeof createCallsClient);",
      "console.log(rules({ StatusCallback: 'https://example.com/%zz' }), rules({ StatusCallbackEvent: ['ringing', 'ringing'] }), rules({ SendDigits: '1'.repeat(33) }));",
    ].join(" ");
    const result = await clientOnly.sh(`node --input-type=module -e "${probe}"`);
    expect(result).toMatchObject({ code: 0, stdout: "true function\nformat uniqueItems maxLength\n" });
    for (const name of ["ajv", "ajv-formats", "@stoplight"])
      expect(existsSync(join(clientOnly.dir, "node_modules", name)), name).toBe(false);
  });

  it(`keeps the client-only install within ${MAX_FOOTPRINT_RATIO}x of twilio@${pkg.devDependencies.twilio}'s (du -sk node_modules)`, async () => {
    const [ours, theirs] = await Promise.all([footprintKiB(clientOnly.dir), footprintKiB(twilio.dir)]);
    expect(ours / theirs).toBeLessThanOrEqual(MAX_FOOTPRINT_RATIO);
  });
});
