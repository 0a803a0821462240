// HTTP Basic auth as Twilio uses it: the account SID is the user name and the auth token the password.

/** The Authorization header value for these credentials. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/** The user name and password of a well-formed Basic header (both non-empty), else undefined. */
export function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
  const [scheme, encoded] = (header ?? "").split(" ");
  if (scheme?.toLowerCase() !== "basic" || !encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
