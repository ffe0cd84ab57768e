/**
 * The commands a migration's summary suggests, right for this project: one per folder that holds a
 * stub, run from that folder (where `secrets run` finds its layers), with the start command of the
 * package it belongs to — the package.json script that exists (`npm start`, `npm run dev`, with the
 * package manager its lockfile names), `python app.py` for a Python service, else a placeholder.
 * Reads package files; writes nothing; never throws.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { packageDir } from "../core/scopes.js";

export interface NextStep {
  /** Folder to run from, relative to the root, `/`-separated ("" for the root). */
  dir: string;
  /** `secrets run` options (`--env production` when the folder has no development stub). */
  options: string[];
  /** The app's command, after `--`; empty when none could be found. */
  command: string[];
  /** The line to print: `cd services/api && secrets run -- npm start`. */
  line: string;
}

const PYTHON_ENTRIES = ["app.py", "main.py", "server.py", "wsgi.py", "run.py", "bot.py"];
const DEV_LAYERS = new Set([".env", ".env.local", ".env.development", ".env.development.local"]);

/** The package manager a folder (or the root) locks with. */
function packageManager(root: string, dir: string): string {
  for (const folder of [join(root, dir), root]) {
    if (existsSync(join(folder, "pnpm-lock.yaml"))) return "pnpm";
    if (existsSync(join(folder, "yarn.lock"))) return "yarn";
    if (existsSync(join(folder, "bun.lockb")) || existsSync(join(folder, "bun.lock"))) return "bun";
  }
  return "npm";
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The start command of the package in `pkgDir` (relative), run from `runDir`; [] when unknown. */
export function startCommand(root: string, pkgDir: string, runDir: string): string[] {
  const folder = join(root, pkgDir);
  const pkg = readJson(join(folder, "package.json"));
  if (pkg) {
    const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
    const pm = packageManager(root, pkgDir);
    if (typeof scripts.start === "string") return [pm, "start"];
    if (typeof scripts.dev === "string") return [pm, "run", "dev"];
    if (typeof pkg.main === "string" && pkgDir === runDir) return ["node", pkg.main];
  }
  for (const folder_ of [join(root, runDir), folder]) {
    if (existsSync(join(folder_, "manage.py"))) return ["python", "manage.py", "runserver"];
    const entry = PYTHON_ENTRIES.find((name) => existsSync(join(folder_, name)));
    if (entry) return ["python", entry];
  }
  return [];
}

/** One suggested command per folder holding a stub (`stubs`: relative paths). Never throws. */
export function nextSteps(root: string, stubs: readonly string[]): NextStep[] {
  const byDir = new Map<string, string[]>();
  for (const path of stubs) {
    const dir = dirname(path) === "." ? "" : dirname(path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), basename(path)]);
  }
  return [...byDir.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dir, names]) => {
      const options: string[] = [];
      if (!names.some((name) => DEV_LAYERS.has(name))) {
        const env = /^\.env\.([^.]+)/.exec([...names].sort()[0]!)?.[1];
        if (env) options.push("--env", env);
      }
      const command = startCommand(root, packageDir(root, join(dir || ".", ".env")), dir);
      const run = [
        "secrets",
        "run",
        ...options,
        "--",
        ...(command.length > 0 ? command : ["<your start command>"]),
      ];
      return { dir, options, command, line: `${dir ? `cd ${dir} && ` : ""}${run.join(" ")}` };
    });
}
