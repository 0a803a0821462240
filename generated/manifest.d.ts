// Generated from openapi/calls.yaml by `npm run generate`. Do not edit by hand.
/** How a form or query value is read back from text into what the schema expects. */
export type FieldKind = "string" | "integer" | "boolean" | "array";

/** A default as the spec writes it: form fields are text, integers, booleans or lists of text. */
export type FieldDefault = string | number | boolean | string[];

export interface OperationManifest<Id extends string = string> {
  operationId: Id;
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** Validator export names; absent where the operation has no such part. A response without a body maps to null. */
  validators: { body?: string; query?: string; path: string; responses: Record<string, string | null> };
  bodyFields?: Record<string, FieldKind>;
  /** Whether the body must be sent (`requestBody.required`); where it may be left out, an empty one is no form. */
  bodyRequired?: boolean;
  /** What the spec says a body field left out stands for (its `default`), by field name. */
  bodyDefaults?: Record<string, FieldDefault>;
  /** Body fields that hold a TwiML document (`x-twiml` in the spec), and which kind of TwiML. */
  twimlFields?: Record<string, "voice" | "messaging">;
  queryFields?: Record<string, FieldKind>;
  /** What the spec says a query parameter left out stands for (its `default`), by name. */
  queryDefaults?: Record<string, FieldDefault>;
  /** Responses whose body is XML, by status: the root element and how each element's text is read. */
  xmlResponses?: Record<string, XmlShape>;
  /** Twilio's codes for fields that break a rule (`x-twilio-error-codes`), by the field's name in a violation. */
  errorCodes?: Record<string, FieldErrorCodes>;
  /** Set on a retired operation (`deprecated: true` in the spec). */
  deprecated?: true;
  /**
   * For the XML representation of a 2010-04-01 resource (its path without `.json`): the operation it represents,
   * whose request it takes and whose response it writes in XML (`x-representation-of` in the spec).
   */
  representationOf?: string;
  pathParams: string[];
  /** The success status the mock responds with. */
  successStatus: number;
  /** Every declared success status: more than one where the sources leave it open. */
  successStatuses: number[];
}

/**
 * The codes Twilio gives a field that breaks a rule; a rule with no code here is 20001 (invalid parameter).
 * `missing`: a required field left out; `invalid`: any other rule; `byRule`: a rule keyword with a code of its own.
 */
export interface FieldErrorCodes {
  missing?: number;
  invalid?: number;
  byRule?: Record<string, number>;
}

export interface WebhookManifest<Id extends string = string> {
  operationId: Id;
  validator: string;
  bodyFields: Record<string, FieldKind>;
}

/** How the text of a leaf element or an attribute is read: as the schema's integer, number or text. */
export type XmlLeaf = { kind: "integer" | "number" | "string" };

/**
 * How an XML body maps onto its schema: an element with children is an object (its attributes, where the schema
 * marks properties `xml.attribute`, are properties too), an array is the repeated elements of one name inside it,
 * and a leaf is read by its kind.
 */
export type XmlNode =
  | { kind: "object"; children: Record<string, XmlNode>; attributes?: Record<string, XmlLeaf> }
  | { kind: "array"; items: XmlNode }
  | XmlLeaf;

export interface XmlShape {
  /** The root element's name, from the schema's `xml.name`. */
  root: string;
  body: XmlNode;
}

export type OperationId = "listCalls" | "createCall" | "fetchCallXml" | "updateCallXml" | "deleteCallXml" | "fetchCall" | "updateCall" | "deleteCall" | "createLegacyCall" | "createSmsMessage" | "listCallsXml" | "createCallXml" | "createSmsMessageXml";
export type WebhookId = "statusCallback" | "recordingStatusCallback" | "asyncAmdStatusCallback" | "voiceRequest" | "legacyVoiceRequest" | "smsRequest" | "smsStatusCallback";
export declare const operations: { [Id in OperationId]: OperationManifest<Id> };
export declare const webhooks: { [Id in WebhookId]: WebhookManifest<Id> };
