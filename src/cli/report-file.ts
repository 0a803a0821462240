// Writing a report file (--junit, --json) in every command that has one.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Writes `text` to `path`, creating its folder: a CI job names a report under a folder its checkout does not have. */
export async function writeReportFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
