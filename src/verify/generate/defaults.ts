// verify --generate's defaults, in a module of their own so that the CLI's help and flags read them without
// loading the generator.

/** The most requests the generated phases send without --max-cases (coverage, fuzz and stateful together). */
export const DEFAULT_MAX_CASES = 1000;

/** Where `verify --generate` keeps its failures without --failures. */
export const DEFAULT_FAILURES_FILE = ".calls-contract/verify-failures.json";
