// One mock and one bare Prism for the whole run, and the CLI compiled once, all removed in teardown whether the
// tests pass or fail.
import type { TestProject } from "vitest/node";
import { startMock } from "../../src/mock/index.js";
import { buildSources } from "./build-sources.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The mock as users run it: the project's front layer in front of Prism's engine. */
    mockUrl: string;
    /** Prism alone, as a child process, to show where it agrees with the spec and where it is known not to. */
    prismUrl: string;
    /** `calls-contract` compiled from this run's sources, for `node` to run as a user does. */
    cliEntry: string;
  }
}

export default async function setup(project: TestProject) {
  const [mock, prism, built] = await Promise.all([startMock(), startMock({ prismOnly: true }), buildSources()]);
  project.provide("mockUrl", mock.baseUrl);
  project.provide("prismUrl", prism.baseUrl);
  project.provide("cliEntry", built.cliEntry);
  return async () => {
    await Promise.all([mock.stop(), prism.stop()]);
    built.remove();
  };
}
