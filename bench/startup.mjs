#!/usr/bin/env node
// Start-up time of the built CLI against a bare `node -e 0`, all measured in one run so the ratios
// compare like with like. Target: `secrets --help` at most 1.5x node (it must import no SDK).
// Usage: npm run build && node bench/startup.mjs [--runs 21]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(repo, "dist/cli.js");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;
const TARGET = 1.5;

if (!existsSync(cli)) {
  console.error("bench/startup: dist/cli.js is missing; run `npm run build` first");
  process.exit(2);
}

// The monorepo fixture's .env values are generated at set-up time, never committed.
const monorepo = mkdtempSync(join(tmpdir(), "bench-startup-monorepo-"));
spawnSync(process.execPath, [join(repo, "test/fixtures/monorepo/setup.mjs"), monorepo], { stdio: "inherit" });

const cases = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "secrets --help", args: [cli, "--help"] },
  { name: "secrets inventory --help", args: [cli, "inventory", "--help"] },
  {
    name: "secrets inventory (monorepo fixture)",
    args: [cli, "inventory", "--root", monorepo],
  },
];

function once(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: repo, stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Warm the file cache, then interleave the cases so drift (thermal, other load) hits all alike.
for (const c of cases) once(c.args);
const times = cases.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [j, c] of cases.entries()) times[j].push(once(c.args));
}

const base = median(times[0]);
const rows = cases.map((c, j) => {
  const med = median(times[j]);
  return [
    c.name,
    med.toFixed(1),
    Math.min(...times[j]).toFixed(1),
    Math.max(...times[j]).toFixed(1),
    `${(med / base).toFixed(2)}x`,
  ];
});
const head = ["command", "median ms", "min ms", "max ms", "vs node"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) =>
  r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
console.log(
  `start-up, median of ${runs} runs each (node ${process.version}, ${process.platform}/${process.arch})\n`,
);
console.log(line(head));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
const helpRatio = median(times[1]) / base;
console.log(
  `\n--help: ${helpRatio.toFixed(2)}x node -e 0 (target <= ${TARGET}x): ${helpRatio <= TARGET ? "ok" : "OVER TARGET"}`,
);
