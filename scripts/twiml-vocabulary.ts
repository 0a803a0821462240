// The TwiML vocabulary (verbs, nouns, nesting, attributes and their types) read from the twilio devDependency's
// builder, so that a newer SDK shows added or removed verbs and attributes the next time codegen runs. The typings
// (VoiceResponse.d.ts, MessagingResponse.d.ts) give nesting, attributes, enums and the text each element takes;
// the builder's own code gives the tag names, since its methods do not always spell them (sayAs writes <say-as>,
// uri writes <Uri>). Nothing of the SDK is needed at run time: the result is plain JSON in generated/.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ts from "typescript";
import type {
  AttributeRule,
  ElementRule,
  TextFormat,
  TwimlLanguage,
  TwimlVocabulary,
} from "../src/twiml/vocabulary-types.js";
import { resolveRef, type Schema, type Spec } from "./openapi.js";

export type { TwimlVocabulary };

/** The SDK's builder files for one kind of TwiML: the class that stands for <Response>, and its namespace. */
const KINDS = {
  voice: "VoiceResponse",
  messaging: "MessagingResponse",
} as const;

// The text argument's name in the builder says what the text is. A name not listed here is free text.
const TEXT_FORMATS: Record<string, TextFormat> = {
  url: "url",
  phoneNumber: "phone",
  sipUrl: "sip",
};

// Attributes the typings leave as plain strings but whose names say what they hold: the HTTP method of a callback,
// and the callback URLs themselves (absolute or relative to the document, as Twilio resolves them).
const isMethodAttribute = (name: string) => name === "method" || name.endsWith("Method");
const isUrlAttribute = (name: string) => /^(action|url)$|Url$|Callback$/.test(name);

// Bounds the typings cannot carry, from Twilio's TwiML reference: <Dial>'s attribute table ("timeout: positive
// integer", "timeLimit: positive integer (seconds)") and its warnings 13212 and 13216 for other values, <Gather>'s
// numDigits and <Record>'s maxLength ("a positive integer"), and <Conference>'s maxParticipants ("2 to 250").
// Every other integer attribute is a whole number of 0 or more.
const BOUNDS: Record<string, { minimum?: number; maximum?: number }> = {
  "Dial.timeout": { minimum: 1 },
  "Dial.timeLimit": { minimum: 1 },
  "Gather.numDigits": { minimum: 1 },
  "Record.maxLength": { minimum: 1 },
  "Conference.maxParticipants": { minimum: 2, maximum: 250 },
};

// <Dial> takes its destination as text or as a noun; the typings make both optional, but a <Dial> with neither
// has nowhere to call.
const NEEDS_CONTENT = new Set(["Dial"]);

function twilioFiles(root: string): { version: string; dir: string } {
  // Resolved from the given root first, so that the drift test can point codegen at an altered copy of the SDK.
  for (const base of [`${root}package.json`, import.meta.url]) {
    try {
      const require = createRequire(base);
      const pkg = require.resolve("twilio/package.json");
      const version = (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
      return { version, dir: pkg.replace(/package\.json$/, "lib/twiml/") };
    } catch {
      // try the next base
    }
  }
  throw new Error("the twilio devDependency is not installed; run npm ci");
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
}

const nameOf = (node: ts.PropertyName | ts.BindingName): string =>
  ts.isIdentifier(node) || ts.isStringLiteral(node) ? node.text : node.getText();

/** `Class.method` to the tag the builder writes, read from its `this.x.ele("Tag", ...)` calls. */
function tagsFromBuilder(source: ts.SourceFile): Map<string, string> {
  const tags = new Map<string, string>();
  const visit = (node: ts.Node, className: string | undefined, method: string | undefined) => {
    if (ts.isClassDeclaration(node) && node.name) className = node.name.text;
    if (ts.isMethodDeclaration(node)) method = nameOf(node.name);
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "ele" &&
      className &&
      method
    ) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteral(first)) tags.set(`${className}.${method}`, first.text);
    }
    ts.forEachChild(node, (child) => visit(child, className, method));
  };
  visit(source, undefined, undefined);
  return tags;
}

interface Declarations {
  classes: Map<string, ts.ClassDeclaration>;
  interfaces: Map<string, ts.InterfaceDeclaration[]>;
  enums: Map<string, string[]>;
}

function declarations(source: ts.SourceFile, namespace: string): Declarations {
  const found: Declarations = { classes: new Map(), interfaces: new Map(), enums: new Map() };
  for (const statement of source.statements) {
    if (ts.isClassDeclaration(statement) && statement.name?.text === namespace) found.classes.set(namespace, statement);
    if (!ts.isModuleDeclaration(statement) || statement.name.text !== namespace) continue;
    const body = statement.body;
    if (!body || !ts.isModuleBlock(body)) continue;
    for (const member of body.statements) {
      if (ts.isClassDeclaration(member) && member.name) found.classes.set(member.name.text, member);
      if (ts.isInterfaceDeclaration(member)) {
        const list = found.interfaces.get(member.name.text) ?? [];
        list.push(member);
        found.interfaces.set(member.name.text, list);
      }
      if (ts.isTypeAliasDeclaration(member)) {
        const type = member.type;
        const literals = ts.isUnionTypeNode(type) ? type.types : [type];
        const values = literals.map((t) => {
          if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return t.literal.text;
          throw new Error(`${namespace}.${member.name.text}: only unions of string literals are understood`);
        });
        found.enums.set(member.name.text, values);
      }
    }
  }
  return found;
}

/** The local name a type reference such as `VoiceResponse.Dial` or `SayVoice` points at. */
function referenced(type: ts.TypeNode | undefined): string | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const name = type.typeName;
  return ts.isQualifiedName(name) ? name.right.text : name.text;
}

function attributeRule(
  element: string,
  name: string,
  type: ts.TypeNode,
  decl: Declarations,
  usedEnums: Set<string>,
): AttributeRule {
  const list = ts.isArrayTypeNode(type);
  const item = list ? type.elementType : type;
  let rule: AttributeRule;
  if (item.kind === ts.SyntaxKind.NumberKeyword)
    rule = { type: "integer", minimum: 0, ...BOUNDS[`${element}.${name}`] };
  else if (item.kind === ts.SyntaxKind.BooleanKeyword) rule = { type: "boolean" };
  else if (item.kind === ts.SyntaxKind.StringKeyword)
    rule = isMethodAttribute(name) ? { type: "method" } : isUrlAttribute(name) ? { type: "url" } : { type: "string" };
  else {
    const alias = referenced(item);
    if (!alias || !decl.enums.has(alias))
      throw new Error(`${element}.${name}: type ${item.getText()} is not understood`);
    usedEnums.add(alias);
    rule = { type: "enum", enum: alias };
  }
  return list ? { ...rule, list: true } : rule;
}

function elementRules(kind: keyof typeof KINDS, dir: string): TwimlLanguage {
  const namespace = KINDS[kind];
  const decl = declarations(parse(`${dir}${namespace}.d.ts`), namespace);
  const tags = tagsFromBuilder(parse(`${dir}${namespace}.js`));
  const usedEnums = new Set<string>();
  const elements: Record<string, ElementRule> = {};
  // The root has no attributes and no text; every other element is described by the method that builds it.
  const pending: Array<{ className: string; tag: string; builder?: ts.MethodDeclaration }> = [
    { className: namespace, tag: "Response" },
  ];
  while (pending.length > 0) {
    const { className, tag, builder } = pending.shift() as (typeof pending)[number];
    if (elements[className]) continue;
    const cls = decl.classes.get(className);
    if (!cls) throw new Error(`${namespace}: no class ${className}`);
    const rule: ElementRule = { tag, attributes: {}, children: {} };
    if (builder) Object.assign(rule, describeBuilder(className, builder, decl, usedEnums));
    if (NEEDS_CONTENT.has(className)) rule.needsContent = true;
    elements[className] = rule;
    // Overloads: the last signature is the one with the attributes argument.
    const methods = new Map<string, ts.MethodDeclaration>();
    for (const member of cls.members)
      if (ts.isMethodDeclaration(member) && !nameOf(member.name).startsWith("comment"))
        methods.set(nameOf(member.name), member);
    for (const [method, declaration] of methods) {
      const child = referenced(declaration.type);
      if (!child || !decl.classes.has(child)) continue;
      const childTag = tags.get(`${className}.${method}`);
      if (!childTag) throw new Error(`${namespace}.${className}.${method}: the builder writes no tag for it`);
      rule.children[childTag] = child;
      pending.push({ className: child, tag: childTag, builder: declaration });
    }
    rule.children = sortKeys(rule.children);
  }
  const enums = Object.fromEntries([...usedEnums].sort().map((name) => [name, decl.enums.get(name) as string[]]));
  return { root: namespace, elements: sortKeys(elements), enums };
}

/** An element's attributes and text, as the parameters of the method that builds it declare them. */
function describeBuilder(
  className: string,
  method: ts.MethodDeclaration,
  decl: Declarations,
  usedEnums: Set<string>,
): Pick<ElementRule, "attributes" | "text"> {
  const attributes: Record<string, AttributeRule> = {};
  let text: ElementRule["text"];
  for (const parameter of method.parameters) {
    const name = nameOf(parameter.name);
    if (name === "attributes") {
      const iface = referenced(parameter.type);
      // `attributes?: object` declares none.
      for (const declaration of iface ? (decl.interfaces.get(iface) ?? []) : []) {
        for (const member of declaration.members) {
          if (!ts.isPropertySignature(member) || !member.type) continue;
          const attribute = nameOf(member.name);
          attributes[attribute] = attributeRule(className, attribute, member.type, decl, usedEnums);
        }
      }
    } else if (parameter.type?.kind === ts.SyntaxKind.StringKeyword) {
      text = { name, required: !parameter.questionToken, ...formatOf(name) };
    }
  }
  return { attributes: sortKeys(attributes), ...(text ? { text } : {}) };
}

const formatOf = (name: string): { format?: TextFormat } => {
  const format = TEXT_FORMATS[name];
  return format ? { format } : {};
};

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function patternOf(spec: Spec, name: string): string {
  const schema = resolveRef(spec, { $ref: `#/components/schemas/${name}` });
  if (typeof schema.pattern !== "string") throw new Error(`components.schemas.${name} has no pattern`);
  return schema.pattern;
}

/** The vocabulary of both kinds of TwiML, with the spec's own address rules for the text of URLs and numbers. */
export function buildTwimlVocabulary(root: string, spec: Spec): TwimlVocabulary {
  const { version, dir } = twilioFiles(root);
  // <Number> takes a number as people write it, as SMS/Messages' To does; anything but E.164 is a warning.
  const advisory = resolveRef(spec, { $ref: "#/components/schemas/DialableNumber" })["x-advisory"] as Schema;
  const e164 = advisory.pattern;
  if (typeof e164 !== "string") throw new Error("components.schemas.DialableNumber has no e164 advisory pattern");
  const methods = resolveRef(spec, { $ref: "#/components/schemas/HttpMethod" }).enum as string[];
  return {
    source: `twilio ${version}: lib/twiml/VoiceResponse.d.ts and MessagingResponse.d.ts, tags from the builder`,
    patterns: {
      url: patternOf(spec, "CallbackUrl"),
      phone: patternOf(spec, "DialableNumber"),
      e164,
      sip: patternOf(spec, "SipAddress"),
    },
    methods,
    voice: elementRules("voice", dir),
    messaging: elementRules("messaging", dir),
  };
}

/** What changed between two vocabularies, one line per verb or attribute, for a stale `generate --check`. */
export function vocabularyDrift(before: TwimlVocabulary, after: TwimlVocabulary): string[] {
  const lines: string[] = [];
  for (const kind of ["voice", "messaging"] as const) {
    const paths = (language: TwimlLanguage) => {
      const found = new Map<string, string>();
      for (const element of Object.values(language.elements)) {
        for (const tag of Object.keys(element.children)) found.set(`${element.tag}/${tag}`, "");
        for (const [name, rule] of Object.entries(element.attributes))
          found.set(`${element.tag}@${name}`, JSON.stringify(rule));
      }
      for (const [name, values] of Object.entries(language.enums)) found.set(`enum ${name}`, values.join(" "));
      return found;
    };
    const old = paths(before[kind]);
    const now = paths(after[kind]);
    for (const [key, value] of now) {
      if (!old.has(key)) lines.push(`${kind}: + ${key}`);
      else if (old.get(key) !== value) lines.push(`${kind}: ~ ${key}`);
    }
    for (const key of old.keys()) if (!now.has(key)) lines.push(`${kind}: - ${key}`);
  }
  return lines;
}
