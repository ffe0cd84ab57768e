import {
  buildEngine,
  runJobs
} from "./chunk-RBETD4N5.js";
import "./chunk-RPGY3AMR.js";

// src/check-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var { spec, maxBytes } = workerData;
var engine = buildEngine(spec);
parentPort.postMessage({ ready: true });
parentPort.on("message", (message) => {
  parentPort.postMessage({ id: message.id, results: runJobs(message.jobs, engine, maxBytes) });
});
