#!/usr/bin/env node
// Start-up cost of `dotsecrets/config` against the `dotenv/config` it replaces, 50 keys each, local
// provider: `node -e` importing (ESM) or requiring (CJS) each, as a ratio. Target: <= 1.3x.
// The dotsecrets app reads a stub of 50 secret:// references and decrypts the local store in-process;
// the dotenv app reads a plaintext .env of 50 keys. Both import the package by name from a temp app
// whose node_modules link to this repository (the exports map users get). Prints figures only.
// Usage: npm run build && node bench/config-startup.mjs [--runs 21]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median, report, tempDir, timeRoundRobin } from "./lib.mjs";

const repo = join(import.meta.dirname, "..");
const cli = join(repo, "dist/cli.js");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;
const KEYS = 50;
const TARGET = 1.3;

if (!existsSync(cli)) {
  console.error("bench/config-startup: dist/ is missing; run `npm run build` first");
  process.exit(2);
}

const home = tempDir("bench-config-home-");
const env = { ...process.env, DOTSECRETS_HOME: home, DOTENV_CONFIG_QUIET: "true" };
for (const name of ["DOTSECRETS_ENV", "DOTSECRETS_RUN", "DOTSECRETS_LOCAL_KEY", "DOTENV_CONFIG_PATH"])
  delete env[name];

/** A temp app with node_modules/<name> linked to where the package lives. */
function app(prefix, links) {
  const dir = tempDir(prefix);
  mkdirSync(join(dir, "node_modules"));
  for (const [name, target] of Object.entries(links))
    symlinkSync(target, join(dir, "node_modules", name), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench-app" }));
  return dir;
}

// Values are generated here, never committed; they look like typical secrets (40 random chars).
const value = (i) => `v${i}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
const keys = Array.from({ length: KEYS }, (_, i) => `SECRET_${String(i).padStart(2, "0")}`);

const dotenvApp = app("bench-config-dotenv-", { dotenv: join(repo, "node_modules/dotenv") });
writeFileSync(join(dotenvApp, ".env"), keys.map((k, i) => `${k}=${value(i)}\n`).join(""));

const dotsecretsApp = app("bench-config-dotsecrets-", { dotsecrets: repo });
writeFileSync(join(dotsecretsApp, ".env"), "");
process.stderr.write(`storing ${KEYS} secrets in a temporary local store...\n`);
for (const [i, key] of keys.entries()) {
  const result = spawnSync(process.execPath, [cli, "set", key], { cwd: dotsecretsApp, env, input: value(i) });
  if (result.status !== 0) throw new Error(`secrets set ${key} failed: ${result.stderr}`);
}

const node = (name, cwd, args) => ({ name, command: process.execPath, args, options: { cwd, env } });
const esm = (spec) => ["--input-type=module", "-e", `import ${JSON.stringify(spec)}`];
const cjs = (spec) => ["-e", `require(${JSON.stringify(spec)})`];
const cases = [
  node("node -e 0", dotenvApp, ["-e", "0"]),
  node("ESM  import 'dotenv/config'", dotenvApp, esm("dotenv/config")),
  node("ESM  import 'dotsecrets/config'", dotsecretsApp, esm("dotsecrets/config")),
  node("CJS  require('dotenv/config')", dotenvApp, cjs("dotenv/config")),
  node("CJS  require('dotsecrets/config')", dotsecretsApp, cjs("dotsecrets/config")),
];

// Check once that each loader really sets the 50 variables before timing anything.
for (const c of cases.slice(1)) {
  const check =
    c.args[0] === "--input-type=module"
      ? [
          ...c.args.slice(0, 2),
          `${c.args[2]};console.log(Object.keys(process.env).filter(k=>k.startsWith("SECRET_")).length)`,
        ]
      : [
          "-e",
          `${c.args[1]};console.log(Object.keys(process.env).filter(k=>k.startsWith("SECRET_")).length)`,
        ];
  const out = spawnSync(process.execPath, check, { ...c.options, encoding: "utf8" });
  if (out.stdout.trim() !== String(KEYS))
    throw new Error(`${c.name}: expected ${KEYS} variables, got ${out.stdout.trim() || out.stderr}`);
}

const samples = timeRoundRobin(cases, runs);
console.log(
  `config start-up, ${KEYS} keys, median of ${runs} runs (node ${process.version}, ${process.platform}/${process.arch})`,
);
report("against node -e 0", samples, "node -e 0");
const ratio = (a, b) => median(samples[a]) / median(samples[b]);
const esmRatio = ratio("ESM  import 'dotsecrets/config'", "ESM  import 'dotenv/config'");
const cjsRatio = ratio("CJS  require('dotsecrets/config')", "CJS  require('dotenv/config')");
console.log(`\nESM dotsecrets/config vs dotenv/config: ${esmRatio.toFixed(2)}x (target <= ${TARGET}x)`);
console.log(`CJS dotsecrets/config vs dotenv/config: ${cjsRatio.toFixed(2)}x (target <= ${TARGET}x)`);

for (const dir of [home, dotenvApp, dotsecretsApp]) rmSync(dir, { recursive: true, force: true });
