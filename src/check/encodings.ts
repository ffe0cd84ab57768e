/**
 * The forms in which a migrated value is looked for: as it is, base64 and base64url (standalone or
 * inside a longer base64 text, at each of the three byte alignments), URL-encoded, JSON-escaped,
 * and shell-escaped (single and double quotes). A value split across a quoted multi-line string is
 * found by the scanner's split walk on the raw form, not by an encoding.
 */

export interface EncodedForm {
  encoding: "raw" | "base64" | "base64url" | "url" | "json" | "shell";
  bytes: Buffer;
}

/** Values shorter than this (in UTF-8 bytes) are not matched exactly: too many would match by chance. */
export const MIN_EXACT_BYTES = 8;

/**
 * The distinct forms of a value worth searching for (each at least MIN_EXACT_BYTES - 2 bytes).
 * Never throws.
 */
export function encodedForms(value: string): EncodedForm[] {
  const raw = Buffer.from(value, "utf8");
  const forms: EncodedForm[] = [{ encoding: "raw", bytes: raw }];
  const seen = new Set([raw.toString("latin1")]);
  const add = (encoding: EncodedForm["encoding"], text: string) => {
    if (text.length < MIN_EXACT_BYTES - 2 || seen.has(text)) return;
    seen.add(text);
    forms.push({ encoding, bytes: Buffer.from(text, "latin1") });
  };
  if (padded.length < raw.length + 2) padded = Buffer.alloc(2 * (raw.length + 2));
  padded[0] = 0;
  padded[1] = 0;
  raw.copy(padded, 2);
  const base64: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    // With `pad` bytes before it, the characters wholly made of the value's bits are these.
    const text = padded.toString("base64", 2 - pad, 2 + raw.length);
    base64.push(text.slice(Math.ceil((pad * 8) / 6), Math.floor(((pad + raw.length) * 8) / 6)));
  }
  for (const text of base64) add("base64", text);
  // base64url is base64 with - and _ for + and / (the slices hold no padding).
  for (const text of base64) {
    if (text.includes("+") || text.includes("/"))
      add("base64url", text.replaceAll("+", "-").replaceAll("/", "_"));
  }
  // encodeURIComponent escapes every non-ASCII character, so its text is its bytes; JSON and shell
  // escaping keep them, so those forms are their UTF-8 read as latin1 (as the scanner reads bytes).
  const ascii = raw.length === value.length;
  add("url", encodeURIComponent(value));
  const json = JSON.stringify(value).slice(1, -1);
  add("json", ascii ? json : Buffer.from(json, "utf8").toString("latin1"));
  if (value.includes("'")) add("shell", latin1OfUtf8(value.replaceAll("'", "'\\''"), ascii));
  if (/["\\$`]/.test(value)) add("shell", latin1OfUtf8(value.replace(/["\\$`]/g, "\\$&"), ascii));
  return forms;
}

/** The two zero bytes before a value that base64 encodes at each alignment (reused: values are short). */
let padded = Buffer.alloc(256);

function latin1OfUtf8(text: string, ascii: boolean): string {
  return ascii ? text : Buffer.from(text, "utf8").toString("latin1");
}
