// The package's version, read from its package.json (for --version and the HAR files the proxy writes).

import { readFileSync } from "node:fs";
import { packagePath } from "../package-files.js";

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string };
  return pkg.version;
}
