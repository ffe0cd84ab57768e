/**
 * Spreads scan batches over worker threads (one per core) and the main thread. Batches are pulled
 * from one queue: the main thread scans while the workers start (starting a worker costs a few
 * hundred milliseconds on a busy machine), and each worker joins as soon as it is ready — so a
 * small tree is done before any worker would have helped, and a large one uses every core. Running
 * from source (no built worker script), everything runs on the main thread.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { buildEngine, compiledValues, type Engine, type EngineSpec } from "./engine.js";
import { type JobResult, runJobs, type ScanJob } from "./jobs.js";

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
  /** Threads that scan, the main thread included (default: available cores); 1 scans in-process only. */
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
  /** Worker threads that scanned at least one batch. */
  used = 0;

  private constructor(private readonly options: PoolOptions) {}

  /** Starts the workers (they load in the background). Never throws. */
  static open(options: PoolOptions): ScanPool {
    const pool = new ScanPool(options);
    const count = Math.min(options.workers ?? availableParallelism(), availableParallelism());
    const script = count > 1 ? workerScript() : undefined;
    // Workers get the main thread's compiled values: its engine is built now, theirs from it.
    let spec = options.spec;
    if (script && spec.values) {
      pool.engine = buildEngine(spec);
      const compiled = compiledValues(pool.engine);
      spec = compiled ? { compiled } : {};
    }
    // The main thread scans too: one worker fewer than threads (three threads on two cores were
    // slower than one: the workers' start-up took the cores the scan needed).
    for (let i = 0; script && i < count - 1; i++) {
      const worker = new Worker(script, { workerData: { spec, maxBytes: options.maxBytes } });
      worker.unref();
      const ready = new Promise<boolean>((resolve) => {
        worker.once("message", () => resolve(true));
        worker.once("error", () => resolve(false));
      });
      pool.threads.push({ worker, ready });
    }
    return pool;
  }

  /** Worker threads started. */
  get workers(): number {
    return this.threads.length;
  }

  /**
   * Scans every batch of `source` on whichever thread is free, calling `onResult` for each.
   * Rejects when a worker dies mid-batch.
   */
  async run(
    source: Iterable<ScanJob[]> | AsyncIterable<ScanJob[]>,
    onResult: (jobs: ScanJob[], results: JobResult[]) => void,
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
    const onMain = async () => {
      this.engine ??= buildEngine(this.options.spec);
      for (let jobs = await take(); jobs; jobs = await take()) {
        onResult(jobs, runJobs(jobs, this.engine, this.options.maxBytes));
        // Let ready workers' messages in, so they start pulling batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([...this.threads.map(onWorker), onMain()]);
  }

  private post(worker: Worker, jobs: ScanJob[]): Promise<JobResult[]> {
    const id = this.nextId++;
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
