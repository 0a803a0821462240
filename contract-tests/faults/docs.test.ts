// docs/faults.md stays whole: its admin table has a row for each Faults operation of openapi/mock-admin.yaml, each
// naming a method the admin client has, and its tables describe every fault kind the document lists.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createAdminClient } from "../../src/mock/index.js";

const page = readFileSync(new URL("../../docs/faults.md", import.meta.url), "utf8");
const spec = YAML.parse(readFileSync(new URL("../../openapi/mock-admin.yaml", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, { tags?: string[] }>>;
  components: { schemas: { FaultKind: { enum: string[] } } };
};

const rows = [...page.matchAll(/^\| `(GET|POST|DELETE) (\S+)` \| `(\w+)` \|/gm)].map((m) => ({
  request: `${m[1]} ${m[2]}`,
  client: m[3] ?? "",
}));

describe("docs/faults.md", () => {
  it("has a row for each Faults operation of openapi/mock-admin.yaml, and no other", () => {
    const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation.tags?.includes("Faults"))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(rows.map((row) => row.request).sort()).toEqual(documented.sort());
  });

  it("names a method the admin client has in each row", () => {
    const client = createAdminClient("http://127.0.0.1:1/__mock/api");
    expect(rows.filter((row) => !(row.client in client))).toEqual([]);
  });

  it("describes every fault kind in a table row of its own", () => {
    const described = new Set([...page.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]));
    expect(spec.components.schemas.FaultKind.enum.filter((kind) => !described.has(kind))).toEqual([]);
  });
});
