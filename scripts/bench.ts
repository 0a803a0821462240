// `npm run bench`: every figure side by side in one run, with ratios, since these machines are shared and noisy.
// Contenders are interleaved round by round; each figure is the median round, each ratio the median of the
// rounds' ratios.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import spec from "../generated/calls.bundled.json" with { type: "json" };
import { validateTwiml } from "../src/twiml/index.js";
import { validateCall, validateCreateCallRequest, validateLegacyCall } from "../src/validation/index.js";
import { clientThroughput, firstCall, startEchoServer } from "./bench-client.js";
import { faultBenchmarks } from "./bench-faults.js";
import { installFootprint } from "./bench-footprint.js";
import { fmt, interleaved, median, print, quick, ROUNDS, SECONDS, summarize } from "./bench-lib.js";
import { mockBenchmarks } from "./bench-mock.js";
import { proxyOverhead } from "./bench-proxy.js";
import { simulatorBenchmarks } from "./bench-simulator.js";
import { verifyBenchmarks } from "./bench-verify.js";
import { renderGenerated } from "./codegen.js";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const PARAMS = {
  To: "+13105555555",
  From: "+12125551234",
  Url: "https://example.com/twiml",
  StatusCallbackEvent: ["initiated", "completed"] as ("initiated" | "completed")[],
};

async function compare(
  title: string,
  contenders: Record<string, () => Promise<unknown>>,
  baseline: string,
  unit: string,
) {
  const results = summarize(await interleaved(contenders), baseline);
  print(`\n${title}`);
  for (const [name, { perSecond: m, perSecondRatio }] of Object.entries(results)) {
    print(
      `  ${name.padEnd(44)} ${fmt(m).padStart(10)} ${unit}   ${perSecondRatio.toFixed(2)}x ${name === baseline ? "(baseline)" : `of ${baseline}`}`,
    );
  }
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.perSecond]));
}

function coldImports() {
  const runs = quick ? 3 : 9;
  const probes: Record<string, string[]> = {
    "require('twilio')": ["-e", "const t=performance.now(); require('twilio'); console.log(performance.now()-t)"],
    "import('calls-contract/client')": [
      "--input-type=module",
      "-e",
      "const t=performance.now(); await import('calls-contract/client'); console.log(performance.now()-t)",
    ],
    "import('calls-contract') (everything)": [
      "--input-type=module",
      "-e",
      "const t=performance.now(); await import('calls-contract'); console.log(performance.now()-t)",
    ],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    for (const [name, args] of Object.entries(probes))
      times[name]!.push(Number(execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim()));
  }
  const twilio = median(times["require('twilio')"]!);
  print(
    `\nCold import in a fresh node process (time of the import statement itself), median of ${runs} interleaved runs`,
  );
  for (const [name, values] of Object.entries(times)) {
    print(
      `  ${name.padEnd(44)} ${median(values).toFixed(1).padStart(8)} ms   ${(median(values) / twilio).toFixed(2)}x of require('twilio')`,
    );
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

async function validatorSpeed() {
  const call = spec.components.examples.CompletedCall.value;
  const form =
    "To=%2B13105555555&From=%2B12125551234&Url=https%3A%2F%2Fexample.com%2Ftwiml&StatusCallbackEvent=initiated&StatusCallbackEvent=completed&Timeout=30";
  const raw = (require("../generated/validators.cjs") as Record<string, (d: unknown) => boolean>).Call!;
  const loop = (fn: () => unknown) => async () => {
    for (let i = 0; i < 1000; i++) fn();
  };
  const result = await compare(
    "Validation speed, one core (each figure is thousands of validations per second)",
    {
      "compiled ajv function, Call object": loop(() => raw(call)),
      "validateCall (with violation mapping)": loop(() => validateCall(call)),
      "validateCreateCallRequest, form text": loop(() => validateCreateCallRequest(form)),
      "validateCreateCallRequest, typed object": loop(() => validateCreateCallRequest(PARAMS)),
    },
    "compiled ajv function, Call object",
    "k/s",
  );
  return result;
}

/** A realistic voice document of exactly 4000 characters, the most createCall's Twiml parameter may hold. */
function twiml4000(): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n';
  const block = [
    '  <Gather input="dtmf speech" numDigits="1" action="https://example.com/menu" method="POST" timeout="5">\n',
    '    <Say voice="Polly.Joanna" language="en-US">Press 1 for sales, 2 for support &amp; billing.</Say>\n',
    '    <Play loop="1">https://example.com/hold.mp3</Play>\n',
    "  </Gather>\n",
    '  <Dial timeout="20" callerId="+14155550199">\n',
    '    <Number statusCallbackEvent="initiated completed">+14155550100</Number>\n',
    "  </Dial>\n",
  ].join("");
  const tail = (filler: string) => `  <Say>${filler}</Say>\n  <Hangup/>\n</Response>\n`;
  let body = head;
  while (body.length + block.length + tail("").length < 4000) body += block;
  const text = body + tail("x".repeat(4000 - body.length - tail("").length));
  if (text.length !== 4000 || !validateTwiml(text).valid)
    throw new Error("the benchmark's TwiML must be 4000 valid characters");
  return text;
}

/**
 * Checks per second of wall time and per second of CPU time the process got, per round, contenders interleaved. On
 * a shared machine the second is the figure to compare with a budget: it does not drop when other processes take
 * the core.
 */
function checkRates(contenders: Record<string, () => unknown>) {
  const names = Object.keys(contenders);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, check] of Object.entries(contenders)) {
      for (let i = 0; i < 500; i++) check();
      const usage = process.cpuUsage();
      const started = performance.now();
      let n = 0;
      while (performance.now() - started < SECONDS * 1000) {
        for (let i = 0; i < 50; i++) check();
        n += 50;
      }
      const used = process.cpuUsage(usage);
      wall[name]!.push(n / ((performance.now() - started) / 1000));
      cpu[name]!.push(n / ((used.user + used.system) / 1e6));
    }
  }
  return { wall, cpu };
}

/** The retired 2008-08-01 API's XML response, checked as verify and the tests check it, against the 10,000/s goal. */
function xmlResponseSpeed() {
  const xml = (
    spec.components.responses.LegacyCallCreated.content["application/xml"].examples.queued.value as string
  ).replace(/\n\s*/g, "");
  if (!validateLegacyCall(xml).valid) throw new Error("the benchmark's XML response must be valid");
  const call = spec.components.examples.CompletedCall.value;
  const contenders: Record<string, () => unknown> = {
    [`validateLegacyCall, XML response (${xml.length} characters)`]: () => validateLegacyCall(xml),
    "validateCall, the JSON Call object": () => validateCall(call),
  };
  try {
    const { XMLValidator } = require("fast-xml-parser") as { XMLValidator: { validate(xml: string): unknown } };
    contenders["fast-xml-parser XMLValidator (XML only)"] = () => XMLValidator.validate(xml);
  } catch {
    // not in the tree: the figure stands against the goal alone
  }
  const { wall, cpu } = checkRates(contenders);
  const GOAL = 10_000;
  print(`
XML response validation, one core, ${ROUNDS} interleaved rounds of ${SECONDS} s, median (goal: ${fmt(GOAL)}/s)`);
  for (const name of Object.keys(contenders)) {
    const perCpu = median(cpu[name]!);
    print(
      `  ${name.padEnd(44)} ${fmt(median(wall[name]!)).padStart(8)} checks/s   ${fmt(perCpu).padStart(8)} per CPU-second   ${(median(wall[name]!) / GOAL).toFixed(2)}x of the goal (wall)`,
    );
  }
}

function twimlSpeed() {
  const xml = twiml4000();
  const contenders: Record<string, () => unknown> = {
    "validateTwiml, 4000 characters (voice)": () => validateTwiml(xml),
  };
  // The baseline is fast-xml-parser's well-formedness check alone, from the copy already in the tree (through
  // Prism): a general parser's cost for XML only, against ours for every TwiML layer.
  try {
    const { XMLValidator } = require("fast-xml-parser") as { XMLValidator: { validate(xml: string): unknown } };
    contenders["fast-xml-parser XMLValidator (XML only)"] = () => XMLValidator.validate(xml);
  } catch {
    print("\n(fast-xml-parser is not in the tree; no baseline for the TwiML figure)");
  }
  const names = Object.keys(contenders);
  const { wall, cpu } = checkRates(contenders);
  const base = median(cpu[names.at(-1) as string]!);
  print(
    `\nTwiML check speed, one core, a 4000-character document, ${ROUNDS} interleaved rounds of ${SECONDS} s, median`,
  );
  for (const name of names) {
    const perCpu = median(cpu[name]!);
    print(
      `  ${name.padEnd(44)} ${fmt(median(wall[name]!)).padStart(8)} checks/s   ${fmt(perCpu).padStart(8)} per CPU-second   ${(perCpu / base).toFixed(2)}x`,
    );
  }
}

async function codegenTime() {
  const times: number[] = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    const started = performance.now();
    await renderGenerated(root);
    times.push(performance.now() - started);
  }
  print(
    `\nSpec to generated files (types, bundled JSON, standalone validators), in memory: median ${median(times).toFixed(0)} ms of ${times.length}`,
  );
}

// `npm run bench -- --only=xml,twiml` runs some sections alone (client, validators, twiml, xml, mock, simulator,
// faults, proxy, verify, footprint, codegen), for a quick look at one figure without the whole run.
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const runs = (section: string) => !only || only.includes(section);

const started = performance.now();
print(
  `calls-contract benchmarks on Node ${process.version}, ${(await import("node:os")).cpus().length} cores${quick ? " (quick)" : ""}`,
);
if (runs("client")) {
  const echo = await startEchoServer();
  try {
    await clientThroughput(echo.baseUrl);
    coldImports();
    firstCall(echo.baseUrl);
  } finally {
    echo.stop();
  }
}
if (runs("validators")) await validatorSpeed();
if (runs("twiml")) twimlSpeed();
if (runs("xml")) xmlResponseSpeed();
if (runs("mock")) await mockBenchmarks({ quick, print });
if (runs("simulator")) await simulatorBenchmarks({ quick, print });
if (runs("faults")) await faultBenchmarks({ quick, print });
if (runs("proxy")) await proxyOverhead({ quick, print });
if (runs("verify")) await verifyBenchmarks({ quick, print });
if (runs("footprint")) await installFootprint({ quick, print });
if (runs("codegen")) await codegenTime();
print(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
