/**
 * Scoped names ↔ Secret Manager secret ids, and label values.
 *
 * Secret ids allow only `[A-Za-z0-9_-]`, at most 255 characters. The mapping:
 * - segments are joined with `--` (`shop/production/DATABASE_URL` → `shop--production--DATABASE_URL`);
 * - a segment made of letters, digits and `_`, with single `-` only between them, is written as is;
 * - any other segment (with `.`, `+`, `=`, `@`, or a leading, trailing or doubled `-`) is written as `-` followed by the
 *   lower-case hex of its UTF-8 bytes (`.env` → `-2e656e76`).
 * A plain segment never starts with `-` nor holds `--`, and a hex segment holds no `-` after its
 * first character, so an id splits back into segments one way only: the mapping is injective and
 * reversible. Only the canonical form decodes, so ids made by other tools are never mistaken for
 * ours. The `--` separator also makes `shop--production--` an exact prefix for IAM conditions.
 *
 * Label values allow only lower-case letters, digits, `_` and `-` (at most 63): `_` escapes, so
 * `_` → `__`, an upper-case letter → `_` + lower case, `.` → `_-`. Values over 63 characters are
 * cut and end in a hash, and a segment with `+`, `=` or `@` becomes `_0` + a hash (labels only
 * narrow list calls; names are always checked after decoding, so a shared label value is harmless).
 */
import { createHash } from "node:crypto";

export const MAX_SECRET_ID = 255;
/** Longest scoped name: a three-segment plain name adds 2 characters (two `/` → `--`). */
export const MAX_NAME_LENGTH = 253;

const SEGMENT = /^[A-Za-z0-9_.+=@-]+$/;
const LABEL_SAFE = /^[A-Za-z0-9_.-]+$/;
const PLAIN = /^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/;
const PLAIN_RUN = /[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/y;
const HEX_RUN = /[0-9a-f]+/y;

/** The secret id of a scoped name. Throws nothing; check the name with checkGcpName first. */
export function toSecretId(name: string): string {
  return name
    .split("/")
    .map((segment) => (PLAIN.test(segment) ? segment : `-${Buffer.from(segment, "utf8").toString("hex")}`))
    .join("--");
}

/** The scoped name of a secret id, or undefined when the id is not in the canonical form. */
export function fromSecretId(id: string): string | undefined {
  const segments: string[] = [];
  let at = 0;
  while (at < id.length) {
    const pattern = id[at] === "-" ? HEX_RUN : PLAIN_RUN;
    const start = id[at] === "-" ? at + 1 : at;
    pattern.lastIndex = start;
    const match = pattern.exec(id);
    if (!match) return undefined;
    if (pattern === HEX_RUN) {
      if (match[0].length % 2 !== 0) return undefined;
      segments.push(Buffer.from(match[0], "hex").toString("utf8"));
    } else segments.push(match[0]);
    at = start + match[0].length;
    if (at === id.length) break;
    if (!id.startsWith("--", at) || at + 2 === id.length) return undefined;
    at += 2;
  }
  if (segments.length === 0) return undefined;
  const name = segments.join("/");
  return toSecretId(name) === id && checkGcpName(name) === undefined ? name : undefined;
}

/** The label value for a name segment (see the file comment). Throws nothing. */
export function toLabelValue(segment: string): string {
  const hash = () => createHash("sha256").update(segment).digest("hex").slice(0, 8);
  // Other characters (+ = @, or a segment checkGcpName refuses): `_0` never starts an encoded value.
  if (!LABEL_SAFE.test(segment)) return `_0${hash()}`;
  let out = "";
  for (const char of segment) {
    if (char === "_") out += "__";
    else if (char === ".") out += "_-";
    else if (char >= "A" && char <= "Z") out += `_${char.toLowerCase()}`;
    else out += char;
  }
  return out.length <= 63 ? out : `${out.slice(0, 54)}-${hash()}`;
}

/** Inverse of toLabelValue for values of at most 63 characters; undefined when not decodable. */
export function fromLabelValue(value: string): string | undefined {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char !== "_") {
      out += char;
      continue;
    }
    const next = value[++i];
    if (next === "_") out += "_";
    else if (next === "-") out += ".";
    else if (next !== undefined && /[a-z]/.test(next)) out += next.toUpperCase();
    else return undefined;
  }
  return toLabelValue(out) === value ? out : undefined;
}

/**
 * Returns why `name` cannot be stored in Secret Manager, or undefined when it can: segments of
 * `[A-Za-z0-9_.+=@-]` separated by `/` (no empty, `.` or `..` segment), at most 253 characters, and
 * a secret id (after the mapping) of at most 255. Throws nothing.
 */
export function checkGcpName(name: string): string | undefined {
  if (name.length === 0) return "the name is empty";
  if (name.length > MAX_NAME_LENGTH) {
    return `the name is ${name.length} characters long; the limit is ${MAX_NAME_LENGTH}`;
  }
  for (const segment of name.split("/")) {
    if (segment === "") return "the name has an empty segment (a leading, trailing or doubled '/')";
    if (segment === "." || segment === "..") return `the name has a '${segment}' segment`;
    if (!SEGMENT.test(segment)) {
      return `the segment ${JSON.stringify(segment)} has a character other than letters, digits, '_', '.', '-', '+', '=' and '@'`;
    }
  }
  const id = toSecretId(name);
  if (id.length > MAX_SECRET_ID) {
    return `its secret id '${id.slice(0, 40)}…' is ${id.length} characters long (segments with '.' or unusual '-' are hex-encoded); the limit is ${MAX_SECRET_ID}`;
  }
  return undefined;
}

/** The labels dotsecrets puts on a secret for `name`: managed-by, and app/env for 3+ segments. */
export function scopeLabels(name: string): Record<string, string> {
  const segments = name.split("/");
  const labels: Record<string, string> = { "managed-by": "dotsecrets" };
  if (segments.length >= 2) labels["dotsecrets-app"] = toLabelValue(segments[0]!);
  if (segments.length >= 3) labels["dotsecrets-env"] = toLabelValue(segments[1]!);
  return labels;
}

/** The ListSecrets filter narrowing a list by `prefix` (whole segments only; the rest is client-side). */
export function listFilter(prefix: string): string {
  const whole = prefix.split("/").slice(0, -1);
  const terms = ["labels.managed-by=dotsecrets"];
  if (whole.length >= 1) terms.push(`labels.dotsecrets-app=${toLabelValue(whole[0]!)}`);
  if (whole.length >= 2) terms.push(`labels.dotsecrets-env=${toLabelValue(whole[1]!)}`);
  return terms.join(" AND ");
}
