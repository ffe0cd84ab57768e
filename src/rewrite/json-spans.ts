/**
 * Just enough of a JSON scanner to find the byte spans of an object's members, so package.json can
 * be edited in place: every byte outside an edited string stays as it was (indentation, key order,
 * CRLF, a missing final newline).
 */

export interface JsonMember {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  /** The first character of the value: `"`, `{`, `[`, or a literal's first letter/digit. */
  kind: string;
}

const skipBlank = (text: string, i: number) => {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
};

function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new SyntaxError("unterminated string");
}

function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === "{" || c === "[") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = skipString(text, j) - 1;
      else if (d === "{" || d === "[") depth++;
      else if (d === "}" || d === "]") {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new SyntaxError("unterminated value");
  }
  let j = i;
  while (j < text.length && /[^\s,}\]]/.test(text[j]!)) j++;
  if (j === i) throw new SyntaxError("value expected");
  return j;
}

/**
 * The members of the object starting at `start` (the index of its `{`), with spans. Throws
 * SyntaxError on text that is not JSON (the caller checked it with JSON.parse first).
 */
export function objectMembers(text: string, start: number): JsonMember[] {
  const members: JsonMember[] = [];
  let i = skipBlank(text, start + 1);
  while (text[i] !== "}") {
    if (text[i] !== '"') throw new SyntaxError("key expected");
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    let j = skipBlank(text, keyEnd);
    if (text[j] !== ":") throw new SyntaxError("colon expected");
    j = skipBlank(text, j + 1);
    const valueEnd = skipValue(text, j);
    members.push({ key, keyStart: i, valueStart: j, valueEnd, kind: text[j]! });
    i = skipBlank(text, valueEnd);
    if (text[i] === ",") i = skipBlank(text, i + 1);
  }
  return members;
}

/** The index of the top-level object's `{`. Throws SyntaxError when the text is not an object. */
export function rootObject(text: string): number {
  const i = skipBlank(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text[i] !== "{") throw new SyntaxError("object expected");
  return i;
}

/** The closing `}` of the object whose `{` is at `start`. */
export const objectEnd = (text: string, start: number): number => skipValue(text, start) - 1;
