// One mock and one bare Prism for the whole run, stopped in teardown whether the tests pass or fail.
import type { TestProject } from "vitest/node";
import { startMock } from "../../src/mock/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The mock as users run it: the project's front layer in front of Prism's engine. */
    mockUrl: string;
    /** Prism alone, as a child process, to show where it agrees with the spec and where it is known not to. */
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const [mock, prism] = await Promise.all([startMock(), startMock({ prismOnly: true })]);
  project.provide("mockUrl", mock.baseUrl);
  project.provide("prismUrl", prism.baseUrl);
  return async () => {
    await Promise.all([mock.stop(), prism.stop()]);
  };
}
