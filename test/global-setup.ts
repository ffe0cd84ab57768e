/**
 * Once per `vitest run`: every temporary file the tests make goes under one folder that is removed
 * at the end (TMPDIR is inherited by the test workers and by every CLI they spawn), and the
 * end-to-end tests never run a stale build: dist/ is rebuilt when any source is newer.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..");

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export default function setup(): () => void {
  const built = join(repo, "dist", "cli.js");
  const sources = Math.max(...["src", "providers", "templates"].map((dir) => newest(join(repo, dir))));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: repo, stdio: "inherit" });
  }
  const scratch = mkdtempSync(join(tmpdir(), "dotsecrets-tests-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  return () => {
    rmSync(scratch, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
