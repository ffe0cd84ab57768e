/**
 * The synchronous injection behind `dotsecrets/config` (ESM and CJS): everything is in process.env
 * before the entry returns, so a module imported after it that reads process.env at load time sees
 * the values. The local store is decrypted in-process with synchronous calls; other providers are
 * fetched in one helper process (helper.ts) whose JSON comes back on a pipe. Nothing here imports
 * the provider registry, so no cloud provider code is loaded (or bundled into config.cjs).
 */
import { readFileSync, statSync } from "node:fs";
import { getManyLocalSync } from "../../providers/local/read-sync.js";
import { UserError } from "../core/errors.js";
import { EnvFileError, MAX_ENV_FILE_BYTES, parseEnvBuffer } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import { fetchInHelper } from "./helper.js";
import {
  applyInjection,
  entriesFor,
  type InjectOptions,
  type InjectResult,
  type InjectTarget,
  injectTarget,
  shownPath,
} from "./inject-target.js";
import {
  applyResults,
  finishResolution,
  planResolution,
  type ResolvedVariable,
  type SourceEntry,
  unknownProvider,
} from "./resolve-plan.js";

export interface InjectSyncOptions extends InjectOptions {
  /** Path of the helper script (dist/resolve-worker.js), next to the entry that calls this. */
  helper: string;
  /** Which provider kinds are read in-process; default: local only. */
  inProcess?: (kind: string) => boolean;
}

/**
 * inject (inject.ts) with synchronous I/O: same choice of stub, same dotenv semantics, same
 * resolution of the environment's `secret://` references, same errors (UserError REFERENCE naming
 * the file and line or the variable; STORE_*, PROVIDER_* from the providers). Does nothing inside
 * `secrets run`.
 */
export function injectSync(options: InjectSyncOptions): InjectResult {
  const target = injectTarget(options);
  if (!target) return { files: [], explain: [], injected: [], kept: [], warnings: [] };
  const docs = target.files.map((file) => readStubSync(target, file));
  const chosen = entriesFor(docs, target);
  const variables = chosen.entries.length > 0 ? resolveSync(chosen.entries, target, options) : [];
  let shadowed: ResolvedVariable[] = [];
  try {
    // Only to compare with the environment's value: a shadowed secret that cannot be read is no error.
    if (chosen.shadowed.length > 0) shadowed = resolveSync(chosen.shadowed, target, options);
  } catch {
    shadowed = [];
  }
  return applyInjection(target, chosen, variables, shadowed);
}

/** Resolves entries: local batches in-process, the others in one helper process. Throws as injectSync. */
function resolveSync(
  entries: readonly SourceEntry[],
  target: InjectTarget,
  options: InjectSyncOptions,
): ResolvedVariable[] {
  const plan = planResolution(entries);
  const inProcess = options.inProcess ?? ((kind: string) => kind === "local");
  const remote = [];
  for (const batch of plan.batches) {
    if (inProcess(batch.kind)) {
      const settings = target.project.config.providers?.[batch.kind] ?? {};
      applyResults(plan, batch, getManyLocalSync({ settings, env: target.env }, batch.requests));
    } else remote.push(batch);
  }
  if (remote.length > 0) {
    const batches = remote.map(({ kind, requests }) => ({ kind, requests }));
    const results = fetchInHelper(options.helper, { cwd: target.cwd, batches }, target.env);
    for (const [index, batch] of remote.entries()) {
      const result = results[index];
      if (result) applyResults(plan, batch, result);
      else unknownProvider(plan, batch);
    }
  }
  return finishResolution(plan);
}

/**
 * Reads and parses the stub with synchronous calls, with readEnvFile's limits (a regular file of at
 * most 1 MiB, strict UTF-8). Throws EnvFileError (ENV_READ, ENV_PARSE).
 */
function readStubSync(target: InjectTarget, file: string): EnvDocument {
  const shown = shownPath(target, file);
  let buf: Buffer;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_ENV_FILE_BYTES) throw new Error("larger than 1 MiB");
    buf = readFileSync(file);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new EnvFileError("ENV_READ", shown, 0, `${shown}: cannot be read as a .env file (${why})`, {
      cause: error,
    });
  }
  return parseEnvBuffer(buf, shown);
}

/**
 * What the dotsecrets/config entries run: injectSync into process.env. A UserError is rethrown with
 * the entry's name and its hint in the message, since nothing else will print the hint; the app
 * then stops before its own code runs, as it should without its secrets.
 */
export function configEntry(helper: string): void {
  try {
    const result = injectSync({ helper });
    for (const warning of result.warnings) process.stderr.write(`dotsecrets/config: warning: ${warning}\n`);
  } catch (error) {
    if (error instanceof UserError) {
      error.message = `dotsecrets/config: ${error.message}${error.hint ? `\n  fix: ${error.hint}` : ""}`;
    }
    throw error;
  }
}
