import { startMock } from "../mock/index.js";
import { parseLoopbackHost, parsePort } from "./flags.js";
import { onInterrupt } from "./signals.js";

export async function runMockCommand(flags: {
  host?: string;
  port?: string;
  dynamic?: boolean;
  seed?: string;
}): Promise<number> {
  const host = parseLoopbackHost("--host", flags.host);
  const port = parsePort("--port", flags.port, 4010);
  const mock = await startMock({ host, port, dynamic: flags.dynamic, seed: flags.seed });
  let stopping = false;
  onInterrupt(async () => {
    stopping = true;
    await mock.stop();
  }, 0);
  process.stdout.write(`Calls API mock listening on ${mock.baseUrl}\n`);
  const exit = await mock.exited;
  if (stopping) return 0;
  process.stderr.write(`calls-contract: the mock (Prism) exited unexpectedly (${exit}):\n${mock.logTail()}\n`);
  return 1;
}
