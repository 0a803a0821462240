// The client's built-in transports: every test of what goes over the wire runs against each of them.
import type { TransportKind } from "../../src/client/index.js";

export const TRANSPORTS: readonly TransportKind[] = ["undici", "node"];
