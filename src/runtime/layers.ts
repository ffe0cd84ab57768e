/**
 * Which stub files an injection reads, and how they layer: the one module behind `secrets run`
 * (load.ts) and the library (inject-target.ts, used by dotsecrets/config and loadSecrets). The
 * layering is the one Next.js, Vite and dotenv-flow users know (docs/layering.md):
 *
 * - in every folder from the project root down to the working directory, for environment E:
 *   `.env`, `.env.local` (not for `test`), `.env.E`, `.env.E.local` — each later one wins;
 * - a deeper folder wins over the folders above it (a service's own files over the root's);
 * - a file mapped to E by hand (dotsecrets.json `environments`) is read for E only, from any
 *   folder, and wins over the files of the convention;
 * - an explicit list (`--file`, DOTENV_CONFIG_PATH) replaces all of that: the first file wins, as
 *   with dotenv's and dotenvx's lists.
 *
 * Nothing here reads a file's contents: callers read (async or sync) and hand the documents back to
 * mergeLayers, so both paths share every rule.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { UserError } from "../core/errors.js";
import type { Project } from "../core/project.js";
import type { EnvDocument } from "../envfile/types.js";
import type { SourceEntry } from "./resolve-plan.js";

export interface LayerRequest {
  project: Project;
  cwd: string;
  envName: string;
  /** An explicit list of stub paths (relative to cwd): the first one wins. */
  files?: readonly string[];
}

export interface LayerChoice {
  /** Absolute paths of the files that exist, lowest precedence first. */
  files: string[];
  /** True when the list was given (--file, DOTENV_CONFIG_PATH). */
  explicit: boolean;
}

/** Where one key's value came from: names, files and lines only, never a value. */
export interface ExplainRow {
  key: string;
  /** The file that gave the value (relative to the working directory) and its line. */
  file: string;
  line: number;
  /** `reference`: a secret:// reference resolved from a provider; `plain`: the stub's own text. */
  source: "reference" | "plain";
  /** The scoped name the reference reads (references only; never a value). */
  name?: string;
  /** Lower-precedence files that set the key too, and lost. */
  overrides: string[];
}

export interface Layered {
  /** One entry per key, the winning one, each `where` naming its file and line. */
  entries: SourceEntry[];
  explain: ExplainRow[];
}

/** The conventional names of a folder for `env`, lowest precedence first. Never throws. */
export function layerNames(env: string): string[] {
  const names = [".env", ...(env === "test" ? [] : [".env.local"]), `.env.${env}`, `.env.${env}.local`];
  return [...new Set(names)];
}

/** The folders from the project root down to `cwd` (only `cwd` when it is outside the root). */
function folderChain(root: string, cwd: string): string[] {
  const rel = relative(resolve(root), resolve(cwd));
  if (rel === "") return [resolve(root)];
  if (rel.startsWith("..") || resolve(rel) === rel) return [resolve(cwd)];
  const chain = [resolve(root)];
  for (const part of rel.split(sep)) chain.push(join(chain.at(-1)!, part));
  return chain;
}

/**
 * The stub files an injection reads, lowest precedence first (see the module comment). Throws
 * UserError(CONFIG) when an explicit file does not exist; an empty list is the caller's to judge.
 */
export function chooseLayers(request: LayerRequest): LayerChoice {
  const { project, cwd, envName } = request;
  if (request.files && request.files.length > 0) {
    const files = [...new Set(request.files.map((file) => resolve(cwd, file)))];
    for (const file of files) {
      if (!existsSync(file)) {
        throw new UserError("CONFIG", `${relative(cwd, file) || file} does not exist`, {
          hint: "check the path given to --file (or DOTENV_CONFIG_PATH), relative to the working directory",
        });
      }
    }
    return { files: files.reverse(), explicit: true };
  }
  const mapped = Object.entries(project.config.environments ?? {}).map(
    ([path, env]) => [resolve(project.root, path), env] as const,
  );
  const byHand = new Set(mapped.map(([path]) => path));
  const files: string[] = [];
  for (const dir of folderChain(project.root, cwd)) {
    for (const name of layerNames(envName)) {
      const file = join(dir, name);
      if (!byHand.has(file) && existsSync(file)) files.push(file);
    }
  }
  for (const [file, env] of mapped) if (env === envName && existsSync(file)) files.push(file);
  return { files, explicit: false };
}

/**
 * Merges parsed stubs (lowest precedence first; each doc.file is its name in messages): per key the
 * last assignment of the most specific file wins. With `only`, just those keys. Throws
 * UserError(REFERENCE) when a key of `only` is in none of the files.
 */
export function mergeLayers(docs: readonly EnvDocument[], only?: readonly string[]): Layered {
  const winners = new Map<string, { entry: SourceEntry; file: string; overrides: string[] }>();
  for (const doc of docs) {
    const latest = new Map<string, (typeof doc.entries)[number]>();
    for (const entry of doc.entries) latest.set(entry.key, entry);
    for (const entry of latest.values()) {
      const previous = winners.get(entry.key);
      const overrides = previous ? [...previous.overrides, previous.file] : [];
      winners.set(entry.key, {
        entry: {
          key: entry.key,
          value: entry.value,
          line: entry.line,
          where: `${doc.file}:${entry.line} ${entry.key}`,
        },
        file: doc.file,
        overrides,
      });
    }
  }
  if (only) {
    const missing = only.filter((key) => !winners.has(key));
    if (missing.length > 0) {
      throw new UserError(
        "REFERENCE",
        `${docs.map((doc) => doc.file).join(", ") || "the stubs"}: no entry for ${missing.join(", ")}`,
        {
          hint: "check the names given to --only (`secrets run --explain` lists every key and its file)",
        },
      );
    }
    for (const key of [...winners.keys()]) if (!only.includes(key)) winners.delete(key);
  }
  const entries: SourceEntry[] = [];
  const explain: ExplainRow[] = [];
  for (const { entry, file, overrides } of winners.values()) {
    entries.push(entry);
    const reference = /^secret:\/\/[^/]+\/([^?#]+)/.exec(entry.value);
    explain.push({
      key: entry.key,
      file,
      line: entry.line,
      source: reference ? "reference" : "plain",
      ...(reference && { name: reference[1]! }),
      overrides,
    });
  }
  return { entries, explain };
}

/**
 * The error for an environment with no stub in reach: names what was looked for and where, and the
 * folders that do hold migrated stubs (dotsecrets.json `files`). Throws nothing; returns the error.
 */
export function noLayersError(request: LayerRequest): UserError {
  const { project, cwd, envName } = request;
  const shown = relative(project.root, cwd).split(sep).join("/") || ".";
  const elsewhere = [
    ...new Set(
      Object.keys(project.config.files ?? {})
        .map((path) => dirname(path))
        .filter((dir) => resolve(project.root, dir) !== resolve(cwd)),
    ),
  ].sort();
  const where =
    elsewhere.length > 0
      ? `cd into the folder of a stub (${elsewhere.map((dir) => (dir === "." ? "the project root" : `${dir}/`)).join(", ")}), `
      : "";
  return new UserError(
    "CONFIG",
    `no env file for environment '${envName}' in ${shown} or the folders above it up to the project root (looked for ${layerNames(envName).join(", ")})`,
    { hint: `${where}run \`secrets migrate\` to create one, pass --env NAME, or --file PATH` },
  );
}
