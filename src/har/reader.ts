// Reads a HAR file written by any tool. A file the proxy did not get to close (killed outright) is read up to its
// last whole entry, and the result says so.
import { readFile } from "node:fs/promises";
import type { HarCreator, HarEntry } from "./types.js";

export interface HarFile {
  entries: HarEntry[];
  creator?: HarCreator;
  /** Set when the document was not closed and its entries were read line by line. */
  truncated?: string;
}

export class HarReadError extends Error {
  override name = "HarReadError";
}

function fromDocument(document: unknown): HarFile {
  const log = (document as { log?: { entries?: unknown; creator?: HarCreator } } | null)?.log;
  if (!log || !Array.isArray(log.entries)) throw new HarReadError("not a HAR file: it has no log.entries list");
  return { entries: log.entries as HarEntry[], ...(log.creator ? { creator: log.creator } : {}) };
}

/** The entries of a document whose footer is missing: one JSON entry per line after the header, as writer.ts puts them. */
function recover(text: string): HarFile | undefined {
  const [header, ...lines] = text.split("\n");
  if (!header?.startsWith('{"log":{"version":"1.2"') || !header.endsWith('"entries":[')) return undefined;
  const entries: HarEntry[] = [];
  for (const line of lines) {
    try {
      entries.push(JSON.parse(line.replace(/,$/, "")) as HarEntry);
    } catch {
      // The line the writer was in the middle of: everything before it is whole.
      break;
    }
  }
  const { creator } = JSON.parse(`${header}]}}`).log as { creator?: HarCreator };
  const truncated = `the file ends before the HAR document does; read its first ${entries.length} whole entries`;
  return { entries, truncated, ...(creator ? { creator } : {}) };
}

export function parseHar(text: string): HarFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const recovered = recover(text);
    if (recovered) return recovered;
    throw new HarReadError(`not a HAR file: ${(error as Error).message}`);
  }
  return fromDocument(document);
}

export async function readHar(path: string): Promise<HarFile> {
  return parseHar(await readFile(path, "utf8"));
}
