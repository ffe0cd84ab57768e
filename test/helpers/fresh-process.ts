/**
 * Runs a module of this repository in a fresh Node process, for tests about what a process loads
 * (lazy SDK imports): the test workers share one module cache between files, so only a new process
 * starts empty. The entry is bundled with esbuild (packages stay external, resolved from the
 * repository's node_modules) and a script imports it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";

const repo = resolve(import.meta.dirname, "../..");

/**
 * Bundles `entry` (a path from the repository root) and runs `script`, an ES module body in which
 * `mod` is the bundle's namespace and `loaded(fragment)` says whether a file whose path holds
 * `fragment` is in the CommonJS module cache. Returns what the script prints to stdout, parsed as JSON.
 */
export function inFreshProcess<T>(entry: string, script: string): T {
  const dir = join(repo, "node_modules", ".cache", "dotsecrets-tests");
  mkdirSync(dir, { recursive: true });
  const name = entry.replace(/[^A-Za-z0-9]+/g, "-");
  const bundle = join(dir, `${name}-${process.pid}.mjs`);
  buildSync({
    entryPoints: [join(repo, entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile: bundle,
    logLevel: "warning",
  });
  const runner = join(dir, `${name}-${process.pid}-run.mjs`);
  writeFileSync(
    runner,
    `import { createRequire } from "node:module";
const require = createRequire(${JSON.stringify(bundle)});
const loaded = (fragment) => Object.keys(require.cache).some((path) => path.includes(fragment));
const mod = await import(${JSON.stringify(bundle)});
${script}
`,
  );
  try {
    return JSON.parse(execFileSync(process.execPath, [runner], { encoding: "utf8" })) as T;
  } finally {
    rmSync(bundle, { force: true });
    rmSync(runner, { force: true });
  }
}
