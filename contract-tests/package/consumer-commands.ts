// The commands another repository runs, as the README's "Using the spec in another repository" and "In CI"
// sections and examples/github-actions/calls-contract.yml show them. consumer.test.ts runs exactly these, and
// readme.test.ts checks that the README and the workflow say exactly these.

/**
 * Types from the spec in the installed package: the codegen step. From the canonical document, as the package's
 * own types and client are: types made from openapi/calls.yaml (the truth, which also takes what Twilio merely
 * tolerates) do not fit the client's parameters.
 */
export const CODEGEN =
  "npx openapi-typescript node_modules/calls-contract/generated/calls.canonical.json --default-non-nullable false -o src/twilio-calls.d.ts";

/** The app's own type check, which now covers its Twilio calls. */
export const TYPECHECK = "npx tsc --noEmit";

/** verify against the server named by CALLS_API_URL, leaving a JUnit report for the CI job to keep. */
export const VERIFY = 'npx calls-contract verify --base-url "$CALLS_API_URL" --junit reports/calls-contract.xml';

/** Where VERIFY writes its JUnit report, which the workflow uploads. */
export const JUNIT_REPORT = "reports/calls-contract.xml";

/** What VERIFY reads from its environment. */
export const VERIFY_ENV = ["CALLS_API_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"] as const;
