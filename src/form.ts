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
  throw new TypeError(
    `${field}: a form field takes a string, number or boolean, not ${shown}; leave the key out to omit it`,
  );
}

/** Encodes a request body as application/x-www-form-urlencoded, the way Twilio expects it. */
export function encodeForm(body: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries())
        form.append(field, scalarText(`${field}[${index}]`, item as FormScalar));
    } else {
      form.append(field, scalarText(field, value));
    }
  }
  return form.toString();
}

/** Form text, parsed form data, ordered [key, value] pairs, or an object of received (text) or typed values. */
export type FormInput = string | URLSearchParams | ReadonlyArray<readonly [string, unknown]> | Record<string, unknown>;

/** Every [key, value] of a form in order, arrays of an object spread into repeated keys, undefined left out. */
export function formEntries(input: FormInput): Array<[string, unknown]> {
  if (typeof input === "string") return [...new URLSearchParams(input)];
  if (input instanceof URLSearchParams) return [...input];
  if (Array.isArray(input)) return input.map(([key, value]) => [key, value]);
  const entries: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) entries.push([key, item]);
    else entries.push([key, value]);
  }
  return entries;
}
