// `calls-contract proxy` as a user runs it: a separate process, stopped with SIGINT like Ctrl-C, its output and
// exit code kept for the test to read.
import { onTestFinished } from "vitest";
import { startCli, waitForOutput } from "./cli.js";

export interface ProxyRun {
  baseUrl: string;
  /** Stops the proxy as Ctrl-C does and resolves once it has printed its reports and exited. */
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
  output(): { stdout: string; stderr: string };
}

export async function startProxyCli(args: string[], env: Record<string, string> = {}): Promise<ProxyRun> {
  const child = startCli(["proxy", "--port", "0", ...args], env);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const [, baseUrl] = await waitForOutput(child, /listening on (\S+),/);
  return {
    baseUrl: baseUrl!,
    async stop() {
      child.kill("SIGINT");
      const code = await exited;
      return { code, ...child.output() };
    },
    output: () => child.output(),
  };
}
