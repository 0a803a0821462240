// The fuzz phase: cases drawn from the spec's value models with a seeded source, serialized as real forms (one key
// per array value, sometimes a raw `+`, a key sent twice, an unknown or wrong-case key, a required key left out),
// and judged on their bytes before they are sent. Most cases are valid; the mutations make the rest.
import type { FormEntries, RequestCase } from "../corpus.js";
import { BASES, type Draft, fieldModels, type GeneratedOperation, toCase, withField, withoutField } from "./cases.js";
import { type Random, seededRandom } from "./random.js";
import { generators } from "./values.js";

const WEIGHTED: GeneratedOperation[] = [
  ...Array<GeneratedOperation>(10).fill("createCall"),
  ...Array<GeneratedOperation>(3).fill("updateCall"),
  ...Array<GeneratedOperation>(4).fill("listCalls"),
  "fetchCall",
  "fetchCall",
  "deleteCall",
];

/** A To and From that createCall's if/then rules allow together, most of the time. */
function addresses(random: Random): FormEntries {
  const kind = random.pick(["phone", "phone", "client", "sip"] as const);
  const phone = generators.phoneNumber(random);
  if (kind === "phone")
    return [
      ["To", phone],
      ["From", generators.phoneNumber(random)],
    ];
  if (kind === "client")
    return [
      ["To", generators.client(random)],
      ["From", random.chance(0.5) ? phone : generators.client(random)],
    ];
  return [
    ["To", generators.sip(random)],
    ["From", random.pick([phone, "Jack", generators.client(random)])],
  ];
}

function instructions(random: Random): FormEntries {
  const kinds = random.subset(["Url", "Twiml", "ApplicationSid"], 1, 2);
  return kinds.map((kind): [string, string] => [
    kind,
    kind === "Url"
      ? generators.url(random)
      : kind === "Twiml"
        ? "<Response><Say>generated</Say></Response>"
        : generators.sid("AP")(random),
  ]);
}

/** Some optional fields, each with a value the spec allows or, now and then, one of its edges. */
function optionalFields(
  random: Random,
  operation: GeneratedOperation,
  entries: FormEntries,
  most: number,
): FormEntries {
  const present = new Set(entries.map(([k]) => k));
  const chosen = random.subset(
    fieldModels(operation).filter((m) => !present.has(m.name)),
    0,
    most,
  );
  let result = entries;
  for (const model of chosen) {
    const values =
      random.chance(0.85) || model.edges.length === 0 ? model.valid(random) : random.pick(model.edges).values;
    result = withField(result, model.name, values);
  }
  return result;
}

/** One mutation of the entries' form, applied now and then. */
function mutate(random: Random, entries: FormEntries): { entries: FormEntries; note: string } {
  const [key, value] = entries.length > 0 ? random.pick(entries) : ["Foo", "bar"];
  switch (random.int(0, 5)) {
    case 0:
      return { entries: withoutField(entries, key), note: `without ${key}` };
    case 1:
      return { entries: [...entries, [key, value]], note: `${key} sent twice` };
    case 2:
      return { entries: [...entries, [`${key}s`, value]], note: `an unknown key ${key}s` };
    case 3:
      return {
        entries: entries.map(([k, v]) => [k === key ? k.toLowerCase() : k, v]),
        note: `the key ${key.toLowerCase()}`,
      };
    case 4:
      return { entries: withField(entries, key, [""]), note: `${key} empty` };
    default:
      return { entries: [...entries].reverse(), note: "the keys in reverse order" };
  }
}

function draft(random: Random, index: number): Draft {
  const operation = random.pick(WEIGHTED);
  let entries: FormEntries = BASES[operation];
  if (operation === "createCall") entries = [...addresses(random), ...instructions(random)];
  if (operation === "createCall" || operation === "updateCall" || operation === "listCalls")
    entries = optionalFields(
      random,
      operation,
      operation === "updateCall" ? [] : entries,
      operation === "createCall" ? 6 : 3,
    );
  const notes: string[] = [];
  if (random.chance(0.25)) {
    const mutated = mutate(random, entries);
    entries = mutated.entries;
    notes.push(mutated.note);
  }
  const rawPlus = random.chance(0.05);
  if (rawPlus) notes.push("a raw +");
  const sid = operation === "createCall" || operation === "listCalls" ? undefined : generators.sid("CA")(random);
  const name = `#${index + 1}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
  return { operation, name, entries, ...(sid ? { sid } : {}), ...(rawPlus ? { wire: { rawPlus } } : {}) };
}

/** `count` fuzz cases for a seed, judged; the same seed gives the same cases. */
export function fuzzCases(seed: number, count: number, accountSid: string): RequestCase[] {
  const random = seededRandom(seed);
  const cases: RequestCase[] = [];
  for (let i = 0; cases.length < count && i < count * 4; i++) {
    const judged = toCase(draft(random, i), accountSid, "fuzz");
    if (judged) cases.push(judged);
  }
  return cases;
}
