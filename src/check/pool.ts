/**
 * Spreads scan batches over worker threads (one per core, at most `workers`), or runs them
 * in-process when there is little to scan or the worker script is not there (running from source).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { buildEngine, type Engine, type EngineSpec } from "./engine.js";
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
  /** Upper bound on threads (default: available cores); 0 or 1 scans in-process. */
  workers?: number;
}

export class ScanPool {
  private engine: Engine | undefined;
  private readonly threads: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(worker: Worker) => void> = [];
  private nextId = 0;

  private constructor(private readonly options: PoolOptions) {}

  /** Opens a pool. Never throws: without a worker script it scans in-process. */
  static open(options: PoolOptions): ScanPool {
    const pool = new ScanPool(options);
    const count = Math.min(options.workers ?? availableParallelism(), availableParallelism());
    const script = count > 1 ? workerScript() : undefined;
    if (script) {
      for (let i = 0; i < count; i++) {
        const worker = new Worker(script, { workerData: { spec: options.spec, maxBytes: options.maxBytes } });
        worker.unref();
        pool.threads.push(worker);
        pool.idle.push(worker);
      }
    }
    return pool;
  }

  get workers(): number {
    return this.threads.length;
  }

  /** Scans one batch on the next free worker (or in-process). Rejects when a worker dies. */
  async scan(jobs: ScanJob[]): Promise<JobResult[]> {
    if (this.threads.length === 0) {
      this.engine ??= buildEngine(this.options.spec);
      return runJobs(jobs, this.engine, this.options.maxBytes);
    }
    const worker = this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    const id = this.nextId++;
    const transfer = jobs.flatMap((j) => (j.bytes ? [j.bytes.buffer as ArrayBuffer] : []));
    try {
      return await new Promise<JobResult[]>((resolve, reject) => {
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
    } finally {
      const waiter = this.waiting.shift();
      if (waiter) waiter(worker);
      else this.idle.push(worker);
    }
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}
