/**
 * The rules a variable name must follow, and how a broken one is described. Names are never quoted
 * back in messages: a name typed on a command line may hold a value (`secrets set "KEY=$VALUE"`).
 */
import { UserError } from "../errors.js";

/** dotenv's key syntax: what a .env line can assign. */
export const KEY_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Characters described in words rather than shown. */
const NAMED_CHARS: Record<string, string> = {
  " ": "a space",
  "\t": "a tab",
  "\n": "a line break",
  "\r": "a line break",
};

/**
 * Says what keeps `name` from matching `pattern` (default KEY_PATTERN) without quoting the name:
 * a name typed on a command line may well hold a value (`secrets set "KEY=$VALUE"`). Returns
 * undefined for a good name. Never throws.
 */
export function keyProblem(name: string, pattern: RegExp = KEY_PATTERN): string | undefined {
  if (pattern.test(name)) return undefined;
  if (name === "") return "is empty";
  const chars = [...name];
  const at = chars.findIndex((ch) => !pattern.test(ch));
  if (at === -1) return `does not match ${pattern.source}`;
  const ch = chars[at]!;
  const printable = /^[\x21-\x7e]$/.test(ch);
  const what =
    NAMED_CHARS[ch] ??
    (printable ? `'${ch}'` : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  return `contains ${what} (character ${at + 1} of ${chars.length})`;
}

/**
 * Throws UserError(USAGE) when `key` is not something a .env file can hold. The message says what
 * is wrong and never repeats the key (see keyProblem).
 */
export function assertKey(key: string, what = "the variable name"): void {
  const problem = keyProblem(key);
  if (problem === undefined) return;
  const valueGiven = key.includes("=");
  throw new UserError("USAGE", `${what} is not valid: it ${problem}`, {
    hint: valueGiven
      ? 'give the name alone; the value is read from stdin (printf %s "$VALUE" | secrets set KEY)'
      : "use letters, digits, _ . - (as in .env files)",
  });
}
