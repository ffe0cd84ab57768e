/**
 * What a key's name says. Words match whole segments (split on `_`, `-`, `.` and camelCase), so
 * MONKEY, PASSPORT_STRATEGY and AUTHOR_NAME hold no secret word; a qualifier after the secret word
 * makes the name a setting about a secret (TOKEN_TTL, PASSWORD_MIN_LENGTH, AUTH_URL).
 */

const words = (list: string) => new Set(list.trim().split(/\s+/));

/** Prefixes that frameworks inline into client bundles. */
export const PUBLIC_PREFIXES = [
  "NEXT_PUBLIC_",
  "NUXT_PUBLIC_",
  "EXPO_PUBLIC_",
  "REACT_APP_",
  "VITE_",
  "GATSBY_",
  "VUE_APP_",
  "PUBLIC_",
] as const;

const SECRET_WORDS = words(`
  KEY KEYS APIKEY ACCESSKEY SECRETKEY PRIVATEKEY SECRET SECRETS CLIENTSECRET COOKIESECRET SESSIONSECRET
  TOKEN TOKENS AUTHTOKEN ACCESSTOKEN REFRESHTOKEN PASSWORD PASSWORDS PASSWD PASS PWD PASSPHRASE
  PRIVATE CREDENTIAL CREDENTIALS CREDS AUTH DSN SALT PEPPER SIGNATURE HMAC`);
/**
 * Lower-case literals at least one of which every secret-looking name contains (API_KEY, dbPassword,
 * AUTH_TOKEN, SENTRY_DSN...): `secrets check` runs its assignment rule only on lines holding one.
 */
export const SECRET_NAME_KEYWORDS = [
  "key",
  "secret",
  "token",
  "pass",
  "pwd",
  "private",
  "cred",
  "auth",
  "dsn",
  "salt",
  "pepper",
  "signature",
  "hmac",
] as const;
const SECRET_NAME_HINTS = SECRET_NAME_KEYWORDS.map((k) => k.toUpperCase());
/** Any hint, in one search (of the upper-cased name: see hasSecretHint). */
const SECRET_NAME_HINT = new RegExp(SECRET_NAME_HINTS.map((h) => h.replace(/[^A-Z0-9]/g, "\\$&")).join("|"));
const SECRET_NAME_HINT_ANY_CASE = new RegExp(SECRET_NAME_HINT.source, "i");
const NON_ASCII = /[\u0080-\uffff]/;
/** Glued upper-case names: DBPASSWORD, GHTOKEN, CLIENTSECRET. */
const GLUED_SUFFIX = /^[A-Z0-9]{2,}(PASSWORD|PASSWD|SECRET|TOKEN|APIKEY)$/;
/** Words that read as part of the secret's name just before it: API_KEY, SECRET_ACCESS_KEY, CLIENT_SECRET. */
const JOINERS = words("ACCESS API CLIENT SIGNING ENCRYPTION MASTER SERVICE REFRESH BEARER");
/** A segment after the secret word that makes the name a setting about a secret, not the secret. */
const QUALIFIERS = words(`
  URL URI URLS HOST HOSTNAME PORT DOMAIN ENDPOINT PATH FILE FILENAME DIR LOCATION
  ENABLED DISABLED ENABLE DISABLE REQUIRED MODE TYPE NAME REGION TTL TIMEOUT
  EXPIRES EXPIRY EXPIRATION EXPIRE LIFETIME MAX MIN LENGTH LEN SIZE COUNT LIMIT RETRIES ATTEMPTS
  ALGORITHM ALG ALGO STRATEGY PROVIDER ISSUER AUDIENCE SCOPE SCOPES CALLBACK REDIRECT
  VERSION HEADER PREFIX FORMAT IN SECONDS MS MINUTES HOURS DAYS POLICY ROTATION LOGIN USER USERNAME`);
/** Words before KEY that name a database or cache key, not a credential. */
const NOT_CREDENTIAL_KEY = words("PRIMARY PARTITION SORT CACHE FOREIGN HOT SHORTCUT ROUTING");
/** Names of identifiers that look random but are not secret: commit SHAs, client ids, SIDs. */
export const IDENTIFIER_WORDS = words(`
  ID IDS SHA HASH COMMIT REV REVISION CHECKSUM DIGEST UUID GUID SID FINGERPRINT THUMBPRINT ETAG BUILD`);
export const CONFIG_NAMES = words(`
  PORT NODE_ENV APP_ENV ENV ENVIRONMENT RAILS_ENV RACK_ENV FLASK_ENV LOG_LEVEL DEBUG TZ HOST HOSTNAME
  LANG NODE_OPTIONS DJANGO_SETTINGS_MODULE`);
export const CONFIG_SUFFIXES = words("PORT HOST HOSTNAME URL URI ENDPOINT DOMAIN REGION LEVEL");

function isSecretWord(segment: string): boolean {
  return SECRET_WORDS.has(segment) || GLUED_SUFFIX.test(segment);
}

/**
 * Splits a key into upper-case words on `_`, `-`, `.` and camelCase boundaries (an ASCII upper-case
 * letter after an ASCII lower-case letter or digit). Never throws.
 *
 * Not cached: the keys `secrets check` asks about are slices of whole file texts, and a cache of
 * them kept those texts alive (4,096 names held ~40 MB of a 100 MB scan's files, and every
 * garbage collection copied them).
 */
export function nameSegments(key: string): readonly string[] {
  const segments: string[] = [];
  let start = 0;
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 0x5f;
    const separator = isSeparator(c);
    const camel = c >= 0x41 && c <= 0x5a && i > 0 && isLowerOrDigit(key.charCodeAt(i - 1));
    if (!separator && !camel) continue;
    if (i > start) segments.push(key.slice(start, i).toUpperCase());
    start = separator ? i + 1 : i;
  }
  return segments;
}

/** `nameSegments(key).at(-1)`, without splitting the whole name. Never throws. */
export function lastNameSegment(key: string): string | undefined {
  let end = key.length;
  while (end > 0 && isSeparator(key.charCodeAt(end - 1))) end--;
  if (end === 0) return undefined;
  let start = end - 1;
  while (start > 0) {
    const c = key.charCodeAt(start);
    if (c >= 0x41 && c <= 0x5a && isLowerOrDigit(key.charCodeAt(start - 1))) break;
    if (isSeparator(key.charCodeAt(start - 1))) break;
    start--;
  }
  return key.slice(start, end).toUpperCase();
}

function isSeparator(c: number): boolean {
  return c === 0x5f || c === 0x2e || c === 0x2d;
}

function isLowerOrDigit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** The framework prefix that exposes a key to browsers, if any. Never throws. */
export function publicPrefix(key: string): string | undefined {
  // PUBLIC_KEY is a server's public key, not a SvelteKit/Astro PUBLIC_ variable named "KEY".
  if (/^PUBLIC_KEYS?(_|$)/.test(key)) return undefined;
  return PUBLIC_PREFIXES.find((p) => key.startsWith(p) && key.length > p.length);
}

export interface NameVerdict {
  /** The secret word(s) found, as written in reasons: "SECRET_KEY", "TOKEN". */
  secretWord?: string;
  /** Why a name with a secret word is still not a secret. */
  notSecret?: string;
}

/**
 * True when the name holds one of the secret words' common parts (KEY, SECRET, TOKEN, PASS...),
 * in any case. Every secret word holds one, and upper-casing is per character, so each segment is
 * a substring of the upper-cased name: without a hint, judgeName finds no secret word. Never throws.
 */
export function hasSecretHint(key: string): boolean {
  // A case-blind match is a match of the upper-cased name too; without one, only a character that
  // upper-cases into ASCII (ſ → S, ı → I, ß → SS) can still make a hint.
  if (SECRET_NAME_HINT_ANY_CASE.test(key)) return true;
  return NON_ASCII.test(key) && SECRET_NAME_HINT.test(key.toUpperCase());
}

/** Reads the name alone: which secret word it holds, and whether something cancels it. Never throws. */
export function judgeName(key: string): NameVerdict {
  if (key.toUpperCase() === "PWD") return { notSecret: "the shell's working-directory variable" };
  // The common case, cheaply: no hint, no secret word.
  if (!hasSecretHint(key)) return {};
  const segs = nameSegments(key);
  let at = segs.length - 1;
  while (at >= 0 && !isSecretWord(segs[at]!)) at--;
  if (at < 0) return {};
  let from = at;
  while (from > 0 && (isSecretWord(segs[from - 1]!) || JOINERS.has(segs[from - 1]!))) from--;
  // STRIPE_SECRET_KEY reads better as "SECRET_KEY" than as "KEY".
  const word = segs.slice(from, at + 1).join("_");
  const after = segs.slice(at + 1).find((s) => QUALIFIERS.has(s));
  if (after) return { secretWord: word, notSecret: `a setting of ${word} (…_${after}), not a credential` };
  if (segs[at] === "KEY" || segs[at] === "KEYS") {
    const saysPublic = segs.includes("PUBLIC") || segs.includes("PUBLISHABLE") || segs.includes("ANON");
    if (saysPublic && !segs.includes("SECRET") && !segs.includes("PRIVATE")) {
      return { secretWord: word, notSecret: "a public/publishable/anon key by name" };
    }
    const before = segs[at - 1];
    if (before && NOT_CREDENTIAL_KEY.has(before)) {
      return { secretWord: word, notSecret: `a ${before.toLowerCase()} key, not a credential` };
    }
  }
  return { secretWord: word };
}
