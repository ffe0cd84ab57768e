/**
 * Plan: from the inventory and the options, what the migration will do — per entry move / keep /
 * skip with a reason, the provider writes, and every problem that must stop it before any write
 * (names the provider rejects, values over its limit, conflicts). Reads files and the provider;
 * writes nothing.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { SecretProvider } from "../../providers/types.js";
import { nameProblem } from "../core/names.js";
import { loadProject, type Project } from "../core/project.js";
import { formatReference, isReference } from "../core/reference.js";
import { rememberValues } from "../core/seen-values.js";
import { formatOf, parseEnv, parseEnvBuffer, removeHeader, toRecord } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import { buildInventory } from "../inventory/index.js";
import type { Inventory } from "../inventory/types.js";
import { type Fingerprint, fingerprinter } from "./fingerprint.js";
import { newMigrationId } from "./journal.js";
import { plainCopies, type ValueSighting } from "./plain-copies.js";
import { checkRemote } from "./remote.js";
import {
  findOldHeader,
  type RepointOptions,
  repointed,
  resolveReferences,
  restoreOf,
  stubOf,
} from "./repoint.js";
import {
  headerOf,
  type Layout,
  type Plan,
  type PlannedEntry,
  type PlannedFile,
  type PlannedWrite,
  type PlanProblem,
} from "./types.js";

export interface PlanOptions extends RepointOptions {
  root: string;
  provider: SecretProvider;
  app: string;
  layout: Layout;
  header: string[];
  envMap?: Record<string, string>;
  only?: readonly string[];
  exclude?: readonly string[];
  includeConfig?: boolean;
  overwrite?: boolean;
  /** Keyed file fingerprints (default: this machine's for process.env). */
  fingerprint?: Fingerprint;
  /** Migrate files with lines dotenv does not read (they stay as they are, without the header). */
  allowUnparsed?: boolean;
  /** Headers of the providers in `repointFrom`: a moving stub swaps its old header for `header`. */
  oldHeaders?: string[][];
}

/** A plan plus the documents it was computed from (kept in memory only, never written). */
export interface PlanResult {
  plan: Plan;
  inventory: Inventory;
}

/** Builds the migration plan. Throws only for unexpected I/O failures; problems go into plan.errors. */
export async function buildPlan(options: PlanOptions): Promise<PlanResult> {
  const inventory = await buildInventory({
    root: options.root,
    envMap: options.envMap ?? {},
    scanCode: false,
    project: projectAt(options.root),
    app: options.app,
  });
  const errors: PlanProblem[] = [];
  const warnings: PlanProblem[] = inventoryWarnings(inventory);
  const classOf = new Map(inventory.keys.map((key) => [key.key, key]));
  const files: PlannedFile[] = [];
  const writes = new Map<string, PlannedWrite>();
  const valueFor = new Map<string, { value: string; file: string; line: number }>(); // name(+field) → value, for collisions
  const bundles = new Map<string, Record<string, string>>();
  const movedValues: ValueSighting[] = [];
  const keptValues: ValueSighting[] = [];
  const sourceValues = await referenceValues(inventory, options, errors);

  for (const file of inventory.files) {
    if (file.kind === "template" || file.env === null) continue;
    if (!file.readable) {
      // A file that could not be read is never reported clean.
      errors.push({
        file: file.path,
        message: "could not be read (see the warning above), so its secrets cannot be checked or moved",
      });
      continue;
    }
    const bytes = await readFile(join(options.root, file.path));
    const doc = parseEnvBuffer(bytes, file.path);
    const unchecked = uncheckedLines(doc);
    if (unchecked.length > 0 && !options.allowUnparsed) {
      for (const warning of unchecked) {
        errors.push({
          file: file.path,
          line: warning.line,
          message: `${warning.message}; fix the line, or pass --allow-unparsed to migrate the rest and leave the file without the "safe to read" header`,
        });
      }
    }
    const [app, env] = splitScope(file.scope ?? `${options.app}/${file.env}`);
    const planned: PlannedFile = {
      path: file.path,
      app,
      env,
      ...(file.mapped && { mapped: true as const }),
      hash: (options.fingerprint ?? fingerprinter())(bytes),
      entryCount: doc.entries.length,
      // The header says "safe to read": never above lines dotsecrets could not check.
      ...(unchecked.length > 0 && { addsHeader: false }),
      entries: [],
    };
    if (unchecked.length > 0 && options.allowUnparsed) {
      warnings.push({
        file: file.path,
        message: `${unchecked.length} line(s) dotenv does not read as KEY=value stay as they are; the file gets no "safe to read" header`,
      });
    }
    const lastValue = new Map<string, Set<string>>();
    for (const entry of doc.entries)
      lastValue.set(entry.key, (lastValue.get(entry.key) ?? new Set()).add(entry.value));

    for (const [index, entry] of doc.entries.entries()) {
      const info = classOf.get(entry.key);
      const base = { key: entry.key, line: entry.line, index };
      const { problem, ...decision } = decide(
        entry,
        info,
        options,
        (lastValue.get(entry.key)?.size ?? 0) > 1,
      );
      if (decision.action !== "move") {
        planned.entries.push({ ...base, ...decision });
        if (decision.action === "keep" && (decision.kind === "config" || decision.kind === "public"))
          keptValues.push({ file: file.path, line: entry.line, key: entry.key, value: entry.value });
        if (problem) errors.push({ file: file.path, line: entry.line, key: entry.key, message: problem });
        continue;
      }
      const cls = decision.kind;
      const from = cls === "reference" ? entry.value : undefined;
      const value = from === undefined ? entry.value : sourceValues.get(from);
      if (value === undefined) {
        planned.entries.push({ ...base, action: "skip", kind: cls, reason: "reference cannot be read" });
        continue;
      }
      const format = formatOf(doc, entry);
      if (!format) {
        errors.push({
          file: file.path,
          line: entry.line,
          key: entry.key,
          message: `the way ${entry.key}'s value is written cannot be restored byte for byte`,
        });
        planned.entries.push({ ...base, action: "skip", kind: cls, reason: "unusual quoting" });
        continue;
      }
      const bundleName = `${app}/${env}`;
      const name = options.layout === "bundle" ? bundleName : `${bundleName}/${entry.key}`;
      const reference = formatReference({
        provider: options.provider.kind,
        name,
        ...(options.layout === "bundle" && { field: entry.key }),
      });
      // Every value the plan will move is kept out of whatever this process prints from now on
      // (the plan, the code diff, errors), not only once the provider has seen it.
      rememberValues([value]);
      const move: PlannedEntry = {
        ...base,
        ...decision,
        name,
        reference,
        format,
        ...(from !== undefined && { from }),
      };
      planned.entries.push(move);
      movedValues.push({ file: file.path, line: entry.line, key: entry.key, value });
      checkEntry(options, errors, file.path, entry.line, entry.key, name, value);

      const identity = options.layout === "bundle" ? `${name}?${entry.key}` : name;
      const seen = valueFor.get(identity);
      if (seen && seen.value !== value && seen.file !== file.path) {
        errors.push({
          file: file.path,
          line: entry.line,
          key: entry.key,
          message: `${name}${options.layout === "bundle" ? ` field ${entry.key}` : ""} would get different values from ${seen.file}:${seen.line} and here; give one of the files its own environment with --env-map ${file.path}=<env>, or its own app by making its folder a package (a package.json or pyproject.toml there; docs/layering.md)`,
        });
      }
      valueFor.set(identity, { value, file: file.path, line: entry.line });
      if (options.layout === "bundle") bundles.set(name, { ...bundles.get(name), [entry.key]: value });
      const write = writes.get(name) ?? {
        name,
        bundle: options.layout === "bundle",
        sources: [],
        remote: "absent" as const,
      };
      write.sources.push({ file: file.path, index, key: entry.key });
      writes.set(name, write);
    }
    if (removeHeader(doc.source, options.header) !== undefined) planned.addsHeader = false;
    const oldHeader = planned.entries.some((e) => e.from !== undefined)
      ? findOldHeader(doc.source, options.oldHeaders)
      : undefined;
    if (oldHeader) planned.oldHeader = oldHeader;
    selfCheck(doc, planned, headerOf({ header: options.header }, planned), errors);
    files.push(planned);
  }

  for (const [name, fields] of bundles) {
    checkEntry(options, errors, undefined, undefined, undefined, name, JSON.stringify(fields));
  }
  await checkRemote([...writes.values()], valueFor, options, errors);
  warnings.push(...plainCopies(movedValues, keptValues));

  const plan: Plan = {
    version: 1,
    id: newMigrationId(),
    createdAt: new Date().toISOString(),
    provider: options.provider.kind,
    app: options.app,
    layout: options.layout,
    header: options.header,
    files,
    writes: [...writes.values()],
    errors,
    warnings,
  };
  return { plan, inventory };
}

/** The project at exactly `root` (its dotsecrets.json, if any): never a parent folder's. */
function projectAt(root: string): Project {
  const project = loadProject(root);
  return resolve(project.root) === resolve(root) ? project : { root, config: {}, configured: false };
}

function splitScope(scope: string): [string, string] {
  const at = scope.indexOf("/");
  return [scope.slice(0, at), scope.slice(at + 1)];
}

type Decision = { action: PlannedEntry["action"]; kind: string; reason: string; problem?: string };

/** Whether one entry moves, stays plain or is skipped, and why (move still needs a format check). */
function decide(
  entry: { key: string; value: string },
  info: { class: string; reason: string } | undefined,
  options: PlanOptions,
  conflictingDuplicate: boolean,
): Decision {
  const cls = info?.class ?? "config";
  const chosen = options.only?.includes(entry.key) ?? false;
  const moving = repointed(entry.value, options) !== undefined;
  if (isReference(entry.value) && !moving)
    return { action: "keep", kind: "reference", reason: "already a reference" };
  if (options.only?.length && !chosen) return { action: "skip", kind: cls, reason: "not in --only" };
  if (options.exclude?.includes(entry.key))
    return { action: "skip", kind: cls, reason: "excluded by --exclude" };
  if (moving)
    return { action: "move", kind: "reference", reason: "re-pointed from its provider to this one" };
  if (entry.value === "") return { action: "keep", kind: "empty", reason: "empty value: nothing to move" };
  if (cls === "public" && !chosen) {
    return {
      action: "keep",
      kind: "public",
      reason: "public prefix: built into browser bundles, so not a secret",
    };
  }
  if (cls === "config" && !options.includeConfig && !chosen) {
    return { action: "keep", kind: "config", reason: info?.reason ?? "plain config" };
  }
  if (conflictingDuplicate) {
    return {
      action: "skip",
      kind: cls,
      reason: "assigned twice with different values",
      problem: `${entry.key} is assigned more than once with different values; dotenv uses the last one`,
    };
  }
  return { action: "move", kind: cls, reason: info?.reason ?? cls };
}

function checkEntry(
  options: PlanOptions,
  errors: PlanProblem[],
  file: string | undefined,
  line: number | undefined,
  key: string | undefined,
  name: string,
  value: string,
): void {
  const where = { ...(file && { file }), ...(line && { line }), ...(key && { key }) };
  const problem = nameProblem(options.provider, name, Buffer.byteLength(value, "utf8"));
  if (problem) errors.push({ ...where, message: problem.message });
}

/** Proves before any write that the stub can be turned back into the original bytes. */
function selfCheck(doc: EnvDocument, planned: PlannedFile, header: string[], errors: PlanProblem[]): void {
  const moved = planned.entries.filter((entry) => entry.action === "move");
  if (moved.length === 0) return;
  const stub = stubOf(doc, moved, header, planned);
  // An edit can change how dotenv reads *other* lines (an unclosed quote elsewhere may now close
  // on a quote the edit removed), so the stub must read exactly as the original with references.
  const expected = toRecord(doc);
  for (const entry of moved) expected[entry.key] = entry.reference!;
  if (!isDeepStrictEqual(toRecord(parseEnv(stub, planned.path)), expected)) {
    errors.push({
      file: planned.path,
      message:
        "replacing values with references would change how dotenv reads other lines of this file (an unclosed quote?); not migrating it",
    });
    return;
  }
  const restored = restoreOf(stub, planned, header, moved, (entry) => doc.entries[entry.index]?.value);
  if (restored !== doc.source) {
    errors.push({
      file: planned.path,
      message:
        "the stub of this file could not be turned back into the original byte for byte; not migrating it",
    });
  }
}

/** Warnings for lines whose text dotsecrets cannot vouch for: everything but a repeated key. */
function uncheckedLines(doc: EnvDocument) {
  return doc.warnings.filter((warning) => !/ is set again on line /.test(warning.message));
}

/** The values of the references that move to the target provider, read from their providers. */
async function referenceValues(
  inventory: Inventory,
  options: PlanOptions,
  errors: PlanProblem[],
): Promise<Map<string, string>> {
  if (!options.repointFrom?.length || !options.openSource) return new Map();
  const items = [];
  for (const file of inventory.files) {
    if (file.kind === "template" || !file.readable || file.env === null) continue;
    const doc = parseEnvBuffer(await readFile(join(options.root, file.path)), file.path);
    for (const entry of doc.entries) {
      const ref = repointed(entry.value, options);
      if (ref) items.push({ file: file.path, line: entry.line, key: entry.key, text: entry.value, ref });
    }
  }
  return items.length === 0 ? new Map() : resolveReferences(items, options.openSource, errors);
}

function inventoryWarnings(inventory: Inventory): PlanProblem[] {
  const relevant = new Set([
    "env-parse",
    "env-read",
    "public-secret",
    "template-secret",
    "symlink-outside",
    "unsupported-file",
  ]);
  return inventory.warnings
    .filter((warning) => relevant.has(warning.code))
    .map((warning) => ({
      file: warning.file,
      ...(warning.line && { line: warning.line }),
      message: warning.message,
    }));
}
