/**
 * End to end on the built binary (`npm run build` first): after a migration the project checks
 * clean; a migrated value pasted into a source file exits 1 with file:line and no value; offline,
 * the saved fingerprints find it; a value committed in an old commit is found by --history with
 * that commit and the key to rotate; --staged blocks `git commit` through the installed hook.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, cliEnv, findLeaks, runCli, tempDir } from "../helpers/cli.js";
import { createMigrationProject, type PlantedSecret } from "../helpers/fixture.js";
import { gitIn } from "../helpers/git.js";

describe("secrets check (built binary)", () => {
  const root = tempDir("dotsecrets-check-e2e-");
  const home = tempDir("dotsecrets-check-home-");
  const bin = tempDir("dotsecrets-check-bin-");
  const env = { ...cliEnv(home), PATH: `${bin}:${process.env.PATH}` };
  let planted: PlantedSecret[] = [];
  const outputs: Array<[string, string]> = [];
  const cli = async (args: string[], input?: string) => {
    const result = await runCli(args, {
      cwd: root,
      env,
      timeoutMs: 60_000,
      ...(input !== undefined && { input }),
    });
    outputs.push([`${args.join(" ")} stdout`, result.stdout], [`${args.join(" ")} stderr`, result.stderr]);
    return result;
  };
  const git = gitIn(root, env);
  const secret = (key: string) => planted.find((p) => p.key === key)!.value;

  beforeAll(async () => {
    planted = createMigrationProject(root, 0);
    writeFileSync(join(bin, "secrets"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, "secrets"), 0o755);
    git("init", "-q");
    const migrated = await cli(["migrate", "--yes"]);
    expect(migrated.code, migrated.stderr).toBe(0);
    git("add", "-A");
    git("commit", "-qm", "migrated");
  }, 120_000);
  afterAll(() => {
    for (const dir of [root, home, bin]) rmSync(dir, { recursive: true, force: true });
  });

  it("exits 0 on the migrated project (stubs only)", async () => {
    const result = await cli(["check"]);
    expect(result.stdout).toBe("");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/No plaintext secret found.*migrated value\(s\) fetched from the provider/);
  });

  it("exits 1 with file:line and no value when a migrated value is pasted into a source file", async () => {
    writeFileSync(
      join(root, "src", "pasted.js"),
      `// debugging\nconst token = '${secret("GITHUB_TOKEN")}';\nconst b = "${Buffer.from(secret("JWT_SECRET")).toString("base64")}";\n`,
    );
    const result = await cli(["check"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^src\/pasted\.js:2:16\s+exact-value\s+GITHUB_TOKEN\s+\S*…\(\d+\)$/m);
    expect(result.stdout).toMatch(/^src\/pasted\.js:3:\d+\s+exact-value\s+JWT_SECRET .*\[base64\]/m);
    const json = await cli(["check", "--json"]);
    expect(JSON.parse(json.stdout).findings).toHaveLength(2);
    const sarif = await cli(["check", "--format", "sarif"]);
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(2);
  });

  it("finds it offline through the fingerprints saved outside the repository", async () => {
    const result = await cli(["check", "--offline"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("src/pasted.js:2:16");
    expect(result.stderr).toMatch(/by saved fingerprints/);
    expect(existsSync(join(home, "check"))).toBe(true);
  });

  it("accepts findings through a baseline of fingerprints", async () => {
    expect((await cli(["check", "--write-baseline", "check-baseline.json"])).code).toBe(0);
    const result = await cli(["check", "--baseline", "check-baseline.json"]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stderr).toContain("2 in the baseline");
    rmSync(join(root, "check-baseline.json"));
  });

  it("--history finds a value committed in an old commit, with the commit and the key to rotate", async () => {
    git("add", "src/pasted.js");
    git("commit", "-qm", "debugging", "--no-verify");
    const leaked = git("rev-parse", "HEAD").trim();
    rmSync(join(root, "src", "pasted.js"));
    git("commit", "-qam", "remove debugging");
    expect((await cli(["check"])).code).toBe(0);
    const result = await cli(["check", "--history"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`^src/pasted\\.js:2:16\\s+exact-value\\s+GITHUB_TOKEN.*commit ${leaked.slice(0, 12)}`, "m"),
    );
    expect(result.stderr).toMatch(
      /GITHUB_TOKEN\s+secrets set GITHUB_TOKEN --env development --provider local/,
    );
    const json = JSON.parse((await cli(["check", "--history", "--json"])).stdout);
    expect(json.findings[0].commit).toBe(leaked);
  });

  it("--staged blocks git commit through the installed pre-commit hook", async () => {
    writeFileSync(join(root, ".git", "hooks", "pre-commit"), "#!/bin/sh\ntouch .git/existing-hook-ran\n");
    chmodSync(join(root, ".git", "hooks", "pre-commit"), 0o755);
    expect((await cli(["hook", "install"])).code).toBe(0);
    expect((await cli(["hook", "install"])).stderr).toContain("nothing changed");
    mkdirSync(join(root, "config"), { recursive: true });
    writeFileSync(
      join(root, "config", "prod.json"),
      `{"stripe": ${JSON.stringify(secret("STRIPE_SECRET_KEY"))}}\n`,
    );
    git("add", "config/prod.json");
    let failure: { status: number; stdout: string; stderr: string } | undefined;
    try {
      git("commit", "-qm", "config");
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure?.status).toBe(1);
    // git sends a hook's output to stderr.
    expect(failure!.stdout + failure!.stderr).toMatch(
      /config\/prod\.json:1:\d+\s+exact-value\s+STRIPE_SECRET_KEY/,
    );
    outputs.push(["hook stdout", failure!.stdout], ["hook stderr", failure!.stderr]);
    writeFileSync(
      join(root, "config", "prod.json"),
      `{"stripe": "secret://local/shop/development/STRIPE_SECRET_KEY"}\n`,
    );
    git("add", "config/prod.json");
    git("commit", "-qm", "config");
    expect(existsSync(join(root, ".git", "existing-hook-ran"))).toBe(true);
    expect((await cli(["hook", "uninstall"])).code).toBe(0);
    expect(readFileSync(join(root, ".git", "hooks", "pre-commit"), "utf8")).toBe(
      "#!/bin/sh\ntouch .git/existing-hook-ran\n",
    );
  });

  it("--stdin scans piped text", async () => {
    const result = await cli(["check", "--stdin"], `log line ${secret("DATABASE_URL")}\n`);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^<stdin>:1:10\s+exact-value\s+DATABASE_URL/m);
  });

  it("never printed a value", () => {
    expect(
      findLeaks(
        planted.map((p) => p.value),
        outputs,
      ),
    ).toEqual([]);
  });
});
