/** Spawns the built CLI (dist/cli.js) the way a user would, with a private DOTSECRETS_HOME. */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AGENT_SIGNALS } from "../../src/core/agent-mode.js";

export const CLI = resolve(import.meta.dirname, "../../dist/cli.js");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

/** A fresh temporary directory. */
export function tempDir(prefix = "dotsecrets-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An environment for the CLI: the test's DOTSECRETS_HOME, no inherited DOTSECRETS_ENV. */
export function cliEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOTSECRETS_HOME: home, NO_COLOR: "1", ...extra };
  delete env.DOTSECRETS_ENV;
  delete env.DOTSECRETS_RUN;
  delete env.DOTSECRETS_LOCAL_KEY;
  delete env.NODE_ENV; // vitest sets it; the fixtures define their own
  // Tests run the same inside a coding agent: agent mode only where a test turns it on.
  for (const name of ["DOTSECRETS_AGENT", "AI_AGENT", ...AGENT_SIGNALS.map((s) => s.variable)]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** Runs `secrets <args>` and collects its output. */
export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: options.env ?? cliEnv(tempDir()),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** Every file under `dir` (no node_modules), as [path, contents]. */
export function readTree(
  dir: string,
  skip: (path: string) => boolean = () => false,
): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "node_modules" || skip(path)) continue;
    const stats = statSync(path);
    if (stats.isDirectory()) out.push(...readTree(path, skip));
    else out.push([path, readFileSync(path)]);
  }
  return out;
}

/** Returns a description of every place a planted value shows up (empty when none). */
export function findLeaks(values: string[], places: Array<[string, string | Buffer]>): string[] {
  const leaks: string[] = [];
  for (const value of values) {
    if (value.length < 4) continue;
    for (const [where, text] of places) {
      const haystack = typeof text === "string" ? text : text.toString("utf8");
      if (haystack.includes(value))
        leaks.push(`value #${values.indexOf(value)} (${value.length} chars) found in ${where}`);
    }
  }
  return leaks;
}

/** sha256 of a text, hex: tests compare values by hash so they never print them. */
export const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** A `node -e` script printing {KEY: sha256(value)} for the whole environment, as JSON. */
export const HASH_ENV = `const c=require("crypto");const o={};for(const[k,v]of Object.entries(process.env))o[k]=c.createHash("sha256").update(v).digest("hex");process.stdout.write(JSON.stringify(o))`;
