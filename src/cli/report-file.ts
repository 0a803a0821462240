// Writing a report file (--junit, --json) in every command that has one: a text at once, or pieces as a stream,
// so that a report of any size is written without ever being one string.
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Pieces joined into writes of about this many characters: a write per test case would be slow. */
const WRITE_CHARACTERS = 64 * 1024;

function* batched(pieces: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size < WRITE_CHARACTERS) continue;
    yield batch.join("");
    batch = [];
    size = 0;
  }
  if (size > 0) yield batch.join("");
}

/** Writes `content` to `path`, creating its folder: a CI job names a report under a folder its checkout does not have. */
export async function writeReportFile(path: string, content: string | Iterable<string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (typeof content === "string") return writeFile(path, content);
  await pipeline(Readable.from(batched(content)), createWriteStream(path));
}
