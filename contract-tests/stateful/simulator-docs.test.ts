// docs/call-simulator.md's admin table stays whole: one row for each operation openapi/mock-admin.yaml tags
// Simulator, each naming the admin client's method for it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { createAdminClient } from "../../src/mock/index.js";

const page = readFileSync(new URL("../../docs/call-simulator.md", import.meta.url), "utf8");
const spec = YAML.parse(readFileSync(new URL("../../openapi/mock-admin.yaml", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, { tags?: string[] }>>;
};

/** The rows of the table under "The caller and the numbers: the admin API": each request and client method. */
function tableRows(): { request: string; client: string }[] {
  const section = page.split(/^## /m).find((part) => part.startsWith("The caller and the numbers")) ?? "";
  return [...section.matchAll(/^\| `(GET|PUT|POST|DELETE) (\S+)`[^|]*\| `(\w+)` \|/gm)].map((m) => ({
    request: `${m[1]} ${m[2]}`,
    client: m[3] ?? "",
  }));
}

describe("the admin table of docs/call-simulator.md", () => {
  it("has a row for each Simulator operation of openapi/mock-admin.yaml, and no other", () => {
    const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation.tags?.includes("Simulator"))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(
      tableRows()
        .map((row) => row.request)
        .sort(),
    ).toEqual(documented.sort());
  });

  it("names a method the admin client has in each row", () => {
    const client = createAdminClient("http://127.0.0.1:1/__mock/api");
    expect(tableRows().filter((row) => !(row.client in client))).toEqual([]);
  });
});
