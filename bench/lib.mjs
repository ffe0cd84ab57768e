// Shared helpers for the benchmarks: timing child processes and printing tables.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

export const tempDir = (prefix) => mkdtempSync(join(tmpdir(), prefix));

/** Runs a command once and returns its wall time in ms (throws when it fails). */
export function timeOnce(command, args, options) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"], ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return ms;
}

/** Times several commands round-robin (so drift hits all equally); returns samples per name. */
export function timeRoundRobin(cases, runs, warmup = 2) {
  const samples = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (let i = 0; i < warmup + runs; i++) {
    for (const c of cases) {
      const ms = timeOnce(c.command, c.args, c.options);
      if (i >= warmup) samples[c.name].push(ms);
    }
  }
  return samples;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Prints a table of medians with ratio and overhead against the baseline case. */
export function report(title, samples, baseline) {
  const base = median(samples[baseline]);
  console.log(`\n${title}`);
  console.log(
    `${"case".padEnd(44)} ${"median ms".padStart(10)} ${"min ms".padStart(8)} ${"× base".padStart(7)} ${"+ms".padStart(8)}`,
  );
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    console.log(
      `${name.padEnd(44)} ${m.toFixed(1).padStart(10)} ${Math.min(...xs)
        .toFixed(1)
        .padStart(8)} ${(m / base).toFixed(2).padStart(7)} ${(m - base).toFixed(1).padStart(8)}`,
    );
  }
  return base;
}

/**
 * Bundles TypeScript modules of the repository (`{ name: "path/from/root.ts" }`) with esbuild into
 * node_modules/.cache/<cache> (packages stay external) and imports them: `{ name: module }`.
 */
export async function loadSources(cache, entries) {
  const root = resolve(import.meta.dirname, "..");
  const outdir = join(root, "node_modules/.cache", cache);
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)])),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir,
    logLevel: "warning",
  });
  const names = Object.keys(entries);
  const modules = await Promise.all(
    names.map((name) => import(pathToFileURL(join(outdir, `${name}.js`)).href)),
  );
  return Object.fromEntries(names.map((name, i) => [name, modules[i]]));
}
