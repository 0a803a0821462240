// Drift against the official SDK: the parameters of create, update and list and the fields of a Call, as the
// installed twilio-node knows them, against the spec. Any difference the spec does not list in x-sdk-differences
// (with a reason) fails here, so bumping the devDependency shows what Twilio added or removed.
import { beforeAll, describe, expect, it } from "vitest";
import type { Spec } from "../../scripts/openapi.js";
import { truthSpec } from "../support/spec.js";
import { type SdkSurface, sdkDrift, sdkSurface, TWILIO_NODE_VERSION } from "../support/twilio-node.js";

let sdk: SdkSurface;
beforeAll(async () => {
  sdk = await sdkSurface();
});

function without(spec: Spec, field: string): Spec {
  const copy = structuredClone(spec);
  delete copy.components.schemas.CreateCallRequest?.properties?.[field];
  return copy;
}

describe(`drift against twilio-node ${TWILIO_NODE_VERSION}`, () => {
  it("reads a surface from the SDK that holds the parameters it is known to send", () => {
    expect(sdk.createCall).toEqual(
      expect.arrayContaining(["To", "From", "Url", "Passports", "RecordingConfigurationId"]),
    );
    expect(sdk.updateCall).toEqual(expect.arrayContaining(["Status", "Twiml"]));
    expect(sdk.listCalls).toEqual(expect.arrayContaining(["StartTime<", "EndTime>", "PageToken"]));
    expect(sdk.Call).toHaveLength(26);
  });

  it("finds no difference the spec does not explain", () => {
    expect(sdkDrift(truthSpec, sdk)).toEqual([]);
  });

  it("names a parameter removed from the spec", () => {
    expect(sdkDrift(without(truthSpec, "Passports"), sdk)).toEqual([
      `createCall: twilio-node ${TWILIO_NODE_VERSION} sends or reads Passports, which the spec lacks`,
    ]);
  });

  it("names a parameter the SDK stops sending", () => {
    const older = { ...sdk, createCall: sdk.createCall.filter((name) => name !== "CallReason") };
    expect(sdkDrift(truthSpec, older)).toEqual([
      `createCall: the spec has CallReason, which twilio-node ${TWILIO_NODE_VERSION} lacks`,
    ]);
  });

  it("names a listed difference that no longer holds", () => {
    const newer = { ...sdk, Call: [...sdk.Call, "annotation"] };
    expect(sdkDrift(truthSpec, newer)).toEqual([
      "x-sdk-differences lists Call annotation, but the spec and the SDK now agree on it",
    ]);
  });
});
