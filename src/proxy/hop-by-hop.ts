// Headers meaningful for one connection only (RFC 9110 7.6.1): never passed on in either direction.

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Raw headers (alternating names and values) less the hop-by-hop ones and any named in `drop` (lower case). */
export function withoutHopByHop(rawHeaders: string[], drop: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || drop.includes(name)) continue;
    out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return out;
}
