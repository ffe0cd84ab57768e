// bench/run-overhead: `secrets run -- node -e 0` with 50 local secrets, against bare `node -e 0`
// and `dotenvx run -- node -e 0` with the same 50 values in a dotenvx-encrypted .env. One run,
// round-robin, medians and ratios printed. Needs `npm run build` first.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { median, report, tempDir, timeRoundRobin } from "./lib.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/cli.js");
const dotenvx = join(root, "node_modules/@dotenvx/dotenvx/src/cli/dotenvx.js");
const runs = Number(process.env.BENCH_RUNS ?? 15);
const KEYS = 50;

const lines = Array.from(
  { length: KEYS },
  (_, i) => `SERVICE_${i}_SECRET=${randomBytes(24).toString("base64url")}`,
);

// dotsecrets: migrate the 50 values into a private local store.
const ours = tempDir("bench-run-ours-");
const home = tempDir("bench-run-home-");
const env = { ...process.env, DOTSECRETS_HOME: home };
writeFileSync(join(ours, "package.json"), JSON.stringify({ name: "bench" }));
writeFileSync(join(ours, ".env"), `${lines.join("\n")}\n`);
const migrated = spawnSync(process.execPath, [cli, "migrate", "--yes"], { cwd: ours, env, encoding: "utf8" });
if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);

// dotenvx: the same values, encrypted with `dotenvx encrypt`.
const theirs = tempDir("bench-run-dotenvx-");
writeFileSync(join(theirs, ".env"), `${lines.join("\n")}\n`);
const encrypted = spawnSync(process.execPath, [dotenvx, "encrypt"], { cwd: theirs, encoding: "utf8" });
if (encrypted.status !== 0) throw new Error(`dotenvx encrypt failed: ${encrypted.stderr}`);

const node = process.execPath;
const samples = timeRoundRobin(
  [
    { name: "node -e 0", command: node, args: ["-e", "0"], options: { cwd: ours, env } },
    {
      name: "secrets run -- node -e 0 (50 local secrets)",
      command: node,
      args: [cli, "run", "--", node, "-e", "0"],
      options: { cwd: ours, env },
    },
    {
      name: "secrets run --mask -- node -e 0",
      command: node,
      args: [cli, "run", "--mask", "--", node, "-e", "0"],
      options: { cwd: ours, env },
    },
    {
      name: "dotenvx run -- node -e 0 (50 encrypted)",
      command: node,
      args: [dotenvx, "run", "--quiet", "--", node, "-e", "0"],
      options: { cwd: theirs },
    },
  ],
  runs,
);
const base = report(`run overhead, ${runs} runs each (median of wall time)`, samples, "node -e 0");
const oursOverhead = median(samples["secrets run -- node -e 0 (50 local secrets)"]) - base;
const theirOverhead = median(samples["dotenvx run -- node -e 0 (50 encrypted)"]) - base;
console.log(
  `\noverhead over node -e 0: dotsecrets ${oursOverhead.toFixed(1)} ms, dotenvx ${theirOverhead.toFixed(1)} ms → ratio ${(oursOverhead / theirOverhead).toFixed(2)} (target ≤ 1.00)`,
);
