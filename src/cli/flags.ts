// Reading and checking the CLI's flags: a usage mistake is a UsageError naming the flag and the value (exit 2).
import { isLoopbackHost } from "../loopback.js";

export class UsageError extends Error {
  override name = "UsageError";
}

/** Reads a port flag: a whole number from 0 to 65535, else a UsageError naming the flag and the value. */
export function parsePort(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`${flag} must be a whole number from 0 to 65535, got "${text}"`);
  return port;
}

export function parseLoopbackHost(flag: string, text: string | undefined): string {
  const host = text ?? "127.0.0.1";
  if (!isLoopbackHost(host))
    throw new UsageError(`${flag} must be a loopback address (127.x.x.x, localhost or ::1), got "${host}"`);
  return host;
}

/** Reads a duration flag in whole seconds, 1 to 86400, else a UsageError naming the flag and the value. */
export function parseSeconds(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > 86_400) {
    throw new UsageError(`${flag} must be a whole number of seconds from 1 to 86400, got "${text}"`);
  }
  return seconds;
}

/** Reads a number flag from `min` to `max` (decimals allowed), else a UsageError naming the flag and the value. */
export function parseNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || value < min || value > max) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/**
 * Reads a whole-number flag from `min` to `max`, else a UsageError naming the flag, the range (and `why`, when the
 * least has a reason a user would not guess) and the value.
 */
export function parseWholeNumber(flag: string, text: string, min: number, max: number, why?: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max}${why ? ` (${why})` : ""}, got "${text}"`,
    );
  return value;
}

/** Reads a percentage flag, 0 to 100 (decimals allowed), else a UsageError naming the flag and the value. */
export function parsePercent(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || value > 100)
    throw new UsageError(`${flag} must be a percentage from 0 to 100, got "${text}"`);
  return value;
}

/** Reads an absolute http(s) URL without credentials in it (they belong in the environment, not in a flag). */
export function parseHttpUrl(flag: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag} must be an absolute http(s) URL, got "${text}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`${flag} must use http or https, got "${url.protocol}"`);
  if (url.username || url.password)
    throw new UsageError(`${flag} must not hold credentials; use TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN`);
  return url;
}
