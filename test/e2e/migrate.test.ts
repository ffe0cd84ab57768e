/**
 * End to end on the built binary: migrate a project with many dotenv styles into the local
 * provider, run the app with the same values, undo byte for byte — never showing a value.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { beforeAll, describe, expect, it } from "vitest";
import { cliEnv, findLeaks, HASH_ENV, readTree, runCli, sha, tempDir } from "../helpers/cli.js";
import { createMigrationProject, type PlantedSecret } from "../helpers/fixture.js";

describe("secrets migrate → run → undo (local provider)", () => {
  const root = tempDir("dotsecrets-migrate-");
  const pristine = tempDir("dotsecrets-pristine-");
  const home = tempDir("dotsecrets-home-");
  const env = cliEnv(home);
  let planted: PlantedSecret[] = [];
  const outputs: Array<[string, string]> = [];
  const cli = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const result = await runCli(args, { cwd: root, env: { ...env, ...extra } });
    outputs.push(
      [`secrets ${args.join(" ")} stdout`, result.stdout],
      [`secrets ${args.join(" ")} stderr`, result.stderr],
    );
    return result;
  };
  const values = () => planted.map((secret) => secret.value);
  let before: Record<string, Record<string, string>>;

  beforeAll(async () => {
    planted = createMigrationProject(root, 3);
    cpSync(root, pristine, { recursive: true });
    before = {};
    for (const envName of ["development", "production"]) {
      const file = envName === "development" ? ".env" : ".env.production";
      const parsed = parse(readFileSync(join(root, file)));
      before[envName] = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, sha(v)]));
    }
  });

  it("--dry-run prints the plan and changes nothing", async () => {
    const result = await cli(["migrate", "--dry-run"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("secret://local/shop/development/STRIPE_SECRET_KEY");
    expect(result.stdout).toMatch(/PORT\s+keep/);
    for (const [path, data] of readTree(pristine))
      expect(readFileSync(path.replace(pristine, root))).toEqual(data);
    expect(existsSync(join(root, ".dotsecrets"))).toBe(false);
  });

  it("refuses without --yes when there is no terminal, changing nothing", async () => {
    const result = await cli(["migrate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--yes");
    expect(readFileSync(join(root, ".env"))).toEqual(readFileSync(join(pristine, ".env")));
    expect(existsSync(join(root, ".dotsecrets"))).toBe(false);
  });

  it("moves every secret and leaves no plaintext value in the project", async () => {
    const result = await cli(["migrate", "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("done");
    const tree = readTree(root);
    expect(findLeaks(values(), tree)).toEqual([]);
    const stub = readFileSync(join(root, ".env"), "utf8");
    expect(stub.startsWith("\uFEFF# Managed by dotsecrets")).toBe(true);
    expect(stub).toContain(
      'export STRIPE_SECRET_KEY="secret://local/shop/development/STRIPE_SECRET_KEY"   # test mode key',
    );
    expect(stub).toContain("PORT=3000\nNODE_ENV=development\n");
    expect(stub).toContain("LOG_LEVEL=debug # verbose locally");
    expect(readFileSync(join(root, ".env.production"), "utf8")).toContain("\r\nPORT=8080\r\n");
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toContain(".env.*.local");
    expect(JSON.parse(readFileSync(join(root, "dotsecrets.json"), "utf8"))).toMatchObject({
      provider: "local",
      app: "shop",
    });
  });

  it("gives the app the same values as before through secrets run", async () => {
    for (const envName of ["development", "production"]) {
      const result = await cli(["run", "--env", envName, "--", process.execPath, "-e", HASH_ENV]);
      expect(result.code, result.stderr).toBe(0);
      const after = JSON.parse(result.stdout) as Record<string, string>;
      for (const [key, hash] of Object.entries(before[envName]!))
        expect(after[key], `${envName} ${key}`).toBe(hash);
    }
  });

  it("a second run has nothing to do", async () => {
    const result = await cli(["migrate", "--yes"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Nothing to migrate");
  });

  it("refuses to undo an edited stub unless --force", async () => {
    const stub = readFileSync(join(root, ".env"));
    writeFileSync(join(root, ".env"), Buffer.concat([stub, Buffer.from("EXTRA=1\n")]));
    const refused = await cli(["undo", "--yes"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(".env");
    expect(readFileSync(join(root, ".env.production"), "utf8")).toContain("secret://");
    writeFileSync(join(root, ".env"), stub);
  });

  it("undo restores every file byte for byte", async () => {
    const result = await cli(["undo", "--yes", "--delete-remote"]);
    expect(result.code, result.stderr).toBe(0);
    for (const [path, data] of readTree(pristine)) {
      expect(readFileSync(path.replace(pristine, root)).equals(data), path).toBe(true);
    }
    expect(existsSync(join(root, "dotsecrets.json"))).toBe(false);
    const list = await cli(["list", "--all", "--json"]);
    expect(JSON.parse(list.stdout).secrets).toEqual([]);
  });

  it("never printed a value or wrote one outside the project files and the store", () => {
    expect(findLeaks(values(), outputs)).toEqual([]);
    expect(findLeaks(values(), readTree(join(root, ".dotsecrets")))).toEqual([]);
  });
});

describe("secrets migrate: bad input changes nothing", () => {
  it("rejects a value over the provider's limit and a conflicting existing secret, naming the key", async () => {
    const root = tempDir("dotsecrets-bad-");
    const env = cliEnv(tempDir("dotsecrets-home-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "shop" }));
    const big = `${"A1b2".repeat(17_000)}`;
    writeFileSync(join(root, ".env"), `HUGE_SECRET=${big}\nAPI_KEY=abc123def456ghi789\n`);
    const original = readFileSync(join(root, ".env"));
    const tooBig = await runCli(["migrate", "--yes"], { cwd: root, env });
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(/\.env:1 HUGE_SECRET: .*68000 bytes, over the local limit of 65536/);
    expect(readFileSync(join(root, ".env")).equals(original)).toBe(true);
    expect(
      findLeaks(
        [big],
        [
          ["stdout", tooBig.stdout],
          ["stderr", tooBig.stderr],
        ],
      ),
    ).toEqual([]);

    writeFileSync(join(root, ".env"), "API_KEY=abc123def456ghi789\n");
    await runCli(["set", "API_KEY", "--no-stub"], { cwd: root, env, input: "a-different-value" });
    const conflict = await runCli(["migrate", "--yes"], { cwd: root, env });
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain("shop/development/API_KEY already exists");
    expect(readFileSync(join(root, ".env"), "utf8")).toBe("API_KEY=abc123def456ghi789\n");
    const overwrite = await runCli(["migrate", "--yes", "--overwrite"], { cwd: root, env });
    expect(overwrite.code, overwrite.stderr).toBe(0);
  });

  it("a second migration at the same time is refused", async () => {
    const root = tempDir("dotsecrets-lock-");
    createMigrationProject(root);
    const env = cliEnv(tempDir("dotsecrets-home-"));
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(root, ".dotsecrets"), { recursive: true });
    const { hostname } = await import("node:os");
    // A live process (this test runner) holds the lock.
    writeFileSync(
      join(root, ".dotsecrets", "lock"),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        command: "migrate",
        startedAt: new Date().toISOString(),
      }),
    );
    const result = await runCli(["migrate", "--yes"], { cwd: root, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("already running");
    expect(readFileSync(join(root, ".env"), "utf8")).not.toContain("secret://");
  });
});
