/**
 * From the local store to the cloud (issue 11 item 8): a project migrated to `local` moves with
 * `secrets migrate --provider aws|gcp`: references read from local, written to the cloud, verified,
 * stubs re-pointed under the new header, journaled; undo puts the local stubs back byte for byte.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsEmulator, startAwsEmulator } from "../emulators/aws.js";
import { type GcpEmulator, startGcpEmulator } from "../emulators/gcp.js";
import { findLeaks, HASH_ENV, readTree, runCli, sha, tempDir } from "../helpers/cli.js";
import { awsCliEnv, gcpCliEnv } from "../helpers/cloud-env.js";
import { createMigrationProject, type PlantedSecret } from "../helpers/fixture.js";

const ENV_OF: Record<string, string> = { ".env": "development", ".env.production": "production" };

let aws: AwsEmulator;
let gcp: GcpEmulator;
const dirs: string[] = [];
beforeAll(async () => {
  [aws, gcp] = await Promise.all([startAwsEmulator(), startGcpEmulator()]);
});
afterAll(async () => {
  await Promise.all([aws.close(), gcp.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const cases = [
  {
    kind: "aws",
    flags: () => ["--provider", "aws", "--aws-region", aws.region],
    env: (home: string) => awsCliEnv(home, aws.endpoint, { DOTSECRETS_HOME: home }),
    writes: () => (aws.calls.CreateSecret ?? 0) + (aws.calls.PutSecretValue ?? 0),
  },
  {
    kind: "gcp",
    flags: () => ["--provider", "gcp", "--gcp-project", "move-project"],
    env: (home: string) => gcpCliEnv(home, gcp.endpoint, { DOTSECRETS_HOME: home }),
    writes: () => gcp.calls.AddSecretVersion ?? 0,
  },
] as const;

describe.each(cases)("local → $kind", ({ kind, flags, env: envOf, writes }) => {
  const root = tempDir(`dotsecrets-move-${kind}-`);
  const home = tempDir("dotsecrets-move-home-");
  dirs.push(root, home);
  let env: NodeJS.ProcessEnv;
  let planted: PlantedSecret[] = [];
  let pristine: Map<string, Buffer>;
  let localStubs: Map<string, Buffer>;
  const outputs: Array<[string, string]> = [];
  const cli = async (label: string, args: string[]) => {
    const result = await runCli(args, { cwd: root, env, timeoutMs: 30_000 });
    outputs.push([label, result.stdout + result.stderr]);
    return result;
  };

  it("migrates to local first (the quick start)", async () => {
    env = envOf(home);
    planted = createMigrationProject(root, 2);
    pristine = new Map(readTree(root));
    const result = await cli("migrate local", ["migrate", "--yes", "--no-agents"]);
    expect(result.code, result.stderr).toBe(0);
    localStubs = new Map(readTree(root, (path) => path.includes(".dotsecrets")));
    expect(readFileSync(join(root, ".env"), "utf8")).toContain("secret://local/shop/development/");
  });

  it(`moves to ${kind}: read from local, written, verified, re-pointed`, async () => {
    const before = writes();
    const dry = await cli("dry-run", ["migrate", ...flags(), "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("re-pointed");
    expect(dry.stdout).toContain(`secret://${kind}/shop/`);
    const result = await cli("move", ["migrate", ...flags(), "--yes", "--no-agents"]);
    expect(result.code, result.stderr).toBe(0);
    expect(writes() - before).toBe(planted.length);
    for (const file of Object.keys(ENV_OF)) {
      const text = readFileSync(join(root, file), "utf8");
      expect(text, file).not.toContain("secret://local/");
      expect(text, file).toContain(`secret://${kind}/shop/${ENV_OF[file]}/`);
      expect(text.match(/Managed by dotsecrets/g), file).toHaveLength(1);
      expect(text, file).toContain(`the ${kind} provider`);
    }
    expect(JSON.parse(readFileSync(join(root, "dotsecrets.json"), "utf8")).provider).toBe(kind);
    expect(
      findLeaks(
        planted.map((p) => p.value),
        readTree(root),
      ),
    ).toEqual([]);
    for (const [file, env] of Object.entries(ENV_OF)) {
      const run = await cli(`run ${env}`, ["run", "--env", env, "--", process.execPath, "-e", HASH_ENV]);
      expect(run.code, run.stderr).toBe(0);
      const hashes = JSON.parse(run.stdout) as Record<string, string>;
      for (const secret of planted.filter((p) => p.file === file))
        expect(hashes[secret.key], secret.key).toBe(sha(secret.value));
    }
  });

  it("undo puts the local references back byte for byte", async () => {
    const undo = await cli("undo", ["undo", "--yes", "--delete-remote"]);
    expect(undo.code, undo.stderr).toBe(0);
    const now = new Map(readTree(root, (path) => path.includes(".dotsecrets")));
    expect([...now.keys()].map((p) => p.slice(root.length)).sort()).toEqual(
      [...localStubs.keys()].map((p) => p.slice(root.length)).sort(),
    );
    for (const [path, data] of localStubs) expect(now.get(path)?.equals(data), path).toBe(true);
    // The local store still has every value: the plaintext undo of the first migration works.
    const back = await cli("undo local", ["undo", "--yes"]);
    expect(back.code, back.stderr).toBe(0);
    for (const [path, data] of pristine) expect(readFileSync(path).equals(data), path).toBe(true);
  });

  it("no output contained a value", () => {
    expect(
      findLeaks(
        planted.map((p) => p.value),
        outputs,
      ),
    ).toEqual([]);
  });
});
