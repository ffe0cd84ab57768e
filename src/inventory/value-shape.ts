/**
 * What a value looks like, without knowing its name: random (high entropy), a placeholder, or an
 * obviously plain config shape (boolean, number, URL, host, path...).
 */

/** Shannon entropy of the string's characters, in bits per character. */
export function shannonEntropy(value: string): number {
  const chars = [...value];
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_CHARS = /^[A-Za-z0-9+/=_.~!@#$%^&*:,;?|-]+$/;
const HEX = /^[0-9a-fA-F]+$/;

/** Thresholds for the entropy rule; exported so the tests and the docs quote the same numbers. */
export const ENTROPY = {
  /** Minimum length for a mixed-alphabet value. */
  minLength: 20,
  /** Bits per character a mixed-alphabet value must reach. */
  minBits: 3.5,
  /** Hex values are judged on a 16-letter alphabet: longer, and a lower bar. */
  hexMinLength: 32,
  hexMinBits: 3.0,
  /** Share of adjacent characters that change class (lower/upper/digit/symbol): random text changes often, words rarely. */
  minSwitchRatio: 0.3,
  /** The same for one-case alphabets (hex, base36), where a random string changes class less often. */
  singleCaseMinSwitchRatio: 0.2,
} as const;

export interface EntropyFinding {
  bits: number;
  length: number;
}

/**
 * Says whether a value looks randomly generated: no whitespace, a token alphabet, long enough, and
 * both high Shannon entropy and frequent letter/digit/symbol changes. UUIDs, URLs, paths, dotted
 * names, emails and plain words are never flagged: they are identifiers and config, and a UUID used
 * as a secret is nearly always under a name that says so (API_KEY).
 */
export function highEntropy(value: string): EntropyFinding | undefined {
  const length = [...value].length;
  if (length < ENTROPY.minLength || !TOKEN_CHARS.test(value)) return undefined;
  if (UUID.test(value) || value.includes("://") || looksLikePath(value) || looksLikeEmail(value))
    return undefined;
  if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value) && !/\d{3,}/.test(value)) return undefined;
  const bits = shannonEntropy(value);
  const switches = switchRatio(value);
  const alnumSwitches = switchRatio(value.replace(/[-_]/g, ""));
  if (HEX.test(value)) {
    const mixed = /[0-9]/.test(value) && /[a-fA-F]/.test(value);
    return mixed &&
      length >= ENTROPY.hexMinLength &&
      bits >= ENTROPY.hexMinBits &&
      alnumSwitches >= ENTROPY.singleCaseMinSwitchRatio
      ? { bits, length }
      : undefined;
  }
  const digits = /[0-9]/.test(value);
  // Symbols do not count towards "mixed": `.`, `/`, `:` are what structured config (image refs, paths) is made of.
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value) && digits;
  const singleCaseAlnum =
    (/^[a-z0-9_-]+$/.test(value) || /^[A-Z0-9_-]+$/.test(value)) &&
    digits &&
    /[A-Za-z]/.test(value) &&
    length >= 24;
  if (!mixedCase && !singleCaseAlnum) return undefined;
  // In one-case values, `-` and `_` separate words (my-app-bucket-2024) rather than add randomness.
  const enough = mixedCase
    ? switches >= ENTROPY.minSwitchRatio
    : alnumSwitches >= ENTROPY.singleCaseMinSwitchRatio;
  return bits >= ENTROPY.minBits && enough ? { bits, length } : undefined;
}

function switchRatio(value: string): number {
  const cls = (c: string) => (/[a-z]/.test(c) ? 0 : /[A-Z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 3);
  let switches = 0;
  for (let i = 1; i < value.length; i++) if (cls(value[i]!) !== cls(value[i - 1]!)) switches++;
  return value.length > 1 ? switches / (value.length - 1) : 0;
}

/** Substrings that mark a stand-in (`$` + `{` is a dotenv-expand reference: not a value of its own). */
const PLACEHOLDER_WORDS =
  "xxxx your change replace placeholder example dummy todo fixme insert redacted **** ... < > ${".split(" ");
const PLACEHOLDER_VALUES = new Set(
  "secret password pass passwd token key none null nil empty test testing admin root postgres mysql user guest changeme 1234 12345 123456 12345678 abc abc123".split(
    " ",
  ),
);

/**
 * True when a value reads as a stand-in rather than a real credential: `changeme`,
 * `your-api-key-here`, `<secret>`, `sk_test_xxxxxxxx`, a run of one repeated character.
 */
export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true;
  // The random-looking tail of a Stripe test key made of zeros: one or two distinct characters.
  const tail = value.replace(/^[A-Za-z]{1,8}[_-]((live|test)[_-])?/, "");
  return tail.length >= 8 && new Set(tail).size <= 2;
}

/** Plain shapes of config values, with the wording used in reasons. */
export function configShape(value: string): string | undefined {
  if (/^(true|false|yes|no|on|off|enabled|disabled)$/i.test(value)) return "boolean value";
  if (/^-?\d{1,10}(\.\d+)?$/.test(value)) return "number";
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/.test(value)) return "URL without credentials";
  if (/^(\d{1,3}\.){3}\d{1,3}(:\d{1,5})?$/.test(value)) return "IP address";
  if (/^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d{1,5})?$/i.test(value)) return "host name";
  if (looksLikeEmail(value)) return "email address";
  if (/^(\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value)) return "file path";
  if (/^\d+(\.\d+){1,3}([-+][\w.]+)?$/.test(value)) return "version";
  if (/^[a-zA-Z][a-zA-Z0-9_.:-]{0,31}$/.test(value) && !/\d.*[a-zA-Z].*\d/.test(value)) return "plain word";
  if (/\s/.test(value.trim())) return "text";
  return undefined;
}

/** `true/false/yes/no/on/off`: a flag, whatever its name says. */
export function isBoolean(value: string): boolean {
  return /^(true|false|yes|no|on|off)$/i.test(value);
}

/** `/var/lib/app`, `./certs/dev.pem`, `~/x`: but not base64 that happens to start with `/`. */
function looksLikePath(value: string): boolean {
  if (!/^(~|\.{1,2})?\//.test(value)) return false;
  const slashes = value.split("/").length - 1;
  return /^[\w.@~/-]*$/.test(value) && (slashes >= 2 || !/[a-zA-Z]\d|\d[a-zA-Z]/.test(value));
}

function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value);
}
