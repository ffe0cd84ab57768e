/**
 * ValueFormat: how a value was spelled, without the value. `formatOf` reads it off an entry and
 * `encodeValue` spells the same value the same way again, byte for byte, so `secrets undo` can put a
 * plaintext value back exactly where and how it was.
 */
import { InternalError } from "../core/errors.js";
import type { EnvDocument, EnvEntry, ValueFormat } from "./types.js";

const RAW_OF_BREAK: Record<string, string> = { L: "\n", C: "\r\n", R: "\r", n: "\\n", r: "\\r" };

/**
 * Decodes the raw text of a value span the way dotenv does (line breaks normalised to `\n`; with
 * `escapes`, the two-character sequences `\n` and `\r` expanded) and records which raw form produced
 * each `\n` / `\r` of the result. One left-to-right pass is equivalent to dotenv's normalise-then-
 * replace passes because neither replacement can create a sequence the other would match.
 */
export function decodeRaw(raw: string, escapes: boolean): { value: string; breaks: string } {
  let value = "";
  let breaks = "";
  let last = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    const next = raw[i + 1];
    let decoded: string;
    let letter: string;
    if (ch === "\r") {
      [decoded, letter] = ["\n", next === "\n" ? "C" : "R"];
    } else if (ch === "\n") {
      [decoded, letter] = ["\n", "L"];
    } else if (escapes && ch === "\\" && (next === "n" || next === "r")) {
      [decoded, letter] = [next === "n" ? "\n" : "\r", next];
    } else {
      continue;
    }
    value += raw.slice(last, i) + decoded;
    breaks += letter;
    if (letter === "C" || letter === "n" || letter === "r") i++;
    last = i + 1;
  }
  return { value: value + raw.slice(last), breaks };
}

/**
 * The format of one entry of `doc`: its quote style and the raw form of each line break, holding no
 * character of the value. Returns undefined for the one kind of entry it cannot describe: an unquoted
 * value containing U+2028 or U+2029 where dotenv (whose quote-stripping regex treats those as line
 * ends) removed quotes from the middle of the value. Never throws.
 */
export function formatOf(doc: EnvDocument, entry: EnvEntry): ValueFormat | undefined {
  const raw = doc.source.slice(entry.valueStart, entry.valueEnd);
  // dotenv expands escapes whenever the trimmed value starts with a double quote, closed or not.
  const escapes = entry.quote === '"' || (entry.quote === null && raw.startsWith('"'));
  const decoded = decodeRaw(raw, escapes);
  if (decoded.value !== entry.value) return undefined;
  return { quote: entry.quote, breaks: decoded.breaks };
}

/** True when `value` has exactly the line breaks `format` describes (so `encodeValue` accepts it). Never throws. */
export function fitsFormat(value: string, format: ValueFormat): boolean {
  let k = 0;
  for (const ch of value) {
    if (ch !== "\n" && ch !== "\r") continue;
    const letter = format.breaks[k++];
    const ok = ch === "\r" ? letter === "r" : letter !== undefined && "LCRn".includes(letter);
    if (!ok) return false;
  }
  return k === format.breaks.length;
}

/**
 * Spells `value` in `format`: the raw text that goes between the quotes (or in place of an unquoted
 * value). For an entry's own value and format the result is exactly the entry's original value span.
 * Throws InternalError when the value's line breaks do not fit the format (see `fitsFormat`).
 */
export function encodeValue(value: string, format: ValueFormat): string {
  if (!fitsFormat(value, format)) {
    throw new InternalError("value does not fit its recorded format (its line breaks differ)");
  }
  let k = 0;
  let out = "";
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch !== "\n" && ch !== "\r") continue;
    out += value.slice(last, i) + RAW_OF_BREAK[format.breaks[k++]!];
    last = i + 1;
  }
  return out + value.slice(last);
}
