/**
 * `import "dotsecrets/config"` (or `node --import dotsecrets/config app.js`): a drop-in for
 * `dotenv/config`. Every variable is set synchronously, before any module imported after this one
 * evaluates (no top-level await: an awaiting module does not hold back its siblings). Inside
 * `secrets run` it does nothing: the values are already in the environment.
 */
import { fileURLToPath } from "node:url";
import { configEntry } from "./runtime/inject-sync.js";

configEntry(fileURLToPath(new URL("./resolve-worker.js", import.meta.url)));
