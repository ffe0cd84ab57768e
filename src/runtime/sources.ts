/**
 * What an injection resolves, the same for `secrets run`, `dotsecrets/config` and loadSecrets:
 * the stub's entries that the environment does not already set (all of them with override), and,
 * like berglas, every variable of the environment whose value is a `secret://` reference (set by
 * docker compose, Kubernetes or a CI system), which is replaced with its value. A variable with a
 * plain value is never touched.
 */
import { UserError } from "../core/errors.js";
import { isReference } from "../core/reference.js";
import type { EnvDocument } from "../envfile/types.js";
import type { SourceEntry } from "./resolve-plan.js";
import { isUnsafeName } from "./unsafe-names.js";

export interface InjectionEntriesOptions {
  /** Stub values win over variables already set (dotenv's override). */
  override?: boolean;
  /** Only these keys, from the stub and from the environment. */
  only?: readonly string[];
}

export interface InjectionEntries {
  /** What to resolve; every resolved variable is then set in the environment. */
  entries: SourceEntry[];
  /** Stub keys left alone because the environment already sets them to a value (names only). */
  kept: string[];
}

/** Chooses the entries to resolve for `env`. Throws nothing. */
export function injectionEntries(
  stub: readonly SourceEntry[],
  env: Record<string, string | undefined>,
  options: InjectionEntriesOptions = {},
): InjectionEntries {
  const entries: SourceEntry[] = [];
  const kept: string[] = [];
  const fromStub = new Set<string>();
  for (const entry of stub) {
    const current = env[entry.key];
    if (current !== undefined && !options.override) {
      // A reference already in the environment is resolved below, from the environment's text.
      if (!isReference(current)) kept.push(entry.key);
      continue;
    }
    entries.push(entry);
    fromStub.add(entry.key);
  }
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || !isReference(value) || fromStub.has(key)) continue;
    if (options.only && !options.only.includes(key)) continue;
    entries.push({ key, value, line: 0, where: `environment variable ${key}`, fromEnvironment: true });
  }
  return { entries, kept };
}

/**
 * Refuses a stub that sets a name which changes what code runs (PATH, NODE_OPTIONS, LD_PRELOAD...).
 * Throws UserError(UNSAFE_NAME) naming the keys and lines.
 */
export function assertSafeNames(doc: EnvDocument): void {
  const unsafe = doc.entries.filter((entry) => isUnsafeName(entry.key));
  if (unsafe.length > 0) {
    const names = unsafe.map((entry) => `${entry.key} (line ${entry.line})`).join(", ");
    throw new UserError("UNSAFE_NAME", `${doc.file} sets ${names}, which can change what code runs`, {
      hint: "remove the line, or pass --allow-unsafe-names if you really mean it",
    });
  }
}
