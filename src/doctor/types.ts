/**
 * `secrets doctor` as data: the facts gathered from the project (no values among them) and the
 * lines the checks turn them into.
 */

export type DoctorStatus = "ok" | "warn" | "fail";

/** One line of the report. */
export interface DoctorLine {
  id: string;
  status: DoctorStatus;
  /** One sentence, names files and keys only. */
  summary: string;
  /** The command (or edit) that fixes a warn or fail. */
  fix?: string;
}

export type ConfigFact =
  | { ok: true; configured: boolean; provider: string; app: string }
  | { ok: false; message: string };

export type ProviderFact =
  | { ok: true; kind: string; listed: number; write?: { ok: true } | { ok: false; message: string } }
  | { ok: false; kind: string; message: string };

export interface ReferenceFact {
  file: string;
  env: string | null;
  references: number;
  /** `file:line KEY: why`, one per unresolvable reference. */
  problems: string[];
}

export interface DoctorFacts {
  config: ConfigFact;
  /** Absent when the config is invalid (nothing to open). */
  provider?: ProviderFact;
  references: ReferenceFact[];
  /** Secret-class keys with a plaintext value, by the inventory's classification. */
  plaintext: Array<{ file: string; line: number; key: string }>;
  /** Local env patterns .gitignore does not cover. */
  gitignoreMissing: string[];
  agentFiles: Array<{ path: string; present: boolean; holds: boolean }>;
  dependency: { importers: string[]; declared: "dependencies" | "devDependencies" | undefined };
  /** Where a pre-commit hook runs `secrets check`; `git: false` outside a git repository. */
  hook: { git: boolean; where?: string };
  /** Keys of the current environment's stub that the process environment sets to another value. */
  shadowed: Array<{ key: string; file: string }>;
  /** The current environment's name (for fix hints). */
  env: string;
  /** The running Node's version (`v20.19.0`). */
  node: string;
}
