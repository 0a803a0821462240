// One definition of "this machine" for the whole project: the mock listens only there, calls back only there, and
// verify sends writes elsewhere only when told to.
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host.replace(/^\[|\]$/g, ""));
}

/** False for anything that is not an absolute URL on a loopback host. */
export function isLoopbackUrl(text: string): boolean {
  try {
    return isLoopbackHost(new URL(text).hostname);
  } catch {
    return false;
  }
}

/** `http://host:port`, with an IPv6 host in brackets. */
export function httpBaseUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
