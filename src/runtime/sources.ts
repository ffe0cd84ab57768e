/**
 * What an injection resolves, the same for `secrets run`, `dotsecrets/config` and loadSecrets:
 * the stub's entries that the environment does not already set (all of them with override), and,
 * like berglas, every variable of the environment whose value is a `secret://` reference (set by
 * docker compose, Kubernetes or a CI system), which is replaced with its value. A variable with a
 * plain value is never touched.
 */

import { basename, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { appName, envFileFor, type Project } from "../core/project.js";
import { isReference } from "../core/reference.js";
import type { EnvDocument } from "../envfile/types.js";
import { checkReferenceScope, type StubScope } from "./reference-scope.js";
import type { SourceEntry } from "./resolve-plan.js";
import { unsafeReason } from "./unsafe-names.js";

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
 * Refuses a stub that sets a name which changes what code runs (PATH, NODE_OPTIONS, LD_PRELOAD,
 * GIT_EXTERNAL_DIFF…; docs/unsafe-names.md). Throws UserError(UNSAFE_NAME) naming keys, lines, why.
 */
export function assertSafeNames(doc: EnvDocument): void {
  const unsafe = doc.entries.flatMap((entry) => {
    const rule = unsafeReason(entry.key);
    return rule ? [`${entry.key} (line ${entry.line}: ${rule.reason})`] : [];
  });
  if (unsafe.length > 0) {
    throw new UserError(
      "UNSAFE_NAME",
      `${doc.file} sets variables that can change what code runs: ${unsafe.join("; ")}`,
      {
        hint: "remove the line (docs/unsafe-names.md lists these names), or pass --allow-unsafe-names if you really mean it",
      },
    );
  }
}

/**
 * Refuses references under a public prefix (NEXT_PUBLIC_…: a browser bundle would get the value)
 * and returns warnings, by name only, for references outside the stub's own app and environment.
 * Throws UserError(UNSAFE_NAME).
 */
export function checkStubScope(doc: EnvDocument, project: Project, file: string, envName: string): string[] {
  const scope = checkReferenceScope(doc, stubScope(project, file, envName));
  if (scope.refused.length > 0) {
    throw new UserError(
      "UNSAFE_NAME",
      `${doc.file} puts secret references where browsers would get them: ${scope.refused.join("; ")}`,
      { hint: "keep a public value plain in the stub, and a secret under a name without the public prefix" },
    );
  }
  return scope.warnings;
}

/**
 * The app and environment a stub file belongs to: the environment asked for when the file is that
 * environment's stub, else what its name says (`.env` development, `.env.<name>[.local]`);
 * undefined for other names. Never throws (an unreadable package.json only changes the app name).
 */
function stubScope(project: Project, file: string, envName: string): StubScope | undefined {
  const app = appName(project);
  if (resolve(file) === resolve(envFileFor(project, envName))) return { app, env: envName };
  const mapped = Object.entries(project.config.environments ?? {}).find(
    ([path]) => resolve(project.root, path) === resolve(file),
  );
  if (mapped) return { app, env: mapped[1] };
  const parts = basename(file).split(".");
  if (parts[0] !== "" || parts[1] !== "env") return undefined;
  const rest = parts.slice(2).filter((part) => part !== "local");
  if (rest.length === 0) return { app, env: "development" };
  return rest.length === 1 ? { app, env: rest[0]! } : undefined;
}
