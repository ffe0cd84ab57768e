/**
 * Issue 10's "done means": a monorepo (root plus two Node services with overlapping keys, `.env.local`
 * and `.env.production` layers, a Python service) migrates with `--yes` and no flags; each printed
 * next step runs and gives its service its own values (sha256 compared); `--explain` names the
 * files; undo restores every file byte for byte; no value shows up in any output.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { beforeAll, describe, expect, it } from "vitest";
import { createServicesFixture, type Files } from "../fixtures/services/setup.js";
import { CLI, cliEnv, findLeaks, HASH_ENV, readTree, runCli, sha, tempDir } from "../helpers/cli.js";

/** What dotenv-flow / Next.js would give a folder: the layers of the root, then the folder's own. */
function expected(files: Files, dirs: string[], env: string): Record<string, string> {
  const names = [".env", ...(env === "test" ? [] : [".env.local"]), `.env.${env}`, `.env.${env}.local`];
  const out: Record<string, string> = {};
  for (const dir of dirs)
    for (const name of names) {
      const lines = files[dir ? `${dir}/${name}` : name];
      if (lines) Object.assign(out, parse(`${lines.join("\n")}\n`));
    }
  return out;
}

const lastJson = (text: string) =>
  JSON.parse(
    text
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .at(-1) ?? "{}",
  ) as Record<string, string>;

describe("a monorepo with layered env files: migrate, run each service, undo", () => {
  const root = tempDir("dotsecrets-monorepo-");
  const pristine = tempDir("dotsecrets-monorepo-pristine-");
  const bin = tempDir("dotsecrets-bin-");
  const env = cliEnv(tempDir("dotsecrets-home-"), { PATH: `${bin}:${process.env.PATH}` });
  const outputs: Array<[string, string]> = [];
  let files: Files = {};
  let planted: string[] = [];
  let migrateOut = "";

  beforeAll(() => {
    files = createServicesFixture(root);
    cpSync(root, pristine, { recursive: true });
    planted = Object.values(files).flatMap((lines) =>
      Object.entries(parse(`${lines.join("\n")}\n`))
        .filter(([key]) => !["LOG_LEVEL", "PORT", "MODEL"].includes(key))
        .map(([, value]) => value),
    );
    // `secrets` on PATH is the built CLI, so the printed commands run as a user would type them.
    writeFileSync(join(bin, "secrets"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, "secrets"), 0o755);
  });

  it("migrates with --yes and no flags", async () => {
    const result = await runCli(["migrate", "--yes"], { cwd: root, env, timeoutMs: 60_000 });
    outputs.push(["migrate", result.stdout + result.stderr]);
    migrateOut = result.stderr;
    expect(result.code, result.stderr).toBe(0);
    expect(findLeaks(planted, readTree(root))).toEqual([]);
    const config = JSON.parse(readFileSync(join(root, "dotsecrets.json"), "utf8"));
    expect(config.files).toEqual({
      ".env": { app: "acme", env: "development" },
      "services/api/.env": { app: "api", env: "development" },
      "services/api/.env.local": { app: "api", env: "development-local" },
      "services/api/.env.production": { app: "api", env: "production" },
      "services/ml/.env": { app: "ml-service", env: "development" },
      "services/worker/.env": { app: "worker", env: "development" },
    });
    expect(readFileSync(join(root, "services/api/.env.local"), "utf8")).toContain(
      "DATABASE_URL=secret://local/api/development-local/DATABASE_URL",
    );
    // .gitignore listed only .env.production.local: both local patterns are added.
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toMatch(
      /^\.env\.local$[\s\S]*^\.env\.\*\.local$/m,
    );
    // The progress and the summary count the same files.
    expect(result.stderr).toMatch(/stubs written: 6 file\(s\)/);
    expect(result.stderr).not.toMatch(/files stubbed: \d+\/(?!6\b)\d+/);
  });

  it("prints one working command per stub folder, and each gives its service its own values", async () => {
    const lines = migrateOut
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /secrets run /.test(line));
    expect(lines).toEqual([
      // The root package has no start script: a placeholder, not a command that would fail.
      "secrets run -- <your start command>",
      "cd services/api && secrets run -- npm start",
      "cd services/ml && secrets run -- python app.py",
      "cd services/worker && secrets run -- npm start",
    ]);
    const folders: Record<string, string[]> = {
      "services/api": ["", "services/api"],
      "services/ml": ["", "services/ml"],
      "services/worker": ["", "services/worker"],
    };
    for (const line of lines.slice(1)) {
      const dir = /^cd (\S+) &&/.exec(line)![1]!;
      const run = spawnSync("sh", ["-c", line], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
      outputs.push([line, run.stdout + run.stderr]);
      expect(run.status, run.stderr).toBe(0);
      const hashes = lastJson(run.stdout);
      const want = expected(files, folders[dir]!, "development");
      for (const [key, value] of Object.entries(want)) expect(hashes[key], `${dir} ${key}`).toBe(sha(value));
    }
    // The root's own command: root package.json has no start script here, so it runs the shared stub.
    const rootRun = await runCli(["run", "--", process.execPath, "-e", HASH_ENV], { cwd: root, env });
    expect(lastJson(rootRun.stdout).RABBITMQ_URL).toBe(sha(parse(files[".env"]!.join("\n")).RABBITMQ_URL!));
  });

  it("inventory agrees: stubbed keys are references, every file has its recorded scope", async () => {
    const result = await runCli(["inventory", "--json", "--no-usages"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as {
      files: Array<{ path: string; scope?: string }>;
      keys: Array<{ key: string; occurrences: Array<{ file: string; reason: string }> }>;
    };
    expect(data.files.find((f) => f.path === "services/api/.env.local")?.scope).toBe("api/development-local");
    const stripe = data.keys.find((k) => k.key === "STRIPE_SECRET_KEY")!;
    for (const o of stripe.occurrences)
      expect(o.reason, o.file).toMatch(/^reference \(migrated: local api\//);
  });

  it("applies the production layers from a service folder", async () => {
    const cwd = join(root, "services/api");
    const result = await runCli(["run", "--env", "production", "--", process.execPath, "-e", HASH_ENV], {
      cwd,
      env,
    });
    outputs.push(["run production", result.stdout + result.stderr]);
    expect(result.code, result.stderr).toBe(0);
    const hashes = lastJson(result.stdout);
    for (const [key, value] of Object.entries(expected(files, ["", "services/api"], "production")))
      expect(hashes[key], key).toBe(sha(value));
  });

  it("--explain names the file of every key, never a value", async () => {
    const cwd = join(root, "services/api");
    const text = await runCli(["run", "--explain"], { cwd, env });
    outputs.push(["explain", text.stdout + text.stderr]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /DATABASE_URL\s+\.env\.local:4\s+secret api\/development-local\/DATABASE_URL\s+over \.env/,
    );
    expect(text.stdout).toMatch(/LOG_LEVEL\s+\.\.\/\.\.\/\.env:4\s+plain/);
    const json = await runCli(["run", "--explain", "--json"], { cwd, env });
    const data = JSON.parse(json.stdout) as { files: string[]; keys: Array<{ key: string; file: string }> };
    expect(data.files).toEqual(["../../.env", ".env", ".env.local"]);
    expect(data.keys.find((row) => row.key === "RABBITMQ_URL")?.file).toBe(".env");
    outputs.push(["explain json", json.stdout + json.stderr]);
  });

  it("says once, by name, when the environment shadows a stub secret", async () => {
    const cwd = join(root, "services/worker");
    const shadowed = { ...env, REDIS_URL: "redis://elsewhere:6379" };
    const result = await runCli(["run", "--", process.execPath, "-e", "1"], { cwd, env: shadowed });
    outputs.push(["shadow", result.stdout + result.stderr]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.match(/REDIS_URL is already set in the environment/g)).toHaveLength(1);
    expect(result.stderr).toContain("--override");
  });

  it("undo restores every file byte for byte", async () => {
    const result = await runCli(["undo", "--yes", "--delete-remote"], { cwd: root, env });
    outputs.push(["undo", result.stdout + result.stderr]);
    expect(result.code, result.stderr).toBe(0);
    for (const [path, data] of readTree(pristine))
      expect(readFileSync(path.replace(pristine, root)).equals(data), path).toBe(true);
  });

  it("no output contained a value", () => {
    expect(planted.length).toBeGreaterThan(12);
    expect(findLeaks(planted, outputs)).toEqual([]);
  });
});
