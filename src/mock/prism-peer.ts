// Prism is an optional peer dependency: an app that installs this package for the client and the types does not
// pay for a mock it never runs (Prism's tree is most of a full install). Only starting a mock that serves through
// Prism needs it; the stateful mock, verify --base-url, verify --har and the proxy do not.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { packagePath } from "../package-files.js";
import { MockStartError } from "./ports.js";

const require = createRequire(import.meta.url);
const PRISM_PACKAGES = ["@stoplight/prism-cli", "@stoplight/prism-http", "@stoplight/prism-http-server"];

/** The command that installs Prism at the versions this package is tested with (its peerDependencies). */
export function prismInstallCommand(): string {
  const pkg = JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as {
    peerDependencies: Record<string, string>;
  };
  return `npm install --save-dev ${PRISM_PACKAGES.map((name) => `${name}@${pkg.peerDependencies[name]}`).join(" ")}`;
}

function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Throws, in one line that names the install command, when Prism is not installed beside this package. */
export function assertPrismInstalled(): void {
  const missing = PRISM_PACKAGES.filter((name) => !installed(name));
  if (missing.length === 0) return;
  throw new MockStartError(
    `the mock needs Prism, which is not installed (${missing.join(", ")}); run: ${prismInstallCommand()}`,
  );
}
