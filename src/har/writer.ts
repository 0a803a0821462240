// Writes a HAR file as exchanges finish, one entry per line, so that a proxy holds no entry after writing it:
// the header goes out at once, each entry is appended after a comma, and the footer closes the document. A file
// cut short (the process killed) is still readable entry by entry (see reader.ts).
import { createWriteStream } from "node:fs";
import type { HarCreator, HarEntry } from "./types.js";

export interface HarWriter {
  append(entry: HarEntry): void;
  /** Entries written so far. */
  readonly count: number;
  /** Writes the footer and closes the file. */
  close(): Promise<void>;
}

export function harHeader(creator: HarCreator): string {
  return `{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"pages":[],"entries":[`;
}

/** Opens (and truncates) the file; rejects when it cannot be created, so that a bad path fails at start-up. */
export async function openHarWriter(path: string, creator: HarCreator): Promise<HarWriter> {
  const stream = createWriteStream(path, { encoding: "utf8" });
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure = error;
  });
  stream.write(harHeader(creator));
  let count = 0;
  return {
    append(entry) {
      // JSON.stringify escapes every line break, so each entry is exactly one line.
      stream.write(`${count === 0 ? "\n" : ",\n"}${JSON.stringify(entry)}`);
      count += 1;
    },
    get count() {
      return count;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        stream.end("\n]}}\n", () => (failure ? reject(failure) : resolve()));
      }),
  };
}
