// A TwiML document as a tree of elements with their attributes and text, read by the project's XML tokenizer: what
// verify-app walks and draws (the verbs, the action URLs) and what the call simulator runs. Internal to the package,
// not part of validateTwiml's surface. Read within the tokenizer's depth bound and a count of elements.
import { MAX_XML_DEPTH, tokenize, type XmlHandler } from "../xml/index.js";

export interface TwimlNode {
  tag: string;
  attributes: Record<string, string>;
  /** The element's own text, with runs of white space made one space and trimmed. */
  text: string;
  children: TwimlNode[];
  /** `Response/Gather[1]/Say[1]`, counting siblings of the same name from 1, as validateTwiml names places. */
  path: string;
}

// A menu document holds a few dozen elements; past this many the rest is not kept (validateTwiml still reads it all).
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
      const path = parent ? `${parent.node.path}/${tag}[${index}]` : tag;
      // Own properties only: an attribute named like one of Object's (`__proto__`) is kept as text.
      const node: TwimlNode = {
        tag,
        attributes: Object.fromEntries(attributes.map((a) => [a.name, a.value])),
        text: "",
        children: [],
        path,
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
      if (current) current.text = `${current.text} ${text}`.replace(/\s+/g, " ").trim();
    },
    malformed() {
      malformed = true;
    },
  };
  tokenize(xml, handler);
  return malformed ? undefined : root;
}
