/**
 * Spreads scan batches over the main thread and worker threads. Batches are pulled from one queue.
 * The main thread always scans. Workers start when they pay: a worker spends ~0.2 s of a core
 * booting and running slowly until its code is compiled (measured on 2 cores), so they start only
 * once the main thread's own pace says the work left would take it longer than
 * WORKERS_PAY_FROM_MS (unless a number of threads is asked for: then they start at once).
 * Running from source (no built worker script), everything runs on the main thread.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { buildEngine, compiledValues, type Engine, type EngineSpec } from "./engine.js";
import { type JobResult, runJobs, type ScanJob } from "./jobs.js";

/**
 * Work left (as the main thread alone would take) above which workers start. Measured on 2
 * cores: over 100 MB (~0.45 s on one thread) a worker broke even; over 400 MB (~1.6 s) it cut
 * the time by 28%.
 */
export const WORKERS_PAY_FROM_MS = 600;
/**
 * The main thread judges its pace over batches 9 to 16: the first ones run while its code is still
 * being compiled (in a fresh process they took twice as long, and a worker started on that pace
 * made a 100 MB check 15% slower).
 */
const PACE_FROM_BATCH = 8;
const PACE_AT_BATCH = 16;

/** The built worker entry: beside cli.js, one level above a split chunk. */
function workerScript(): string | undefined {
  for (const rel of ["./check-worker.js", "../check-worker.js"]) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

export interface PoolOptions {
  spec: EngineSpec;
  maxBytes: number;
  /**
   * Threads that scan, the main thread included. Unset: one per core, workers starting when the
   * work left pays for them; 1: the main thread only; more: that many, started at once.
   */
  workers?: number;
}

interface Thread {
  worker: Worker;
  ready: Promise<boolean>;
}

export class ScanPool {
  private engine: Engine | undefined;
  private readonly threads: Thread[] = [];
  private nextId = 0;
  /** What workers are given to build their engines from (the main thread's compiled values). */
  private workerSpec: EngineSpec | undefined;
  /** Worker threads that scanned at least one batch. */
  used = 0;

  private constructor(private readonly options: PoolOptions) {}

  /** A pool; threads asked for explicitly start now (they load in the background). Never throws. */
  static open(options: PoolOptions): ScanPool {
    const pool = new ScanPool(options);
    if (options.workers !== undefined && options.workers > 1) pool.start();
    return pool;
  }

  /** Threads the pool may use, the main thread included. */
  private get threadCount(): number {
    return Math.min(this.options.workers ?? availableParallelism(), availableParallelism());
  }

  /** Starts the workers (one fewer than threads: the main thread scans too). Never throws. */
  private start(): Thread[] {
    const script = this.threadCount > 1 ? workerScript() : undefined;
    if (!script || this.threads.length > 0) return [];
    // Workers get the main thread's compiled values: its engine is built once, theirs from it.
    if (!this.workerSpec) {
      this.engine ??= buildEngine(this.options.spec);
      const compiled = this.options.spec.values ? compiledValues(this.engine) : undefined;
      this.workerSpec = compiled ? { compiled } : {};
    }
    for (let i = 0; i < this.threadCount - 1; i++) {
      const worker = new Worker(script, {
        workerData: { spec: this.workerSpec, maxBytes: this.options.maxBytes },
      });
      worker.unref();
      const ready = new Promise<boolean>((resolve) => {
        worker.once("message", () => resolve(true));
        worker.once("error", () => resolve(false));
      });
      this.threads.push({ worker, ready });
    }
    return this.threads;
  }

  /** Worker threads started. */
  get workers(): number {
    return this.threads.length;
  }

  /**
   * Scans every batch of `source` on whichever thread is free, calling `onResult` for each.
   * `total`: how many jobs `source` holds, if known (the main thread's pace over it decides whether
   * workers start). Rejects when a worker dies mid-batch.
   */
  async run(
    source: Iterable<ScanJob[]> | AsyncIterable<ScanJob[]>,
    onResult: (jobs: ScanJob[], results: JobResult[]) => void,
    total?: number,
  ): Promise<void> {
    const iterator =
      Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
    let done = false;
    let exhausted: () => void = () => {};
    const drained = new Promise<false>((resolve) => {
      exhausted = () => resolve(false);
    });
    const take = async (): Promise<ScanJob[] | undefined> => {
      if (done) return undefined;
      const next = await iterator.next();
      if (next.done) {
        done = true;
        exhausted();
      }
      return next.done ? undefined : next.value;
    };
    const onWorker = async (thread: Thread) => {
      // A worker still loading when the queue runs dry is not waited for.
      if (!(await Promise.race([thread.ready, drained]))) return;
      let counted = false;
      // Two batches in flight: the worker starts the second while the main thread, busy scanning a
      // batch of its own, has not yet read the first one's result (one in flight left it idle half the time).
      const lane = async () => {
        for (let jobs = await take(); jobs; jobs = await take()) {
          if (!counted) this.used++;
          counted = true;
          onResult(jobs, await this.post(thread.worker, jobs));
        }
      };
      await Promise.all([lane(), lane()]);
    };
    const lanes: Array<Promise<void>> = [];
    // A lane's failure is raised once the main thread is done; until then it must not count as unhandled.
    const join = (threads: Thread[]) => {
      for (const thread of threads) {
        const lane = onWorker(thread);
        lane.catch(() => {});
        lanes.push(lane);
      }
    };
    join(this.threads);
    const onMain = async () => {
      this.engine ??= buildEngine(this.options.spec);
      let batches = 0;
      let jobsDone = 0;
      let paceJobs = 0;
      let paceMs = 0;
      let judged = this.options.workers !== undefined || total === undefined;
      for (let jobs = await take(); jobs; jobs = await take()) {
        const started = performance.now();
        onResult(jobs, runJobs(jobs, this.engine, this.options.maxBytes));
        jobsDone += jobs.length;
        batches++;
        if (batches > PACE_FROM_BATCH) {
          paceMs += performance.now() - started;
          paceJobs += jobs.length;
        }
        if (!judged && batches >= PACE_AT_BATCH) {
          judged = true;
          // The main thread's own pace, over the jobs left (the workers' share included).
          const left = (total! - jobsDone) * (paceMs / paceJobs);
          if (left >= WORKERS_PAY_FROM_MS) join(this.start());
        }
        // Let ready workers' messages in, so they start pulling batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await onMain();
    await Promise.all(lanes);
  }

  private post(worker: Worker, given: ScanJob[]): Promise<JobResult[]> {
    const id = this.nextId++;
    // Bytes that are a view of a larger buffer (git's output) are copied: transferring the buffer
    // would take it from the other views, which other batches hold.
    const jobs = given.map((j) =>
      j.bytes && (j.bytes.byteOffset !== 0 || j.bytes.byteLength !== j.bytes.buffer.byteLength)
        ? { ...j, bytes: new Uint8Array(j.bytes) }
        : j,
    );
    const transfer = [...new Set(jobs.flatMap((j) => (j.bytes ? [j.bytes.buffer as ArrayBuffer] : [])))];
    return new Promise<JobResult[]>((resolve, reject) => {
      const onMessage = (message: { id: number; results: JobResult[] }) => {
        if (message.id !== id) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(message.results);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.postMessage({ id, jobs }, transfer);
    });
  }

  /** Stops the threads without waiting for them (they hold no state worth flushing). */
  close(): void {
    for (const thread of this.threads) void thread.worker.terminate();
  }
}
