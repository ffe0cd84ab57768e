/**
 * Worker thread of `secrets check`: builds the scanner from the spec it is given (the exact values
 * arrive through workerData, never argv or a file) and scans the batches the main thread posts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildEngine, type EngineSpec } from "./check/engine.js";
import { runJobs, type ScanJob } from "./check/jobs.js";

const { spec, maxBytes } = workerData as { spec: EngineSpec; maxBytes: number };
const engine = buildEngine(spec);
parentPort!.postMessage({ ready: true });
parentPort!.on("message", (message: { id: number; jobs: ScanJob[] }) => {
  parentPort!.postMessage({ id: message.id, results: runJobs(message.jobs, engine, maxBytes) });
});
