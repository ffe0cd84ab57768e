/**
 * The data of `secrets check`. Nothing here holds a secret value: findings carry a rule, a place,
 * the key name when known, a redacted preview (`sk_l…(32)`) and a fingerprint (a hash).
 */

export type Target = "tree" | "staged" | "history" | "stdin";

/** Rules beyond the text rules of src/inventory/text-rules.ts. */
export type HygieneRule = "env-plaintext" | "template-secret" | "gitignore-env-local";

export interface Finding {
  /** A text rule id (`stripe-secret-key`, `generic-secret`...), `exact-value`, or a hygiene rule. */
  rule: string;
  /** Human wording: "a Stripe secret key", "the migrated value of STRIPE_KEY (base64)". */
  message: string;
  /** Path relative to the project root with `/`, or `<stdin>`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** The variable the secret belongs to, when known (exact values, assignments, .env entries). */
  key?: string;
  /** Redacted: at most the public prefix of the format and the length. */
  preview: string;
  /** For exact values: how the value was written (`raw`, `base64`, `url`, `json`, `shell`, `split`). */
  encoding?: string;
  /** For history findings: the first commit that introduced the blob, and its date. */
  commit?: string;
  commitDate?: string;
  /** Hex sha256 of the rule, the file and the matched secret: stable across line moves; used by baselines and SARIF. */
  fingerprint: string;
}

/** A finding as one scan of one buffer produces it (no file yet: workers do not know the target). */
export interface BufferFinding {
  rule: string;
  message: string;
  line: number;
  column: number;
  key?: string;
  preview: string;
  encoding?: string;
  /** Hex sha256 of rule and secret text; the file is mixed in by the caller. */
  secretHash: string;
}

/** Where the exact values came from. */
export type ValueSource = "provider" | "fingerprints" | "none";

export interface ValuesInfo {
  source: ValueSource;
  /** Values matched exactly (each in several encodings). */
  count: number;
  /** Values too short to match exactly (under 8 characters). */
  tooShort: number;
  /** Why the provider was not used, or when the fingerprints were taken. */
  note?: string;
}

export interface SkippedFile {
  file: string;
  reason: "binary" | "too-large" | "unreadable" | "symlink-outside";
}

/** A key whose value reached git history: rotate it. */
export interface RotateAdvice {
  key: string;
  /** `secrets set KEY --env production`, when the key and environment are known. */
  command?: string;
  /** Commits that hold it (first seen). */
  commits: string[];
}

export interface CheckReport {
  target: Target;
  root: string;
  findings: Finding[];
  /** Findings hidden by the baseline file. */
  baselined: number;
  /** Findings hidden by an inline `dotsecrets-allow` comment. */
  allowed: number;
  values: ValuesInfo;
  stats: { files: number; bytes: number; ms: number; workers: number };
  skipped: SkippedFile[];
  /** History only: keys whose values were ever committed. */
  rotate?: RotateAdvice[];
  warnings: string[];
}
