/**
 * What an injection resolves, the same for `secrets run`, `dotsecrets/config` and loadSecrets:
 * the stub's entries that the environment does not already set (all of them with override), and,
 * like berglas, every variable of the environment whose value is a `secret://` reference (set by
 * docker compose, Kubernetes or a CI system), which is replaced with its value. A variable with a
 * plain value is never touched.
 */

import { basename, isAbsolute, relative, sep } from "node:path";
import { UserError } from "../core/errors.js";
import type { Project } from "../core/project.js";
import { isReference } from "../core/reference.js";
import { fileScope } from "../core/scopes.js";
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
  /**
   * The kept stub entries that are references: resolved only to tell whether the environment's
   * value differs (shadowWarning), never set.
   */
  shadowed: SourceEntry[];
}

/** Chooses the entries to resolve for `env`. Throws nothing. */
export function injectionEntries(
  stub: readonly SourceEntry[],
  env: Record<string, string | undefined>,
  options: InjectionEntriesOptions = {},
): InjectionEntries {
  const entries: SourceEntry[] = [];
  const kept: string[] = [];
  const shadowed: SourceEntry[] = [];
  const fromStub = new Set<string>();
  for (const entry of stub) {
    const current = env[entry.key];
    if (current !== undefined && !options.override) {
      // A reference already in the environment is resolved below, from the environment's text.
      if (!isReference(current)) {
        kept.push(entry.key);
        if (isReference(entry.value)) shadowed.push(entry);
      }
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
  return { entries, kept, shadowed };
}

/**
 * One line naming the stub secrets that a variable already in `env` shadows with a different value
 * (the environment wins, as with dotenv), with the fix; undefined when none. `resolved` are the
 * shadowed entries resolved. Names only, never a value. Throws nothing.
 */
export function shadowWarning(
  resolved: ReadonlyArray<{ key: string; value: string }>,
  env: Record<string, string | undefined>,
  fix = "--override",
): string | undefined {
  const keys = resolved.filter((variable) => env[variable.key] !== variable.value).map((v) => v.key);
  if (keys.length === 0) return undefined;
  return `${keys.join(", ")} ${keys.length === 1 ? "is" : "are"} already set in the environment to a value other than the stub's secret; the environment wins, as with dotenv. Pass ${fix} to use the stub's value, or unset the variable`;
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
export function checkStubScope(doc: EnvDocument, project: Project, file: string): string[] {
  const scope = checkReferenceScope(doc, stubScope(project, file));
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
 * The app and environment a stub file belongs to: what dotsecrets.json recorded for it, else what
 * its package and name say (src/core/scopes.ts); undefined for names that are no layer and for files
 * outside the project. Never throws (an unreadable package.json only changes the app name).
 */
function stubScope(project: Project, file: string): StubScope | undefined {
  const path = relative(project.root, file).split(sep).join("/");
  if (path.startsWith("..") || isAbsolute(path)) return undefined;
  const mapped = project.config.environments?.[path];
  if (mapped !== undefined) return fileScope(project, path, { env: mapped, local: false, mapped });
  const parts = basename(file).split(".");
  if (parts[0] !== "" || parts[1] !== "env") return undefined;
  const local = parts.length > 2 && parts.at(-1) === "local";
  const rest = parts.slice(2, local ? -1 : undefined);
  if (rest.length > 1) return undefined;
  return fileScope(project, path, { env: rest[0] ?? "development", local });
}
