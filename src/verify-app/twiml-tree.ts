// A TwiML document as a tree of elements with their attributes and text, read by the project's XML tokenizer, for
// what verify-app needs of a document beyond validateTwiml's verdict: the verbs it runs, the action URLs it names,
// and the lines of the menu map. Read within the tokenizer's depth bound and a count of elements.
import { MAX_XML_DEPTH, tokenize, type XmlHandler } from "../xml/index.js";

export interface TwimlNode {
  tag: string;
  attributes: Record<string, string>;
  /** The element's own text, trimmed. */
  text: string;
  children: TwimlNode[];
  /** `Response/Gather[1]/Say[1]`, counting siblings of the same name from 1, as validateTwiml names places. */
  path: string;
}

// A menu document holds a few dozen elements; past this many the rest is not read.
const MAX_ELEMENTS = 2000;

/** The document's tree, or undefined when it is not well-formed XML. */
export function readTwimlTree(xml: string): TwimlNode | undefined {
  let root: TwimlNode | undefined;
  let malformed = false;
  let elements = 0;
  const stack: Array<{ node: TwimlNode; counts: Map<string, number> }> = [];
  const handler: XmlHandler = {
    start(tag, _offset, attributes) {
      elements += 1;
      const parent = stack.at(-1);
      const index = (parent?.counts.get(tag) ?? 0) + 1;
      parent?.counts.set(tag, index);
      const node: TwimlNode = {
        tag,
        attributes: Object.fromEntries(attributes.map((a) => [a.name, a.value])),
        text: "",
        children: [],
        path: parent ? `${parent.node.path}/${tag}[${index}]` : tag,
      };
      // Past the bounds an element is read but not kept.
      if (elements <= MAX_ELEMENTS && stack.length < MAX_XML_DEPTH) {
        if (parent) parent.node.children.push(node);
        else root ??= node;
      }
      stack.push({ node, counts: new Map() });
    },
    end() {
      stack.pop();
    },
    text(text) {
      const current = stack.at(-1)?.node;
      if (current) current.text = `${current.text} ${text}`.trim().replace(/\s+/g, " ");
    },
    malformed() {
      malformed = true;
    },
  };
  tokenize(xml, handler);
  return malformed ? undefined : root;
}

/** Whether a document would make Twilio do anything: a `<Response>` holding at least one verb. */
export function doesSomething(xml: string): boolean {
  const root = readTwimlTree(xml);
  return root?.tag === "Response" && root.children.length > 0;
}
