// Twilio's form encoding: one key per array item, booleans as true/false, and absent keys for undefined.
// openapi-fetch's default (URLSearchParams over the object) joins arrays with commas and sends "undefined".

type FormScalar = string | number | boolean;

function scalarText(field: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${field}: ${value} is not a finite number and cannot be sent`);
    return String(value);
  }
  const shown = value === null ? "null" : typeof value;
  throw new TypeError(`${field}: a form field takes a string, number or boolean, not ${shown}; leave the key out to omit it`);
}

/** Encodes a request body as application/x-www-form-urlencoded, the way Twilio expects it. */
export function encodeForm(body: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      value.forEach((item: FormScalar, index) => form.append(field, scalarText(`${field}[${index}]`, item)));
    } else {
      form.append(field, scalarText(field, value));
    }
  }
  return form.toString();
}
