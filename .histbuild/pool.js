import {
  buildEngine,
  runJobs
} from "./chunk-HDTF2K2B.js";

// src/check/pool.ts
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
function workerScript() {
  for (const rel of ["./check-worker.js", "../check-worker.js"]) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return void 0;
}
var ScanPool = class _ScanPool {
  constructor(options) {
    this.options = options;
  }
  options;
  engine;
  threads = [];
  idle = [];
  waiting = [];
  nextId = 0;
  /** Opens a pool. Never throws: without a worker script it scans in-process. */
  static open(options) {
    const pool2 = new _ScanPool(options);
    const count = Math.min(options.workers ?? availableParallelism(), availableParallelism());
    const script = count > 1 ? workerScript() : void 0;
    if (script) {
      for (let i = 0; i < count; i++) {
        const worker = new Worker(script, { workerData: { spec: options.spec, maxBytes: options.maxBytes } });
        worker.unref();
        pool2.threads.push(worker);
        pool2.idle.push(worker);
      }
    }
    return pool2;
  }
  get workers() {
    return this.threads.length;
  }
  /** Scans one batch on the next free worker (or in-process). Rejects when a worker dies. */
  async scan(jobs) {
    if (this.threads.length === 0) {
      this.engine ??= buildEngine(this.options.spec);
      return runJobs(jobs, this.engine, this.options.maxBytes);
    }
    const worker = this.idle.pop() ?? await new Promise((resolve) => this.waiting.push(resolve));
    const id = this.nextId++;
    const transfer = jobs.flatMap((j) => j.bytes ? [j.bytes.buffer] : []);
    try {
      return await new Promise((resolve, reject) => {
        const onMessage = (message) => {
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
  async close() {
    await Promise.all(this.threads.map((t2) => t2.terminate()));
  }
};

// ../../../tmp/check-pool.ts
var t = performance.now();
var pool = ScanPool.open({ spec: {}, maxBytes: 1e7, workers: 2 });
console.log("open", performance.now() - t, pool.workers);
t = performance.now();
await pool.scan([{ name: "a.txt", bytes: new Uint8Array(Buffer.from("hello")) }]);
console.log("first scan", performance.now() - t);
t = performance.now();
await pool.scan([{ name: "a.txt", bytes: new Uint8Array(Buffer.from("hello")) }]);
console.log("second scan", performance.now() - t);
t = performance.now();
await pool.close();
console.log("close", performance.now() - t);
