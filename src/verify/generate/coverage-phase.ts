// The coverage phase: deterministic cases from the spec, the same on every run. Each field's edges (each enum value
// and its wrong case, each bound and one past it, pattern edges, empty text) on the operation's smallest request,
// each required key missing, each of createCall's instruction branches (Url, Twiml, ApplicationSid) alone and none,
// the pairs of To and From forms its if/then rules tell apart, a scalar sent twice (on a create and on an update),
// an unknown key, a key in the wrong case, and an E.164 number sent with a raw `+`. Each is judged before it is sent
// (judge.ts).
import type { RequestCase } from "../corpus.js";
import { BASES, type Draft, fieldModels, type GENERATED_OPERATIONS, toCase, withField, withoutField } from "./cases.js";

const INSTRUCTIONS: Array<[string, string]> = [
  ["Url", "https://example.invalid/twiml"],
  ["Twiml", "<Response><Say>hi</Say></Response>"],
  ["ApplicationSid", `AP${"0123456789abcdef".repeat(2)}`],
];

const ADDRESSES = {
  phone: "+13105550123",
  client: "client:joey",
  sip: "sip:pat@example.invalid",
  name: "Jack",
};

function createShapes(): Draft[] {
  const base = BASES.createCall;
  const drafts: Draft[] = [];
  const add = (name: string, entries: Draft["entries"], wire?: Draft["wire"]) =>
    drafts.push({ operation: "createCall", name, entries, ...(wire ? { wire } : {}) });
  for (const key of ["To", "From"]) add(`no ${key}`, withoutField(base, key));
  const bare = withoutField(base, "Url");
  add("none of Url, Twiml and ApplicationSid", bare);
  for (const [key, value] of INSTRUCTIONS) add(`${key} alone`, [...bare, [key, value]]);
  add("Url and Twiml together", [...base, INSTRUCTIONS[1] as [string, string]]);
  for (const [toKind, to] of Object.entries(ADDRESSES))
    for (const [fromKind, from] of Object.entries(ADDRESSES))
      add(`a ${toKind} To with a ${fromKind} From`, withField(withField(base, "To", [to]), "From", [from]));
  add("To sent twice", withField(base, "To", ["+13105550123", "+13105550124"]));
  add("Timeout sent twice with one value", [...base, ["Timeout", "30"], ["Timeout", "30"]]);
  add("an unknown key", [...base, ["Foo", "bar"]]);
  add("a misspelt key StatusCallbackEvents", [...base, ["StatusCallbackEvents", "ringing"]]);
  add("the key to in lower case", [...withoutField(base, "To"), ["to", "+13105550123"]]);
  add("an E.164 To sent with a raw +", base, { rawPlus: true });
  // Mutations that are still valid on the wire, which Twilio reads (the validators warn).
  add("every StatusCallbackEvent in one space-separated key", [...base, ["StatusCallbackEvent", "initiated ringing"]]);
  add("Record True, capitalised", [...base, ["Record", "True"]]);
  add("an empty body", []);
  return drafts;
}

/** updateCall's form read key by key too: a scalar sent twice with two values is refused, as on a create. */
function updateShapes(): Draft[] {
  const base = BASES.updateCall;
  return [
    {
      operation: "updateCall",
      name: "Status sent twice",
      entries: [...base, ["Status", "completed"], ["Status", "canceled"]],
    },
    {
      operation: "updateCall",
      name: "Url sent twice",
      entries: withField(base, "Url", ["https://example.invalid/a", "https://example.invalid/b"]),
    },
  ];
}

/** Each field's edges: those one past a stated bound (`pastBound`) or the others. */
function fieldEdges(operation: (typeof GENERATED_OPERATIONS)[number], pastBound: boolean): Draft[] {
  const base = BASES[operation];
  return fieldModels(operation).flatMap((model) =>
    model.edges
      .filter((edge) => Boolean(edge.pastBound) === pastBound)
      .map((edge) => ({
        operation,
        name: `${model.name} ${edge.what}`,
        entries: withField(base, model.name, edge.values),
      })),
  );
}

const SID_EDGES = [
  ["a well-formed call SID", `CA${"0".repeat(32)}`],
  ["a SID with the prefix AC", `AC${"0".repeat(32)}`],
  ["a SID of 33 characters", `CA${"0".repeat(31)}`],
  ["a SID in lower case", `ca${"0".repeat(32)}`],
  ["a SID with a non-hex digit", `CA${"g".repeat(32)}`],
] as const;

function sidEdges(): Draft[] {
  return (["fetchCall", "updateCall", "deleteCall"] as const).flatMap((operation) =>
    SID_EDGES.map(([name, sid]) => ({ operation, name, entries: BASES[operation], sid })),
  );
}

const judged = (drafts: Draft[], accountSid: string) =>
  drafts.map((d) => toCase(d, accountSid, "coverage")).filter((c): c is RequestCase => c !== undefined);

/** The cases on the form of a create (keys missing, twice, unknown, a raw +), judged: sent in every generated run. */
export const shapeCases = (accountSid: string) => judged([...createShapes(), ...updateShapes()], accountSid);

const EDGED = ["createCall", "updateCall", "listCalls"] as const;

/**
 * One past each bound the spec states, for every bounded field of every operation (TimeLimit 0, Timeout 601,
 * PageSize 1001...): sent before the other edges, so that a short budget still tries every bound.
 */
export const boundCases = (accountSid: string) =>
  judged(
    EDGED.flatMap((operation) => fieldEdges(operation, true)),
    accountSid,
  );

/** The other edges of every field, judged; the same list for the same spec. */
export function edgeCases(accountSid: string): RequestCase[] {
  const drafts = [
    ...fieldEdges("createCall", false),
    ...fieldEdges("updateCall", false),
    { operation: "updateCall" as const, name: "no fields, no body", entries: [] },
    ...fieldEdges("listCalls", false),
    ...sidEdges(),
  ];
  return judged(drafts, accountSid);
}
