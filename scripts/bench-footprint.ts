// The install footprint for `npm run bench`: `du -sk node_modules` of empty projects that install, side by side in
// one run, the packed tarball alone (the client, validators and types), the tarball with Prism (what the mock
// needs), and the official SDK. Installed with `npm ci --offline` from npm's cache (see consumer-project.ts).
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchContext } from "./bench-mock.js";
import { createProject, footprintKiB, type ProjectSpec, packRepository } from "./consumer-project.js";

// The goal of issue 14: the client-only install at most this share of twilio's.
const GOAL = 0.18;

export async function installFootprint({ print }: BenchContext) {
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
  const dir = await mkdtemp(join(tmpdir(), "calls-contract-footprint-"));
  try {
    const tarball = await packRepository(dir);
    const contenders: Record<string, ProjectSpec> = {
      [`twilio@${pkg.devDependencies.twilio}`]: { dependencies: ["twilio"] },
      "calls-contract (packed), client only": { tarball },
      "calls-contract (packed) with Prism": { tarball, dependencies: Object.keys(pkg.peerDependencies) },
    };
    const sizes: Record<string, { kib: number; packages: number }> = {};
    // One after another: on two cores, parallel installs would only measure each other's contention in the times,
    // and the sizes do not depend on it.
    for (const [name, spec] of Object.entries(contenders)) {
      const project = join(dir, String(Object.keys(sizes).length));
      await mkdir(project);
      const { sh } = await createProject(project, spec);
      const listed = await sh("npm ls --all --parseable --omit=dev");
      sizes[name] = { kib: await footprintKiB(project), packages: listed.stdout.trim().split("\n").length - 1 };
    }
    const twilio = Object.values(sizes)[0]!.kib;
    print("\nInstall footprint: du -sk node_modules of an empty project after npm ci --offline, same run");
    for (const [name, { kib, packages }] of Object.entries(sizes)) {
      print(
        `  ${name.padEnd(44)} ${String(kib).padStart(8)} KiB ${String(packages).padStart(4)} packages   ${(kib / twilio).toFixed(3)}x of twilio`,
      );
    }
    const ratio = sizes["calls-contract (packed), client only"]!.kib / twilio;
    print(`  client only against the goal: ${ratio.toFixed(3)}x (at most ${GOAL}x)`);
    return sizes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
