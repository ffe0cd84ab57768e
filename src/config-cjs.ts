/**
 * `require("dotsecrets/config")` and `node -r dotsecrets/config app.js`: the CommonJS twin of
 * dotsecrets/config, the same synchronous injection (the local store in-process, cloud providers in
 * a helper process whose JSON comes back on a pipe).
 */
import { join } from "node:path";
import { configEntry } from "./runtime/inject-sync.js";

configEntry(join(__dirname, "resolve-worker.js"));
