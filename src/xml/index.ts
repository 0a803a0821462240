// The XML reader under validateTwiml and the 2008-08-01 responses: a tokenizer that names every mistake at its own
// offset, the bounds its readers keep, and offsets turned into lines and columns. See "The XML parser" in the README.
export type { XmlAttribute, XmlHandler } from "./handler.js";
export { MAX_XML_DEPTH, MAX_XML_FINDINGS } from "./handler.js";
export { positionsIn } from "./positions.js";
export { tokenize } from "./tokenize.js";
