// Runs every benchmark in this folder, one after the other (`npm run bench`).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const skip = new Set(["lib.mjs", "rss-preload.mjs", "run-all.mjs"]);
for (const name of readdirSync(import.meta.dirname)
  .filter((n) => n.endsWith(".mjs") && !skip.has(n))
  .sort()) {
  console.log(`\n=== bench/${name}`);
  const result = spawnSync(process.execPath, [join(import.meta.dirname, name)], { stdio: "inherit" });
  if (result.status !== 0) process.exitCode = 1;
}
