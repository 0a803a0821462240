// How the admin API writes a response: JSON (or nothing), and an AdminError as `{ "error": ... }` with its status.
import type { ServerResponse } from "node:http";

/** A request the admin API turns down: the status it gets, and a message naming what was wrong. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendAdmin(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
