/**
 * The rules `secrets check` searches arbitrary text with, derived from the one table of value
 * formats (formats.ts) that inventory classifies values with, plus three rules that need context:
 * an AWS secret access key (40 characters with no prefix: recognised by the name it is assigned
 * to), a PEM private key with a body, and a high-entropy value assigned to a secret-looking name.
 *
 * Every rule has literal keywords (matched case-insensitively). The scanner finds all keywords of
 * all rules in one pass over a file and runs a rule's regex only where one of its keywords occurs:
 * `at` rules try a sticky regex where the keyword starts (the keyword is the token's prefix);
 * `name` rules try a sticky regex at the start of the identifier that holds the keyword (the
 * keyword is part of the name a value is assigned to).
 */
import { FORMATS, matchFormat, PASSWORD_URL_SCHEMES, PEM_PRIVATE_KEY, URL_PASSWORD } from "./formats.js";
import { judgeName, SECRET_NAME_KEYWORDS } from "./names.js";
import { highEntropy, isPlaceholder } from "./value-shape.js";

export interface TextRule {
  id: string;
  /** Human wording: "a Stripe secret key". */
  label: string;
  /** Characters of the secret's fixed prefix a preview may show. */
  shown: number;
  keywords: readonly string[];
  mode: "at" | "name";
  /** Sticky (`y`), with indices (`d`) when the secret is a group. */
  regex: RegExp;
  /** The capture group holding the secret (0: the whole match). */
  secretGroup: number;
  /** The capture group holding the name it is assigned to, when the rule reads one. */
  nameGroup?: number;
  /** Extra judgement on a match: false drops it (placeholders, local dev passwords). */
  accept?: (match: RegExpExecArray) => boolean;
  /** What a preview may show before the length (a URL scheme). */
  previewPrefix?: (match: RegExpExecArray) => string;
}

/** Characters that may not touch a token on either side. */
export const WORD_BYTE = /[A-Za-z0-9]/;
/** Characters of a name a value is assigned to (`config.apiKey`, `DB_PASSWORD`, `x-api-key`). */
export const NAME_BYTE = /[A-Za-z0-9_.-]/;

/** `…\S+$` in a whole-value pattern would swallow the closing quote in text. */
function textSource(pattern: RegExp): string {
  return pattern.source.replace(/^\^/, "").replace(/\$$/, "").replaceAll("\\S", "[^\\s\"'`<>),;\\]]");
}

const fromFormats: TextRule[] = FORMATS.filter((f) => f.secret && f.keywords.length > 0).map((f) => ({
  id: f.id,
  label: f.label,
  shown: f.shown,
  keywords: f.keywords,
  mode: "at",
  regex: new RegExp(`(?:${textSource(f.pattern)})(?![A-Za-z0-9])`, "y"),
  secretGroup: 0,
  accept: (m) => !isPlaceholder(m[0]),
}));

const LOCAL_HOSTS =
  /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal|db|postgres|mysql|redis|mongo|rabbitmq)$/i;
const TEMPLATED = /^[$%{<[]|^\*+$/;
const QUOTE = "[\"'`]";
/** `name: string = value` (TypeScript) before the assignment operator. */
const TYPE_ANNOTATION = "(?:\\s*:\\s*[A-Za-z_][\\w.<>|\\[\\] ]*?(?=\\s*=[^=>]))?";

const urlPassword: TextRule = {
  id: URL_PASSWORD.id,
  label: URL_PASSWORD.label,
  shown: 0,
  keywords: URL_PASSWORD.keywords,
  mode: "at",
  regex: new RegExp(
    `(${PASSWORD_URL_SCHEMES.map((s) => s.replace("+", "\\+")).join("|")})://([^\\s/?#@:"'\`]*):([^\\s/?#@"'\`]+)@([^\\s/?#"'\`:,]+)`,
    "dy",
  ),
  secretGroup: 3,
  // `user:password@localhost` and `${DB_PASSWORD}` are how docs and compose files spell "none".
  accept: (m) => {
    const password = m[3]!;
    if (isPlaceholder(password) || TEMPLATED.test(password)) return false;
    return !(LOCAL_HOSTS.test(m[4]!) && password.length < 16 && !highEntropy(password));
  },
  previewPrefix: (m) => `${m[1]}://`,
};

const pem: TextRule = {
  id: PEM_PRIVATE_KEY.id,
  label: PEM_PRIVATE_KEY.label,
  shown: 0,
  keywords: PEM_PRIVATE_KEY.keywords,
  mode: "at",
  // A header alone (in docs, in a parser's source) is not a key: a body must follow it.
  regex:
    /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----(?:\s|\\[nr]|["'`+,])*(?:[A-Za-z0-9+/=]{40,}|Proc-Type:)/y,
  secretGroup: 0,
  accept: (m) => !isPlaceholder(m[0].slice(m[0].lastIndexOf("-----") + 5)),
};

const awsSecret: TextRule = {
  id: "aws-secret-access-key",
  label: "an AWS secret access key",
  shown: 0,
  keywords: [
    "aws_secret",
    "aws-secret",
    "awssecret",
    "secret_access_key",
    "secretaccesskey",
    "secret-access-key",
  ],
  mode: "name",
  regex: new RegExp(
    `([A-Za-z0-9_.-]*?(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key)${QUOTE}?${TYPE_ANNOTATION}\\s*(?::=|=>|=|:|,)\\s*${QUOTE}?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    "dyi",
  ),
  secretGroup: 2,
  nameGroup: 1,
  accept: (m) => !isPlaceholder(m[2]!) && highEntropy(m[2]!) !== undefined,
};

const generic: TextRule = {
  id: "generic-secret",
  label: "a random-looking value assigned to a secret-looking name",
  shown: 0,
  keywords: SECRET_NAME_KEYWORDS,
  mode: "name",
  regex: new RegExp(
    `([A-Za-z_][A-Za-z0-9_.-]*)${QUOTE}?\\]?${TYPE_ANNOTATION}\\s*(?::=|=>|=|:)\\s*(?:[rbuf]?${QUOTE})?([^\\s"'\`,;)}\\]]{16,})`,
    "dy",
  ),
  secretGroup: 2,
  nameGroup: 1,
  accept: (m) => {
    const name = m[1]!;
    const value = m[2]!;
    const verdict = judgeName(name);
    if (!verdict.secretWord || verdict.notSecret) return false;
    if (isPlaceholder(value) || value.startsWith("secret://")) return false;
    // A recognised public format (pk_live_…) is not a secret whatever it is called.
    const format = matchFormat(value);
    if (format && !format.format.secret) return false;
    return highEntropy(value) !== undefined;
  },
};

/**
 * Every text rule, most specific first: at one position the first matching `at` rule wins
 * (sk-ant- before sk-), and a `name` rule's match that overlaps an earlier finding is dropped.
 */
export const TEXT_RULES: readonly TextRule[] = [...fromFormats, pem, urlPassword, awsSecret, generic];
