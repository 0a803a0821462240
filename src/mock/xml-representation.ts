// The XML representation of a 2010-04-01 resource, as Twilio wrote it for a URI without the `.json` extension: a
// `<TwilioResponse>` root holding one element named by the spec's XML schema (`<Call>`, `<Calls>`, `<SMSMessage>`,
// `<RestException>`), each JSON key an element in PascalCase (`date_created` is `<DateCreated>`), null an empty
// element, a list's paging as attributes of its element (`page_size` is `pagesize`) with one element per entry,
// and every API path without its `.json`. The mock serves the XML operations by asking for the JSON one and
// writing its response here, so that both representations of a resource are one state and one set of checks.
import type { XmlNode } from "../../generated/manifest.js";
import { escapeXml, xmlSafe } from "../safe-text.js";
import { type OperationId, operations } from "../validation/index.js";
import { legacyForm } from "./legacy.js";
import type { AcceptedRequest, MockResponse } from "./responder.js";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** `date_created` as an element, `DateCreated`; as an attribute of a list, `datecreated`. */
const elementName = (key: string) =>
  key
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
const attributeName = (key: string) => key.replace(/_/g, "");

// The XML representation links to XML: an API path loses its extension, before its query or at its end.
const API_PATH = /^\/20[0-9]{2}-[0-9]{2}-[0-9]{2}\//;
const text = (value: unknown) => {
  const written = typeof value === "string" && API_PATH.test(value) ? value.replace(/\.json(?=\?|$)/, "") : value;
  return escapeXml(xmlSafe(String(written)));
};

function element(name: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return `<${name}/>`;
  if (typeof value !== "object") return `<${name}>${text(value)}</${name}>`;
  const inner = Object.entries(value as Record<string, unknown>).map(([key, v]) => element(elementName(key), v));
  return `<${name}>${inner.join("")}</${name}>`;
}

/** A list: its scalar keys as attributes, the entries of its one array as elements named by the schema. */
function list(name: string, node: Extract<XmlNode, { kind: "object" }>, page: Record<string, unknown>): string {
  const item = Object.entries(node.children).find(([, child]) => child.kind === "array")?.[0] ?? "Item";
  const attributes = Object.entries(page)
    .filter(([, value]) => !Array.isArray(value))
    .map(([key, value]) => ` ${attributeName(key)}="${value === null ? "" : text(value)}"`);
  const entries = Object.values(page).find(Array.isArray) ?? [];
  return `<${name}${attributes.join("")}>${entries.map((entry) => element(item, entry)).join("")}</${name}>`;
}

/** A JSON body as the `<TwilioResponse>` the XML schema of that status describes. */
export function xmlDocument(operationId: OperationId, status: number, body: unknown): string | undefined {
  const shapes = operations[operationId].xmlResponses ?? {};
  // A status the spec does not declare (a 405, a 415) is still an error, written as the declared ones are.
  const anyError = Object.entries(shapes).find(([declared]) => Number(declared) >= 400)?.[1];
  const shape = shapes[String(status)] ?? (status >= 400 ? anyError : undefined);
  const [name, node] = shape?.body.kind === "object" ? (Object.entries(shape.body.children)[0] ?? []) : [];
  if (!shape || !name || !node || body === null || typeof body !== "object") return undefined;
  const record = { ...(body as Record<string, unknown>) };
  // The mock lists the violations of a refused request under `details`; an XML error carries its four elements.
  if (name === "RestException") delete record.details;
  const inner = node.kind === "object" && node.attributes ? list(name, node, record) : element(name, record);
  return `${DECLARATION}<${shape.root}>${inner}</${shape.root}>`;
}

/** The operation an XML representation stands for, or undefined for any other operation. */
export function representedOperation(operationId: OperationId): OperationId | undefined {
  return operations[operationId].representationOf as OperationId | undefined;
}

/** The request as the JSON operation takes it: its path with `.json`, asking for JSON. */
export function asJsonRequest(request: AcceptedRequest): AcceptedRequest {
  const operationId = representedOperation(request.operationId);
  if (!operationId) return request;
  const cut = request.target.indexOf("?");
  const query = cut < 0 ? "" : request.target.slice(cut);
  const path = operations[operationId].path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(request.params[name] ?? ""),
  );
  return {
    ...request,
    operationId,
    target: `${path}${query}`,
    headers: { ...request.headers, accept: "application/json" },
  };
}

/** A JSON response of the represented operation, written in XML for an XML representation; else as it is. */
export function asXmlResponse(operationId: OperationId | undefined, response: MockResponse): MockResponse {
  if (!operationId || !representedOperation(operationId)) return response;
  if (!/json/.test(response.headers?.["content-type"] ?? "") || response.body === "") return response;
  const xml = xmlDocument(operationId, response.status, JSON.parse(response.body));
  if (xml === undefined) return response;
  return { ...response, headers: { ...response.headers, "content-type": "application/xml" }, body: xml };
}

/**
 * A response as the operation's clients read it: XML for an XML representation and for the 2008-08-01 API (whose
 * errors are its own RestException), with a Deprecation header on a retired operation; JSON otherwise.
 */
export function asOperationResponse(operationId: OperationId | undefined, response: MockResponse): MockResponse {
  return legacyForm(operationId, asXmlResponse(operationId, response));
}
