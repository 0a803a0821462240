// Reads a HAR file written by any tool, as a stream: each entry is handed over as soon as it has been read and is
// not kept, so that a file of any size (800,000 entries, gigabytes) is read in the memory of its largest entry.
// Only the document's frame (the root, `log`, `log.entries`) is followed character by character; every other value
// is cut out whole and given to JSON.parse, which judges its syntax. A file the proxy did not get to close (killed
// outright) is read up to its last whole entry, and the result says so.
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { HarCreator, HarEntry } from "./types.js";

export interface HarFile {
  entries: HarEntry[];
  creator?: HarCreator;
  /** Set when the document was not closed and only its whole entries were read. */
  truncated?: string;
}

/** What a streamed read knows once every entry has been handed over. */
export interface HarSummary {
  /** How many entries were handed over. */
  entries: number;
  creator?: HarCreator;
  truncated?: string;
}

export class HarReadError extends Error {
  override name = "HarReadError";
}

const NO_ENTRIES = "not a HAR file: it has no log.entries list";
// How writer.ts starts a file: the header alone on the first line, ending with the entries' opening bracket, then
// one entry per line. Only such a file is read up to a cut; another tool's cut file is refused, as JSON.parse would.
const WRITER_START = '{"log":{"version":"1.2"';

type Frame = "root" | "log" | "entries";
type Expect = "root" | "key-or-close" | "key" | "colon" | "value-or-close" | "value" | "comma-or-close" | "end";
/** What a value cut out of the frame is: a key, an entry, the creator, or anything else (checked, then dropped). */
type Target = "key" | "entry" | "creator" | "other";

/** A value being cut out, possibly across chunks. */
interface Capture {
  target: Target;
  kind: "container" | "string" | "literal";
  pieces: string[];
  /** Where the value starts in the document, for an error message. */
  at: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
}

const IN_STRING = /["\\]/g;
const IN_CONTAINER = /["{}[\]]/g;
const LITERAL_END = /[\s,}\]]/g;
const isSpace = (c: string) => c === " " || c === "\n" || c === "\r" || c === "\t";

/** Stopped reading on purpose: a writer's file whose next line is not a whole entry. */
class Cut extends Error {}

class HarScanner {
  private readonly frames: Frame[] = [];
  private expect: Expect = "root";
  private key = "";
  private capture: Capture | undefined;
  private offset = 0;
  private start = "";
  private newlineBeforeEntries = false;
  /** Undefined until the character after the entries' bracket is seen. */
  private writerFormat: boolean | undefined;
  private entriesOpened = false;
  private creator: HarCreator | undefined;
  count = 0;
  cut = false;

  constructor(private readonly onEntry: (entry: HarEntry, index: number) => void) {}

  feed(chunk: string): void {
    if (this.cut) return;
    if (this.start.length < WRITER_START.length) this.start += chunk.slice(0, WRITER_START.length);
    try {
      for (let i = 0; i < chunk.length; ) i = this.capture ? this.continueCapture(chunk, i) : this.frame(chunk, i);
    } catch (error) {
      if (!(error instanceof Cut)) throw error;
      this.cut = true;
    }
    this.offset += chunk.length;
  }

  end(): HarSummary {
    const creator = this.creator ? { creator: this.creator } : {};
    if (this.cut || this.capture || this.expect !== "end") {
      if (!this.entriesOpened || !this.isWriterFormat()) throw this.syntaxError("Unexpected end of JSON input");
      const truncated = `the file ends before the HAR document does; read its first ${this.count} whole entries`;
      return { entries: this.count, truncated, ...creator };
    }
    if (!this.entriesOpened) throw new HarReadError(NO_ENTRIES);
    return { entries: this.count, ...creator };
  }

  private isWriterFormat(): boolean {
    return this.writerFormat ?? (this.start.startsWith(WRITER_START) && !this.newlineBeforeEntries);
  }

  private syntaxError(message: string): HarReadError {
    return new HarReadError(`not a HAR file: ${message}`);
  }

  /** A syntax error: past the header of a writer's file it is where the writer was cut off. */
  private unexpected(c: string, at: number): Error {
    if (this.entriesOpened && this.isWriterFormat()) return new Cut();
    return this.syntaxError(`Unexpected ${JSON.stringify(c)} at position ${this.offset + at}`);
  }

  /** One character of the frame; returns where to go on. */
  private frame(chunk: string, i: number): number {
    const c = chunk[i] as string;
    if (this.writerFormat === undefined && this.entriesOpened) {
      this.writerFormat = c === "\n" && this.start.startsWith(WRITER_START) && !this.newlineBeforeEntries;
    }
    if (isSpace(c)) {
      if (c === "\n" && !this.entriesOpened) this.newlineBeforeEntries = true;
      return i + 1;
    }
    const top = this.frames.at(-1);
    switch (this.expect) {
      case "root":
        if (c !== "{") throw this.unexpected(c, i);
        return this.open("root", i);
      case "key-or-close":
      case "key":
        if (c === "}" && this.expect === "key-or-close") return this.close(i);
        if (c !== '"') throw this.unexpected(c, i);
        return this.startCapture("key", chunk, i);
      case "colon":
        if (c !== ":") throw this.unexpected(c, i);
        this.expect = "value";
        return i + 1;
      case "value-or-close":
      case "value":
        if (c === "]" && this.expect === "value-or-close") return this.close(i);
        return this.value(chunk, i);
      case "comma-or-close":
        if (c === ",") {
          this.expect = top === "entries" ? "value" : "key";
          return i + 1;
        }
        if (c === (top === "entries" ? "]" : "}")) return this.close(i);
        throw this.unexpected(c, i);
      default:
        throw this.unexpected(c, i);
    }
  }

  private open(frame: Frame, i: number): number {
    this.frames.push(frame);
    this.expect = frame === "entries" ? "value-or-close" : "key-or-close";
    if (frame === "entries") this.entriesOpened = true;
    return i + 1;
  }

  private close(i: number): number {
    this.frames.pop();
    this.expect = this.frames.length === 0 ? "end" : "comma-or-close";
    return i + 1;
  }

  /** A value in the frame: `log` and `log.entries` are followed; anything else is cut out whole. */
  private value(chunk: string, i: number): number {
    const c = chunk[i] as string;
    const top = this.frames.at(-1);
    if (top === "root" && this.key === "log" && c === "{") return this.open("log", i);
    if (top === "log" && this.key === "entries" && c === "[") return this.open("entries", i);
    const target: Target = top === "entries" ? "entry" : top === "log" && this.key === "creator" ? "creator" : "other";
    return this.startCapture(target, chunk, i);
  }

  private startCapture(target: Target, chunk: string, i: number): number {
    const c = chunk[i] as string;
    const kind = c === "{" || c === "[" ? "container" : c === '"' ? "string" : "literal";
    if (kind === "literal" && !/[-0-9tfn]/.test(c)) throw this.unexpected(c, i);
    const depth = kind === "container" ? 1 : 0;
    this.capture = { target, kind, pieces: [], at: this.offset + i, depth, inString: false, escaped: false };
    if (kind === "literal") return this.continueCapture(chunk, i);
    // The opening character is taken here: the scan goes on after it.
    this.capture.inString = kind === "string";
    this.capture.pieces.push(c);
    return this.continueCapture(chunk, i + 1);
  }

  /** Scans the value being cut out; returns where it ends (or the chunk's end, to go on in the next one). */
  private continueCapture(chunk: string, from: number): number {
    const capture = this.capture as Capture;
    const end = capture.kind === "literal" ? literalEnd(chunk, from) : valueEnd(capture, chunk, from);
    capture.pieces.push(chunk.slice(from, end < 0 ? chunk.length : end));
    if (end < 0) return chunk.length;
    this.capture = undefined;
    this.captured(capture.target, capture.pieces.join(""), capture.at);
    return end;
  }

  private captured(target: Target, text: string, at: number): void {
    if (!this.entriesOpened && text.includes("\n")) this.newlineBeforeEntries = true;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (this.entriesOpened && this.isWriterFormat()) throw new Cut();
      throw this.syntaxError(`${(error as Error).message} (in the value starting at position ${at})`);
    }
    if (target === "key") {
      this.key = value as string;
      this.expect = "colon";
      return;
    }
    this.expect = "comma-or-close";
    if (target === "creator" && value) this.creator = value as HarCreator;
    if (target === "entry") this.onEntry(value as HarEntry, this.count++);
  }
}

/** Where a string or container value ends in the chunk (just after its last character), or -1. */
function valueEnd(capture: Capture, chunk: string, from: number): number {
  let at = from;
  while (at < chunk.length) {
    if (capture.escaped) {
      capture.escaped = false;
      at += 1;
      continue;
    }
    const pattern = capture.inString ? IN_STRING : IN_CONTAINER;
    pattern.lastIndex = at;
    const found = pattern.exec(chunk);
    if (!found) return -1;
    at = found.index + 1;
    const c = found[0];
    if (c === "\\") capture.escaped = true;
    else if (c === '"') capture.inString = !capture.inString;
    else if (c === "{" || c === "[") capture.depth += 1;
    else capture.depth -= 1;
    if (!capture.inString && capture.depth === 0) return at;
  }
  return -1;
}

/** Where a literal (a number, true, false, null) ends: at the character after it, which is not its own. */
function literalEnd(chunk: string, from: number): number {
  LITERAL_END.lastIndex = from;
  return LITERAL_END.exec(chunk)?.index ?? -1;
}

/**
 * Reads the file's entries one by one, handing each to `onEntry` and keeping none: the memory a read takes is that
 * of its largest entry, whatever the size of the file.
 */
export async function streamHar(path: string, onEntry: (entry: HarEntry, index: number) => void): Promise<HarSummary> {
  const scanner = new HarScanner(onEntry);
  const decoder = new StringDecoder("utf8");
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      scanner.feed(decoder.write(chunk));
      if (scanner.cut) break;
    }
  } finally {
    stream.destroy();
  }
  scanner.feed(decoder.end());
  return scanner.end();
}

function withEntries(summary: HarSummary, entries: HarEntry[]): HarFile {
  const { creator, truncated } = summary;
  return { entries, ...(truncated ? { truncated } : {}), ...(creator ? { creator } : {}) };
}

/** A HAR document already in memory, read as a file is. */
export function parseHar(text: string): HarFile {
  const entries: HarEntry[] = [];
  const scanner = new HarScanner((entry) => entries.push(entry));
  scanner.feed(text);
  return withEntries(scanner.end(), entries);
}

/** Every entry of a file at once: for files known to be small. `streamHar` reads any size. */
export async function readHar(path: string): Promise<HarFile> {
  const entries: HarEntry[] = [];
  return withEntries(await streamHar(path, (entry) => entries.push(entry)), entries);
}
