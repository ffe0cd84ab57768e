#!/usr/bin/env node
// `npm run demo`: the whole journey on a copy of examples/node-app with a throwaway local store —
// inventory, migrate, the stub, run, list, undo. No cloud account, nothing left behind in the repo.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..");
const cli = join(repo, "dist/cli.js");
const app = mkdtempSync(join(tmpdir(), "dotsecrets-demo-app-"));
const home = mkdtempSync(join(tmpdir(), "dotsecrets-demo-store-"));
const env = { ...process.env, DOTSECRETS_HOME: home, DOTENV_CONFIG_QUIET: "true" };

cpSync(join(repo, "examples/node-app"), app, { recursive: true, filter: (path) => !/\/\.env(\.production)?$|\.dotsecrets/.test(path) });
// The app resolves dotenv from this repository's node_modules, and dotsecrets (which the code
// rewrite makes it import) from this repository itself, as if installed with npm.
mkdirSync(join(app, "node_modules"));
symlinkSync(join(repo, "node_modules", "dotenv"), join(app, "node_modules", "dotenv"));
symlinkSync(repo, join(app, "node_modules", "dotsecrets"));

function step(title, command, args) {
  console.log(`\n\x1b[1m$ ${title}\x1b[0m`);
  const result = spawnSync(command, args, { cwd: app, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`demo: '${title}' exited ${result.status}`);
    process.exit(1);
  }
}

console.log(`Demo project: ${app}\nThrow-away local store: ${home} (DOTSECRETS_HOME)`);
step("node setup.mjs   # generate the example's .env files with fake random values", process.execPath, ["setup.mjs"]);
step("secrets inventory", process.execPath, [cli, "inventory"]);
step("secrets migrate --yes", process.execPath, [cli, "migrate", "--yes"]);
console.log("\n\x1b[1m$ cat .env   # the stub: references only, safe to read and commit\x1b[0m");
process.stdout.write(readFileSync(join(app, ".env"), "utf8"));
step("secrets run -- node src/server.mjs --once   # the app gets the real values", process.execPath, [cli, "run", "--", process.execPath, "src/server.mjs", "--once"]);
step("secrets run --env production -- node -r dotenv/config src/worker.cjs", process.execPath, [cli, "run", "--env", "production", "--", process.execPath, "-r", "dotenv/config", "src/worker.cjs"]);
step("node src/server.mjs --once   # the code now loads dotsecrets/config: no secrets run needed", process.execPath, ["src/server.mjs", "--once"]);
step("secrets check   # no plaintext secret left in the tree", process.execPath, [cli, "check"]);
step("secrets doctor", process.execPath, [cli, "doctor"]);
step("secrets list --all", process.execPath, [cli, "list", "--all"]);
step("secrets undo --yes --delete-remote   # back to plaintext, byte for byte", process.execPath, [cli, "undo", "--yes", "--delete-remote"]);
console.log("\nDone. In your own project, the local store lives outside the project (~/.local/share/dotsecrets on Linux).");
