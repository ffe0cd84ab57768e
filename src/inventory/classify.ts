/**
 * Classifies a key as secret, config or public, with a reason a person can check.
 *
 * Order of evidence: a framework prefix that ships the key to browsers (public, whatever else is
 * true); a recognised value format; a secret word among the name's segments (names.ts); a
 * random-looking value (value-shape.ts); otherwise config, with the most telling config reason.
 */
import { isReference, parseReference } from "../core/reference.js";
import { type FormatMatch, matchFormat, mayHaveFormat, urlScheme } from "./formats.js";
import {
  CONFIG_NAMES,
  CONFIG_SUFFIXES,
  hasSecretHint,
  IDENTIFIER_WORDS,
  judgeName,
  lastNameSegment,
  nameSegments,
  publicPrefix,
} from "./names.js";
import type { KeyClass } from "./types.js";
import { configShape, highEntropy, isBoolean, isPlaceholder } from "./value-shape.js";

export { judgeName, nameSegments, PUBLIC_PREFIXES, publicPrefix } from "./names.js";

export interface Classification {
  class: KeyClass;
  reason: string;
  /** For public keys whose name or value looks secret: why (the `public-secret` warning). */
  publicWarning?: string;
  /** True when the value, not only the name, looks like a real secret (used for `template-secret`). */
  valueLooksSecret: boolean;
  placeholder: boolean;
  empty: boolean;
}

/**
 * Classifies one key/value pair. The value is read, never kept: the result holds no part of it.
 * Never throws.
 */
export function classify(key: string, value: string): Classification {
  if (isReference(value)) return referenceClass(key, value);
  const empty = value === "";
  // For a URL with a password only the password can be a stand-in: hosts say "example" legitimately.
  const match = value ? matchFormat(value) : undefined;
  const placeholder = !empty && isPlaceholder(match?.secretPart ?? value);
  const prefix = publicPrefix(key);
  const signal = secretSignal(prefix ? key.slice(prefix.length) : key, value, placeholder, match);
  const suffix = empty ? " (empty value)" : placeholder && signal.secret ? " (placeholder)" : "";
  if (prefix) {
    const result: Classification = {
      class: "public",
      reason: `${prefix} prefix: built into browser bundles${suffix}`,
      valueLooksSecret: signal.fromValue,
      placeholder,
      empty,
    };
    // Designed to ship to browsers, so no warning: error-reporting DSNs (Sentry), and JWTs under a
    // name that says anon/publishable (Supabase anon key).
    // A random value under a name that says publishable/anon (Clerk, Supabase) is such a key too.
    const designedPublic =
      (signal.word === "DSN" && !signal.fromValue) ||
      (signal.formatId === "jwt" && signal.publishableName) ||
      (signal.formatId === undefined && signal.fromValue && signal.publishableName === true);
    if (signal.secret && !designedPublic) {
      const has = signal.word ? "has" : placeholder ? "holds a placeholder for" : "holds";
      result.publicWarning = `${prefix} keys ship to every browser, and this one ${has} ${signal.what}`;
    }
    return result;
  }
  if (signal.secret) {
    return {
      class: "secret",
      reason: `${signal.reason}${suffix}`,
      valueLooksSecret: signal.fromValue,
      placeholder,
      empty,
    };
  }
  return {
    class: "config",
    reason: `${signal.reason}${empty ? " (empty value)" : ""}`,
    valueLooksSecret: false,
    placeholder,
    empty,
  };
}

/**
 * False only when `classify` can neither call the pair secret nor its value secret-looking: the
 * name holds no secret word's hint, no format gate matches the value, and the value is not random.
 * Far cheaper than classify (no reasons are built): callers that judge thousands of plain config
 * entries (the dotenv hygiene rules of `secrets check`) ask it first. Never throws.
 */
export function maySignalSecret(key: string, value: string): boolean {
  return isReference(value) || hasSecretHint(key) || mayHaveFormat(value) || highEntropy(value) !== undefined;
}

/** A stub's `secret://` line: already migrated, shown as the reference it is (it holds no value). */
function referenceClass(key: string, value: string): Classification {
  const ref = parseReference(value);
  const reason =
    "error" in ref ? "reference (malformed)" : `reference (migrated: ${ref.provider} ${ref.name})`;
  const result: Classification = {
    class: "secret",
    reason,
    valueLooksSecret: false,
    placeholder: false,
    empty: false,
  };
  const prefix = publicPrefix(key);
  if (prefix) {
    result.class = "public";
    result.publicWarning = `${prefix} keys ship to every browser: a secret reference here is refused at run time`;
  }
  return result;
}

/**
 * Vendors whose keys share another vendor's prefix (Clerk's sk_test_ / pk_test_ are Stripe-shaped):
 * when the name says the vendor, the label says it too.
 */
const SHARED_PREFIX_VENDORS: Record<string, { words: string[]; vendor: string }> = {
  "stripe-secret-key": { words: ["CLERK"], vendor: "a Clerk secret key" },
  "stripe-publishable-key": { words: ["CLERK"], vendor: "a Clerk publishable key" },
};

function vendorLabel(formatId: string, label: string, name: string): string {
  const shared = SHARED_PREFIX_VENDORS[formatId];
  const segments = nameSegments(name);
  return shared?.words.some((word) => segments.includes(word)) ? shared.vendor : label;
}

interface Signal {
  secret: boolean;
  reason: string;
  /** For warnings: "a Stripe secret key", "a secret-looking name (TOKEN)". */
  what: string;
  word?: string;
  formatId?: string;
  /** The name says public/publishable/anon key. */
  publishableName?: boolean;
  fromValue: boolean;
}

/** `match`: the value's format (matchFormat), already found by the caller. */
function secretSignal(
  name: string,
  value: string,
  placeholder: boolean,
  match: FormatMatch | undefined,
): Signal {
  if (match?.format.secret) {
    const real = !placeholder;
    const mode = /^(sk|rk)_test_/.test(value)
      ? " (test mode)"
      : /^(sk|rk)_live_/.test(value)
        ? " (live mode)"
        : "";
    const what = `${vendorLabel(match.format.id, match.format.label, name)}${mode}`;
    const publishableName = /public|publishable|anon/.test(judgeName(name).notSecret ?? "");
    return {
      secret: true,
      reason: `value is ${what}`,
      what,
      fromValue: real,
      formatId: match.format.id,
      publishableName,
    };
  }
  // A format that is public by design (Stripe pk_, Mapbox pk.) outweighs a name with KEY or TOKEN in it.
  if (match) {
    return {
      secret: false,
      reason: `value is ${vendorLabel(match.format.id, match.format.label, name)} (public by design)`,
      what: "",
      fromValue: false,
    };
  }
  const verdict = judgeName(name);
  if (verdict.secretWord && !verdict.notSecret) {
    if (isBoolean(value)) {
      return {
        secret: false,
        reason: `boolean flag (name mentions ${verdict.secretWord})`,
        what: "",
        fromValue: false,
      };
    }
    const what = `a secret-looking name (${verdict.secretWord})`;
    return {
      secret: true,
      reason: `name contains ${verdict.secretWord}`,
      what,
      word: verdict.secretWord,
      fromValue: false,
    };
  }
  const random = value ? highEntropy(value) : undefined;
  const last = random && !verdict.secretWord ? (lastNameSegment(name) ?? "") : "";
  if (random && IDENTIFIER_WORDS.has(last)) {
    return { secret: false, reason: `identifier by name (…_${last})`, what: "", fromValue: false };
  }
  if (random && !placeholder) {
    const reason = `high-entropy value (${random.bits.toFixed(1)} bits/char over ${random.length} chars)`;
    const publishableName = /public|publishable|anon/.test(verdict.notSecret ?? "");
    return { secret: true, reason, what: "a random-looking value", fromValue: true, publishableName };
  }
  return { secret: false, reason: configReason(name, value, verdict.notSecret), what: "", fromValue: false };
}

function configReason(name: string, value: string, notSecret: string | undefined): string {
  if (notSecret) return notSecret;
  const upper = name.toUpperCase();
  if (CONFIG_NAMES.has(upper)) return `config name (${upper})`;
  const last = lastNameSegment(name);
  const shape = value ? configShape(value) : undefined;
  if (shape && shape !== "plain word" && shape !== "text") return shape;
  if (last && CONFIG_SUFFIXES.has(last)) return `config name (…_${last})`;
  return shape ?? "no secret signal in name or value";
}

/** Config values a preview may show verbatim: flags, port-sized numbers, environment and log-level words. */
const SHOWABLE_WORDS = new Set(
  "development dev production prod staging stage test testing local preview ci debug info warn warning error fatal trace silent verbose none json pretty".split(
    " ",
  ),
);

/**
 * A redacted preview of a value. Only config values of a closed vocabulary (booleans, numbers up to
 * 5 digits, environment and log-level words) are shown as they are; everything else is its length,
 * after at most the recognised public prefix of its format (`sk_l…(32 chars)`, `postgres://…(57
 * chars)`), so a misclassified secret still never shows more than 4 characters or a URL scheme.
 * Never throws.
 */
export function preview(value: string, cls: KeyClass | "public-secret"): string {
  if (value === "") return "(empty)";
  if (
    cls === "config" &&
    (isBoolean(value) || /^\d{1,5}$/.test(value) || SHOWABLE_WORDS.has(value.toLowerCase()))
  ) {
    return value;
  }
  const length = [...value].length;
  const match = matchFormat(value);
  const shown = match ? match.prefix : (urlScheme(value) ?? "");
  return `${shown}…(${length} chars)`;
}
