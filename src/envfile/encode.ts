/**
 * Spelling arbitrary values for dotenv. dotenv has no escape for quotes or backslashes (only `\n` and
 * `\r` inside double quotes), so each quote style can carry only some strings; every spelling offered
 * here is checked by parsing it back, and where no style can carry a value the answer is undefined.
 *
 * Values with no spelling at all include: one containing all three quote characters (none preceded by
 * a backslash) and a `#`; one ending in a backslash that cannot go unquoted (leading or trailing space,
 * `#`, a line break, a leading quote: the backslash would escape the closing quote); one containing a
 * carriage return (only double quotes can spell it, as `\r`) and also the two characters `\n` or `\r`,
 * or also an unescaped `"` and a `#`.
 */
import { parseEnv } from "./parse.js";
import type { EnvDocument, QuoteStyle } from "./types.js";
import { applyEdits, type EnvEdit } from "./write.js";

// Following lines that would complete a quote left open by a bad spelling (`K='a\'` etc.).
const TRAP = "\nT1='#'\nT2=\"#\"\nT3=`#`\n";

/** True when `K=<raw>` parses to exactly `value` for K, whether or not lines follow. */
function spells(raw: string, value: string): boolean {
  for (const text of [`K=${raw}`, `K=${raw}${TRAP}`, `K=${raw} # c${TRAP}`]) {
    const entries = parseEnv(text).entries;
    if (entries[0]?.key !== "K" || entries[0].value !== value) return false;
    if (text !== `K=${raw}` && entries.length !== 4) return false;
  }
  return true;
}

/** Every quote in `s` of kind `q` is preceded by a backslash (dotenv's only way to pass one). */
function quotesEscaped(s: string, q: string): boolean {
  for (let i = s.indexOf(q); i !== -1; i = s.indexOf(q, i + 1)) if (s[i - 1] !== "\\") return false;
  return true;
}

/**
 * The raw text to put between quotes of style `quote` (or in place of an unquoted value, for null) so
 * dotenv reads back `value`; undefined when that style cannot carry it. Line feeds are written
 * literally in single and backtick quotes and as `\n` in double quotes (literally with `literalBreaks`).
 * An unclosed quote earlier in the file can still swallow the result: `planValueEdit` checks for that.
 * Never throws.
 */
export function encodeInQuotes(
  value: string,
  quote: QuoteStyle,
  options: { literalBreaks?: boolean } = {},
): string | undefined {
  if (value.endsWith("\\") && quote !== null) return undefined;
  if (quote === null) {
    const plain = value === value.trim() && !/[#\r\n\u2028\u2029]/.test(value) && !/^["'`]/.test(value);
    return plain ? value : undefined;
  }
  if (!quotesEscaped(value, quote)) return undefined;
  if (quote !== '"') return value.includes("\r") ? undefined : value;
  // Inside double quotes a literal `\n` or `\r` would be read as a line break: no way to write one.
  if (/\\[nr]/.test(value)) return undefined;
  const withCr = value.replace(/\r/g, "\\r");
  return options.literalBreaks ? withCr : withCr.replace(/\n/g, "\\n");
}

/** Candidate spellings of `value` as a whole value (quotes included), most readable first. */
function candidates(value: string): string[] {
  const out: string[] = [];
  const add = (raw: string | undefined, open = "", close = open) => {
    if (raw !== undefined) out.push(open + raw + close);
  };
  const oneLine = !value.includes("\n");
  add(encodeInQuotes(value, null));
  if (oneLine) add(encodeInQuotes(value, "'"), "'");
  add(encodeInQuotes(value, '"'), '"');
  if (oneLine) add(encodeInQuotes(value, "`"), "`");
  if (!oneLine) add(encodeInQuotes(value, "'"), "'");
  if (!oneLine) add(encodeInQuotes(value, "`"), "`");
  // Last resort: dotenv strips matching outer quotes even when the quoted reading fails, so `'a'b'`
  // reads as a'b. Only without `#`, where the unquoted reading would stop.
  if (!value.includes("#")) {
    if (oneLine && !value.includes("\r")) add(value, "'");
    if (!/\\[nr]/.test(value)) add(value.replace(/\r/g, "\\r").replace(/\n/g, "\\n"), '"');
    if (oneLine && !value.includes("\r")) add(value, "`");
  }
  return out;
}

/**
 * Raw text for a new `KEY=<raw>` line (quotes included where needed) that dotenv reads back as
 * exactly `value` whatever lines come before or after it. Undefined for values dotenv cannot
 * represent (see the module comment). Never throws.
 */
export function encodeForNewEntry(value: string): string | undefined {
  return candidates(value).find((raw) => spells(raw, value));
}

/**
 * An edit that sets `doc.entries[index]` to `value`, verified by parsing the edited text: that entry
 * reads `value` and every other entry keeps its key and value. Tries the existing quotes first, then
 * a whole new spelling. Undefined when no spelling survives the check (for instance when an unclosed
 * quote earlier in the file would swallow a quote of the new value). Never throws.
 */
export function planValueEdit(doc: EnvDocument, index: number, value: string): EnvEdit | undefined {
  const entry = doc.entries[index];
  if (entry === undefined) return undefined;
  const tries: EnvEdit[] = [];
  const inside = encodeInQuotes(value, entry.quote, { literalBreaks: true });
  if (inside !== undefined) tries.push({ entry, raw: inside });
  const insideEscaped = encodeInQuotes(value, entry.quote);
  if (insideEscaped !== undefined && insideEscaped !== inside) tries.push({ entry, raw: insideEscaped });
  for (const raw of candidates(value)) tries.push({ entry, raw, withQuotes: true });
  return tries.find((edit) => {
    const after = parseEnv(applyEdits(doc, [edit])).entries;
    if (after.length !== doc.entries.length) return false;
    return after.every((e, i) => {
      const before = doc.entries[i]!;
      return e.key === before.key && e.value === (i === index ? value : before.value);
    });
  });
}
