/**
 * The README's journey on examples/node-app: generate its .env files, migrate them into the local
 * provider, run the app's three dotenv entry points under `secrets run`, undo — on the built binary,
 * asserting that no generated value appears in the tree or in any output.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "dotenv";
import { beforeAll, describe, expect, it } from "vitest";
import { cliEnv, findLeaks, HASH_ENV, readTree, runCli, sha, tempDir } from "../helpers/cli.js";

const repo = resolve(import.meta.dirname, "../..");
const ENTRY_POINTS = [
  ["node", "src/server.mjs", "--once"],
  ["node", "src/legacy.cjs"],
  ["node", "-r", "dotenv/config", "src/worker.cjs"],
];

describe("examples/node-app: migrate, run, undo", () => {
  const app = tempDir("dotsecrets-example-");
  const pristine = tempDir("dotsecrets-example-pristine-");
  // dotenv 17 prints an "injected env (N)" tip whose count differs under secrets run: silence it.
  const env = cliEnv(tempDir("dotsecrets-home-"), { DOTENV_CONFIG_QUIET: "true" });
  const outputs: Array<[string, string]> = [];
  const planted: string[] = [];
  const before = new Map<string, string>();

  beforeAll(() => {
    cpSync(join(repo, "examples/node-app"), app, {
      recursive: true,
      filter: (path) => !/\/\.env(\.production)?$/.test(path) && !path.includes(".dotsecrets"),
    });
    const setup = spawnSync(process.execPath, ["setup.mjs", "--force"], { cwd: app, encoding: "utf8" });
    expect(setup.status, setup.stderr).toBe(0);
    outputs.push(["setup stdout", setup.stdout]);
    cpSync(app, pristine, { recursive: true });
    // The app resolves dotenv from the repository's node_modules, and dotsecrets (which the code
    // rewrite makes it import) from the repository itself, as if installed.
    mkdirSync(join(app, "node_modules"));
    symlinkSync(join(repo, "node_modules", "dotenv"), join(app, "node_modules", "dotenv"));
    symlinkSync(repo, join(app, "node_modules", "dotsecrets"));
    const secretKeys = ["DATABASE_URL", "STRIPE_SECRET_KEY", "JWT_SECRET", "GITHUB_TOKEN", "SMTP_PASSWORD"];
    for (const file of [".env", ".env.production"]) {
      const values = parse(readFileSync(join(app, file)));
      for (const key of secretKeys) planted.push(values[key]!);
    }
    for (const argv of ENTRY_POINTS) {
      const result = spawnSync(process.execPath, argv.slice(1), { cwd: app, encoding: "utf8", env });
      before.set(argv.join(" "), result.stdout);
    }
  });

  it("migrates every secret out of the tree", async () => {
    const result = await runCli(["migrate", "--yes"], { cwd: app, env });
    outputs.push(["migrate stdout", result.stdout], ["migrate stderr", result.stderr]);
    expect(result.code, result.stderr).toBe(0);
    expect(findLeaks(planted, readTree(app))).toEqual([]);
    const stub = readFileSync(join(app, ".env"), "utf8");
    expect(stub).toContain(
      "STRIPE_SECRET_KEY=secret://local/dotsecrets-example-node-app/development/STRIPE_SECRET_KEY",
    );
    expect(stub).toMatch(/^PORT=3000$/m);
    expect(stub).toMatch(/^NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_test_/m);
  });

  it("each dotenv entry point sees the same values under secrets run", async () => {
    for (const argv of ENTRY_POINTS) {
      const result = await runCli(["run", "--", process.execPath, ...argv.slice(1)], { cwd: app, env });
      outputs.push([`run ${argv.join(" ")}`, result.stdout + result.stderr]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout, argv.join(" ")).toBe(before.get(argv.join(" ")));
    }
    const npm = await runCli(["run", "--", "npm", "run", "--silent", "worker"], { cwd: app, env });
    outputs.push(["run npm run worker", npm.stdout + npm.stderr]);
    expect(npm.stdout).toBe(before.get("node -r dotenv/config src/worker.cjs"));
    for (const [file, name] of [
      [".env", "development"],
      [".env.production", "production"],
    ] as const) {
      const expected = parse(readFileSync(join(pristine, file)));
      const result = await runCli(["run", "--env", name, "--", process.execPath, "-e", HASH_ENV], {
        cwd: app,
        env,
      });
      const hashes = JSON.parse(result.stdout) as Record<string, string>;
      for (const [key, value] of Object.entries(expected))
        expect(hashes[key], `${name} ${key}`).toBe(sha(value));
    }
  });

  it("after the code rewrite, each entry point and npm script gets the secrets without secrets run", async () => {
    const pkg = readFileSync(join(app, "package.json"), "utf8");
    expect(pkg).toContain("dotsecrets/config");
    expect(pkg).toMatch(/"dotsecrets": "/);
    for (const argv of ENTRY_POINTS) {
      const direct = argv.map((arg) => (arg === "dotenv/config" ? "dotsecrets/config" : arg));
      const result = spawnSync(process.execPath, direct.slice(1), { cwd: app, encoding: "utf8", env });
      outputs.push([`direct ${direct.join(" ")}`, result.stdout + result.stderr]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout, direct.join(" ")).toBe(before.get(argv.join(" ")));
    }
    const npm = spawnSync("npm", ["run", "--silent", "worker"], { cwd: app, encoding: "utf8", env });
    outputs.push(["npm run worker", npm.stdout + npm.stderr]);
    expect(npm.stdout).toBe(before.get("node -r dotenv/config src/worker.cjs"));
  });

  it("undo gives back the generated files byte for byte", async () => {
    const result = await runCli(["undo", "--yes", "--delete-remote"], { cwd: app, env });
    outputs.push(["undo", result.stdout + result.stderr]);
    expect(result.code, result.stderr).toBe(0);
    for (const [path, data] of readTree(pristine))
      expect(readFileSync(path.replace(pristine, app)).equals(data), path).toBe(true);
  });

  it("no output contained a value", () => {
    expect(planted).toHaveLength(10);
    expect(findLeaks(planted, outputs)).toEqual([]);
  });
});
