// bench/migrate: `secrets migrate --yes` of 500 keys across 3 environments into the local provider:
// wall time and peak memory, against `node -e 0` and `secrets inventory` on the same project,
// measured in the same run. Needs `npm run build` first.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { median, tempDir } from "./lib.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/cli.js");
const preload = join(root, "bench/rss-preload.mjs");
const runs = Number(process.env.BENCH_RUNS ?? 5);
const ENVS = { ".env": 167, ".env.staging": 167, ".env.production": 166 };

const pristine = tempDir("bench-migrate-");
writeFileSync(join(pristine, "package.json"), JSON.stringify({ name: "bench" }));
for (const [file, count] of Object.entries(ENVS)) {
  const lines = ["# generated for the benchmark", "PORT=3000"];
  for (let i = 0; i < count; i++) lines.push(`SERVICE_${i}_API_KEY=${randomBytes(24).toString("base64url")}`);
  writeFileSync(join(pristine, file), `${lines.join("\n")}\n`);
}

function measure(args, cwd, env) {
  const rssFile = join(tempDir("bench-rss-"), "rss.json");
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--import", preload, ...args], {
    cwd,
    env: { ...env, BENCH_RSS_FILE: rssFile },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return { ms, rssMiB: JSON.parse(readFileSync(rssFile, "utf8")).maxRSS / 1024 };
}

const rows = {
  "node -e 0": [],
  "secrets inventory (500 keys)": [],
  "secrets migrate --yes (500 keys, 3 envs)": [],
};
for (let i = 0; i < runs; i++) {
  const project = tempDir("bench-migrate-run-");
  cpSync(pristine, project, { recursive: true });
  const env = { ...process.env, DOTSECRETS_HOME: tempDir("bench-migrate-home-") };
  rows["node -e 0"].push(measure(["-e", "0"], project, env));
  rows["secrets inventory (500 keys)"].push(measure([cli, "inventory"], project, env));
  rows["secrets migrate --yes (500 keys, 3 envs)"].push(measure([cli, "migrate", "--yes"], project, env));
  const check = readFileSync(join(project, ".env.production"), "utf8");
  if (!check.includes("secret://local/bench/production/SERVICE_0_API_KEY"))
    throw new Error("migration did not happen");
}

const base = rows["node -e 0"];
const baseMs = median(base.map((r) => r.ms));
const baseRss = median(base.map((r) => r.rssMiB));
console.log(`\nmigrate benchmark: 500 keys in 3 env files, local provider, ${runs} runs (medians)`);
console.log(
  `${"case".padEnd(42)} ${"wall ms".padStart(9)} ${"× node".padStart(7)} ${"peak RSS MiB".padStart(13)} ${"× node".padStart(7)}`,
);
for (const [name, samples] of Object.entries(rows)) {
  const ms = median(samples.map((r) => r.ms));
  const rss = median(samples.map((r) => r.rssMiB));
  console.log(
    `${name.padEnd(42)} ${ms.toFixed(0).padStart(9)} ${(ms / baseMs).toFixed(2).padStart(7)} ${rss.toFixed(1).padStart(13)} ${(rss / baseRss).toFixed(2).padStart(7)}`,
  );
}
const migrateMs = median(rows["secrets migrate --yes (500 keys, 3 envs)"].map((r) => r.ms));
console.log(`per key: ${((migrateMs - baseMs) / 500).toFixed(2)} ms (write, read back, compare, stub)`);
