/**
 * Scoped names and the one rule for what a provider accepts. `<app>/<environment>/<KEY>` is the
 * provider-side name of one key; every provider states its limits, and every caller (the planner,
 * `secrets set`, a provider's own put) checks a name and a value through `nameProblem`.
 */
import { UserError } from "./errors.js";

/** What a provider allows as a scoped name and as a value. */
export interface NameRules {
  readonly kind: string;
  readonly limits: { maxValueBytes: number; maxNameLength: number; nameRules: string };
  checkName(name: string): string | undefined;
}

/** `<app>/<environment>/<KEY>`: the provider-side name of one key. */
export function scopedName(app: string, env: string, key: string): string {
  return `${app}/${env}/${key}`;
}

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

/** A name or size the provider would refuse, as our own words (the value is never quoted). */
export interface NameProblem {
  code: "PROVIDER_NAME" | "PROVIDER_SIZE";
  message: string;
  hint: string;
}

/** A name as it appears in messages: quoted, and cut short when absurdly long. */
export function shownName(name: string): string {
  return name.length > 80
    ? `${JSON.stringify(name.slice(0, 60))}…(${name.length} chars)`
    : JSON.stringify(name);
}

/**
 * Returns why `provider` would reject `name` or a value of `bytes` UTF-8 bytes, or undefined when
 * both are acceptable. Throws nothing.
 */
export function nameProblem(provider: NameRules, name: string, bytes: number): NameProblem | undefined {
  const reason = provider.checkName(name);
  if (reason !== undefined) {
    return {
      code: "PROVIDER_NAME",
      message: `the ${provider.kind} provider rejects the name ${shownName(name)}: ${reason}`,
      hint: `${provider.kind} secret names are ${provider.limits.nameRules}, at most ${provider.limits.maxNameLength} characters`,
    };
  }
  if (bytes > provider.limits.maxValueBytes) {
    return {
      code: "PROVIDER_SIZE",
      message: `${name} is ${bytes} bytes, over the ${provider.kind} limit of ${provider.limits.maxValueBytes}`,
      hint: "store large files elsewhere and keep a path or URL in the variable",
    };
  }
  return undefined;
}

/** Throws UserError(PROVIDER_NAME / PROVIDER_SIZE) when the provider would reject this name or value. */
export function assertAcceptable(provider: NameRules, name: string, value: string, where: string): void {
  const problem = nameProblem(provider, name, Buffer.byteLength(value, "utf8"));
  if (problem) throw new UserError(problem.code, `${where}: ${problem.message}`, { hint: problem.hint });
}
