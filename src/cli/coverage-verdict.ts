// --min-coverage: the mean of the four coverage shares against a threshold, said in one line.
import type { Coverage } from "../verify/coverage.js";

export function coverageVerdict(coverage: Coverage, minimum: number | undefined): { met: boolean; line: string } {
  const percent = `${coverage.percent.toFixed(1)}%`;
  if (minimum === undefined) return { met: true, line: `coverage ${percent} (the mean of the four shares)` };
  const met = coverage.percent >= minimum;
  const relation = met ? "meets" : "is below";
  return { met, line: `coverage ${percent} (the mean of the four shares) ${relation} --min-coverage ${minimum}` };
}
