/**
 * A JSON reader that keeps positions: enough to insert members and array items into a user's
 * JSON file as text, so every byte of theirs (indentation, key order, spacing) stays as it was.
 */

export type JsonNode =
  | { type: "object"; start: number; end: number; members: JsonMember[] }
  | { type: "array"; start: number; end: number; items: JsonNode[] }
  | { type: "string"; start: number; end: number; value: string }
  | { type: "literal"; start: number; end: number };

export interface JsonMember {
  key: string;
  keyStart: number;
  value: JsonNode;
}

/** Thrown for text that is not JSON; `offset` is where reading stopped. */
export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
// Control characters are rejected by JSON.parse on the matched text (see string()).
const STRING = /"(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Reads a whole JSON text (a leading BOM allowed). Throws JsonScanError where it is not JSON. */
export function scanJson(text: string): JsonNode {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const skip = () => {
    while (pos < text.length && " \t\r\n".includes(text[pos]!)) pos++;
  };
  const fail = (what: string): never => {
    throw new JsonScanError(pos < text.length ? `${what} at offset ${pos}` : `${what} at the end`, pos);
  };
  const string = (): { value: string; start: number; end: number } => {
    STRING.lastIndex = pos;
    const match = STRING.exec(text);
    if (!match) return fail("expected a string");
    let value: string;
    try {
      value = JSON.parse(match[0]) as string;
    } catch {
      return fail("invalid string");
    }
    const start = pos;
    pos += match[0].length;
    return { value, start, end: pos };
  };
  const value = (): JsonNode => {
    skip();
    const start = pos;
    const ch = text[pos];
    if (ch === "{") {
      pos++;
      const members: JsonMember[] = [];
      skip();
      if (text[pos] === "}") return { type: "object", start, end: ++pos, members };
      for (;;) {
        skip();
        const key = string();
        skip();
        if (text[pos] !== ":") fail("expected ':'");
        pos++;
        members.push({ key: key.value, keyStart: key.start, value: value() });
        skip();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") return { type: "object", start, end: ++pos, members };
        fail("expected ',' or '}'");
      }
    }
    if (ch === "[") {
      pos++;
      const items: JsonNode[] = [];
      skip();
      if (text[pos] === "]") return { type: "array", start, end: ++pos, items };
      for (;;) {
        items.push(value());
        skip();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") return { type: "array", start, end: ++pos, items };
        fail("expected ',' or ']'");
      }
    }
    if (ch === '"') return { type: "string", ...string() };
    LITERAL.lastIndex = pos;
    const match = LITERAL.exec(text);
    if (!match) return fail("expected a value");
    pos += match[0].length;
    return { type: "literal", start, end: pos };
  };
  const root = value();
  skip();
  if (pos < text.length) fail("unexpected text after the JSON value");
  return root;
}

/** The member of an object with this key (the last one, as JSON.parse keeps the last). */
export function member(node: JsonNode, key: string): JsonMember | undefined {
  if (node.type !== "object") return undefined;
  return node.members.filter((m) => m.key === key).pop();
}
