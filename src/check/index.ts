/**
 * `runCheck`: proves no plaintext secret is left — in the working tree, the index (`staged`), every
 * blob of git history (`history`), or stdin. Returns a report of findings (no values: previews and
 * hashes only); rendering and exit codes belong to the command (or to migrate's summary).
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { isEnvCandidate } from "../inventory/discover.js";
import { walkProject } from "../inventory/walk.js";
import { readBaseline } from "./baseline.js";
import type { EngineSpec } from "./engine.js";
import { type BlobRef, catBlobs, historyBlobs, stagedBlobs } from "./git.js";
import { gitignoreFinding } from "./gitignore.js";
import type { JobResult, ScanJob } from "./jobs.js";
import { ScanPool } from "./pool.js";
import type { BufferFinding, CheckReport, Finding, RotateAdvice, SkippedFile, Target } from "./types.js";
import { exactSpec, loadValues, type ValueMeta } from "./values.js";

export { writeBaseline } from "./baseline.js";
export type * from "./types.js";

export interface CheckOptions {
  /** Project root (absolute or relative to the process's cwd). */
  root: string;
  env: NodeJS.ProcessEnv;
  target?: Target;
  /** The bytes to scan for `target: "stdin"`. */
  stdin?: Uint8Array;
  /** A baseline file: findings whose fingerprint it lists are not reported. */
  baseline?: string;
  /** Skip the provider and use the saved fingerprints. */
  offline?: boolean;
  /** False: rules only, no exact values. */
  values?: boolean;
  /**
   * Values the caller already holds (migrate's last step, benchmarks): matched exactly instead of
   * fetching the journals' values from the provider. Never stored.
   */
  knownValues?: Array<{ key: string; value: string; env?: string; provider?: string }>;
  /** Files and blobs larger than this are skipped (default 2 MiB). */
  maxBytes?: number;
  /** Threads that scan, the main thread included (default: one per core, workers starting when the work left pays for them). */
  workers?: number;
}

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 48;
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Runs the check. Throws UserError(CONFIG) when git is needed and fails (staged/history outside a
 * repository) or the baseline is unreadable; provider problems fall back to fingerprints (see
 * `report.values`).
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const root = resolve(options.root);
  const target = options.target ?? "tree";
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const baseline = options.baseline ? await readBaseline(resolve(root, options.baseline)) : undefined;
  const loaded =
    options.values === false
      ? {
          info: { source: "none" as const, count: 0, tooShort: 0, note: "--no-values" },
          meta: [],
          warnings: [],
        }
      : options.knownValues
        ? { ...exactSpec(options.knownValues.map((v) => ({ env: "", provider: "", ...v }))), warnings: [] }
        : await loadValues(root, options.env, { offline: options.offline });
  const spec: EngineSpec = loaded.spec ? { values: loaded.spec } : {};
  const collected: Finding[] = [];
  const skipped: SkippedFile[] = [];
  const stats = { files: 0, bytes: 0, ms: 0, workers: 0 };
  let allowed = 0;
  const absorb = (name: string, result: JobResult, blob?: BlobRef) => {
    stats.files++;
    stats.bytes += result.bytes;
    allowed += result.allowed;
    if (result.skipped) skipped.push({ file: name, reason: result.skipped });
    for (const f of result.findings) collected.push(toFinding(f, name, blob));
  };

  let pool: ScanPool | undefined;
  try {
    if (target === "tree") {
      // Threads asked for start now, and load while the tree is walked.
      pool = ScanPool.open({ spec, maxBytes, workers: options.workers });
      const walk = await walkProject(root, () => true);
      for (const w of walk.warnings)
        if (w.code === "symlink-outside") skipped.push({ file: w.file, reason: "symlink-outside" });
      const files = walk.files.filter((f) => !f.linkTarget && (!f.ignored || isEnvCandidate(f.name)));
      const batches: ScanJob[][] = [];
      for (let i = 0; i < files.length; i += BATCH_FILES) {
        batches.push(files.slice(i, i + BATCH_FILES).map((f) => ({ name: f.rel, abs: f.abs })));
      }
      await pool.run(
        batches,
        (jobs, results) => {
          for (const [i, r] of results.entries()) absorb(jobs[i]!.name, r);
        },
        files.length,
      );
      const gitignore = await gitignoreFinding(walk.root);
      if (gitignore) collected.push(toFinding(gitignore, ".gitignore"));
    } else if (target === "stdin") {
      pool = ScanPool.open({ spec, maxBytes: Number.MAX_SAFE_INTEGER, workers: 1 });
      await pool.run([[{ name: "<stdin>", bytes: options.stdin ?? new Uint8Array() }]], (_, [result]) =>
        absorb("<stdin>", result!),
      );
    } else {
      const refs = target === "staged" ? await stagedBlobs(root) : await historyBlobs(root);
      pool = ScanPool.open({ spec, maxBytes, workers: options.workers });
      await scanBlobs(root, refs, maxBytes, pool, absorb, skipped);
    }
  } finally {
    stats.workers = pool?.used ?? 0;
    pool?.close();
  }

  collected.sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule),
  );
  const findings = baseline ? collected.filter((f) => !baseline.has(f.fingerprint)) : collected;
  stats.ms = Math.round(performance.now() - started);
  const report: CheckReport = {
    target,
    root,
    findings,
    baselined: collected.length - findings.length,
    allowed,
    values: loaded.info,
    stats,
    skipped,
    warnings: loaded.warnings,
  };
  if (target === "history") report.rotate = rotateAdvice(findings, loaded.meta);
  return report;
}

async function scanBlobs(
  root: string,
  refs: BlobRef[],
  maxBytes: number,
  pool: ScanPool,
  absorb: (name: string, result: JobResult, blob?: BlobRef) => void,
  skipped: SkippedFile[],
): Promise<void> {
  const refOf = new Map<ScanJob, BlobRef>();
  async function* batches(): AsyncGenerator<ScanJob[]> {
    let batch: ScanJob[] = [];
    let bytes = 0;
    for await (const blob of catBlobs(root, refs, maxBytes)) {
      if (!blob.bytes) {
        skipped.push({ file: blob.ref.path, reason: "too-large" });
        continue;
      }
      const job = { name: blob.ref.path, bytes: blob.bytes };
      refOf.set(job, blob.ref);
      batch.push(job);
      bytes += blob.bytes.length;
      if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
        yield batch;
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) yield batch;
  }
  await pool.run(
    batches(),
    (jobs, results) => {
      for (const [i, r] of results.entries()) {
        const ref = refOf.get(jobs[i]!)!;
        refOf.delete(jobs[i]!);
        absorb(ref.path, r, ref);
      }
    },
    refs.length,
  );
}

function toFinding(f: BufferFinding, file: string, blob?: BlobRef): Finding {
  const { secretHash, ...rest } = f;
  const finding: Finding = {
    ...rest,
    file,
    fingerprint: createHash("sha256").update(`${secretHash}\0${file}`).digest("hex"),
  };
  if (blob?.commit) {
    finding.commit = blob.commit;
    if (blob.commitDate) finding.commitDate = blob.commitDate;
  }
  return finding;
}

/** Keys whose values reached history, with the command that stores a rotated value. */
function rotateAdvice(findings: Finding[], meta: ValueMeta[]): RotateAdvice[] {
  const byKey = new Map<string, RotateAdvice>();
  for (const f of findings) {
    if (!f.key || f.rule === "template-secret") continue;
    const advice = byKey.get(f.key) ?? { key: f.key, commits: [] };
    if (f.commit && !advice.commits.includes(f.commit)) advice.commits.push(f.commit);
    const known = meta.find((m) => m.key === f.key);
    advice.command = known
      ? `secrets set ${f.key} --env ${known.env} --provider ${known.provider}`
      : `secrets set ${f.key}`;
    byKey.set(f.key, advice);
  }
  return [...byKey.values()].sort((a, b) => cmp(a.key, b.key));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
