// The callback faults as the delivery of status callbacks takes them: a duplicate-callback fault is the delivery's
// `copies`, an out-of-order-callback fault its `holdBackMs` on the mock's clock, so that the call's later callbacks go
// first. The registry is asked once per callback, before it is sent, and records each firing.
import type { DeliveryVariation } from "../../delivery/attempts.js";
import type { CallbackContext, FaultRegistry } from "./registry.js";

export function callbackVariationOf(faults: FaultRegistry) {
  return (callback: CallbackContext): DeliveryVariation | undefined => {
    const fault = faults.forCallback(callback);
    if (!fault) return undefined;
    return fault.kind === "duplicate-callback" ? { copies: fault.copies } : { holdBackMs: fault.holdMs };
  };
}
