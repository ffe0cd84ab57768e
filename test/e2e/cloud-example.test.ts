/**
 * The example project's journey on the built binary against the AWS and GCP emulators (started in
 * this process, reached by endpoint variables): migrate, run (one batch read on AWS), get, list,
 * undo --delete-remote, migrate again — and no planted value in any output.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "dotenv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsEmulator, startAwsEmulator } from "../emulators/aws.js";
import { type GcpEmulator, startGcpEmulator } from "../emulators/gcp.js";
import { findLeaks, HASH_ENV, readTree, runCli, sha, tempDir } from "../helpers/cli.js";
import { awsCliEnv, gcpCliEnv } from "../helpers/cloud-env.js";

const repo = resolve(import.meta.dirname, "../..");
const APP = "dotsecrets-example-node-app";
const SECRET_KEYS = ["DATABASE_URL", "STRIPE_SECRET_KEY", "JWT_SECRET", "GITHUB_TOKEN", "SMTP_PASSWORD"];

/** A copy of examples/node-app with fresh values; returns its root, a pristine copy and the values. */
function exampleProject() {
  const app = tempDir("dotsecrets-cloud-example-");
  const pristine = tempDir("dotsecrets-cloud-pristine-");
  cpSync(join(repo, "examples/node-app"), app, {
    recursive: true,
    filter: (path) => !/\/\.env(\.production)?$/.test(path) && !path.includes(".dotsecrets"),
  });
  const setup = spawnSync(process.execPath, ["setup.mjs", "--force"], { cwd: app, encoding: "utf8" });
  expect(setup.status, setup.stderr).toBe(0);
  cpSync(app, pristine, { recursive: true });
  mkdirSync(join(app, "node_modules"));
  symlinkSync(join(repo, "node_modules", "dotenv"), join(app, "node_modules", "dotenv"));
  symlinkSync(repo, join(app, "node_modules", "dotsecrets"));
  const planted: string[] = [];
  for (const file of [".env", ".env.production"]) {
    const values = parse(readFileSync(join(app, file)));
    for (const key of SECRET_KEYS) planted.push(values[key]!);
  }
  return { app, pristine, planted };
}

function expectRestored(app: string, pristine: string) {
  for (const [path, data] of readTree(pristine))
    expect(readFileSync(path.replace(pristine, app)).equals(data), path).toBe(true);
}

describe("examples/node-app on AWS (emulator)", () => {
  let emu: AwsEmulator;
  let project: ReturnType<typeof exampleProject>;
  let env: NodeJS.ProcessEnv;
  const outputs: Array<[string, string]> = [];
  const cli = async (label: string, args: string[]) => {
    const result = await runCli(args, { cwd: project.app, env, timeoutMs: 30_000 });
    outputs.push([label, result.stdout + result.stderr]);
    return result;
  };

  beforeAll(async () => {
    emu = await startAwsEmulator();
    project = exampleProject();
    env = awsCliEnv(tempDir("dotsecrets-home-"), emu.endpoint);
  });
  afterAll(async () => {
    await emu.close();
    rmSync(project.app, { recursive: true, force: true });
    rmSync(project.pristine, { recursive: true, force: true });
  });

  it("dry run shows the monthly cost of both layouts", async () => {
    const result = await cli("dry-run", [
      "migrate",
      "--provider",
      "aws",
      "--aws-region",
      emu.region,
      "--dry-run",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Monthly cost at aws for 5 key\(s\) in 2 environment\(s\)/);
    expect(result.stdout).toMatch(/\* per-key\s+10 secret\(s\)\s+USD 4\.00\/month/);
    expect(result.stdout).toMatch(/bundle\s+2 secret\(s\)\s+USD 0\.80\/month/);
    expect(result.stdout).toContain("Prices as of 2026-12-01");
    const json = await cli("dry-run json", [
      "migrate",
      "--provider",
      "aws",
      "--aws-region",
      emu.region,
      "--dry-run",
      "--json",
    ]);
    const costs = JSON.parse(json.stdout).costs;
    expect(costs.perKey).toMatchObject({ secrets: 10, monthly: 4 });
    expect(costs.bundle).toMatchObject({ secrets: 2, monthly: 0.8 });
    expect(emu.calls.CreateSecret ?? 0).toBe(0);
  });

  it("migrates, records the region, and runs with one BatchGetSecretValue", async () => {
    const result = await cli("migrate", [
      "migrate",
      "--provider",
      "aws",
      "--aws-region",
      emu.region,
      "--yes",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(findLeaks(project.planted, readTree(project.app))).toEqual([]);
    expect(readFileSync(join(project.app, ".env"), "utf8")).toContain(
      `STRIPE_SECRET_KEY=secret://aws/${APP}/development/STRIPE_SECRET_KEY`,
    );
    const config = JSON.parse(readFileSync(join(project.app, "dotsecrets.json"), "utf8"));
    expect(config).toMatchObject({ provider: "aws", providers: { aws: { region: emu.region } } });
    expect(emu.calls.CreateSecret).toBe(10);

    const calls = { ...emu.calls };
    const run = await cli("run", ["run", "--", process.execPath, "-e", HASH_ENV]);
    expect(run.code, run.stderr).toBe(0);
    expect((emu.calls.BatchGetSecretValue ?? 0) - (calls.BatchGetSecretValue ?? 0)).toBe(1);
    expect((emu.calls.GetSecretValue ?? 0) - (calls.GetSecretValue ?? 0)).toBe(0);
    const hashes = JSON.parse(run.stdout) as Record<string, string>;
    const expected = parse(readFileSync(join(project.pristine, ".env")));
    for (const [key, value] of Object.entries(expected)) expect(hashes[key], key).toBe(sha(value));
  });

  it("get and list", async () => {
    const get = await runCli(["get", "JWT_SECRET", "--env", "production"], { cwd: project.app, env });
    expect(get.code, get.stderr).toBe(0);
    expect(sha(get.stdout.replace(/\n$/, ""))).toBe(
      sha(parse(readFileSync(join(project.pristine, ".env.production"))).JWT_SECRET!),
    );
    outputs.push(["get stderr", get.stderr]);
    const list = await cli("list", ["list", "--all"]);
    expect(list.code, list.stderr).toBe(0);
    for (const key of SECRET_KEYS) expect(list.stdout).toContain(`${APP}/production/${key}`);
  });

  it("a reference exported into AWS_* is never a credential, and the command says so", async () => {
    const stubbed = { ...env, AWS_SESSION_TOKEN: `secret://aws/${APP}/development/GITHUB_TOKEN` };
    const list = await runCli(["list"], { cwd: project.app, env: stubbed });
    outputs.push(["list with a reference in AWS_SESSION_TOKEN", list.stdout + list.stderr]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toContain("notice: ignored AWS_SESSION_TOKEN for AWS");
  });

  it("undo --delete-remote schedules deletion and says when the secrets go", async () => {
    const undo = await cli("undo", ["undo", "--yes", "--delete-remote", "--recovery-days", "7"]);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stderr).toMatch(/scheduled 10 secret\(s\) for deletion in aws: they go on \d{4}-\d{2}-\d{2}/);
    expectRestored(project.app, project.pristine);
  });

  it("migrating again while the names are scheduled for deletion restores them, then writes", async () => {
    const again = await cli("migrate again", [
      "migrate",
      "--provider",
      "aws",
      "--aws-region",
      emu.region,
      "--yes",
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(emu.calls.RestoreSecret ?? 0).toBe(10);
    const run = await cli("run again", [
      "run",
      "--env",
      "production",
      "--",
      process.execPath,
      "-e",
      HASH_ENV,
    ]);
    const hashes = JSON.parse(run.stdout) as Record<string, string>;
    const expected = parse(readFileSync(join(project.pristine, ".env.production")));
    for (const key of SECRET_KEYS) expect(hashes[key], key).toBe(sha(expected[key]!));
  });

  it("when RestoreSecret is refused, the migration fails naming the reason and the fix", async () => {
    const undo = await cli("undo 2", ["undo", "--yes", "--delete-remote"]);
    expect(undo.code, undo.stderr).toBe(0);
    emu.faults.denied = ["RestoreSecret"];
    const again = await cli("migrate denied", [
      "migrate",
      "--provider",
      "aws",
      "--aws-region",
      emu.region,
      "--yes",
    ]);
    emu.faults.denied = [];
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("scheduled for deletion");
    expect(again.stderr).toContain("aws secretsmanager restore-secret --secret-id");
    // Nothing unverified was stubbed: the files are still the plaintext originals.
    expectRestored(project.app, project.pristine);
    const resumed = await cli("migrate resumed", [
      "migrate",
      "--provider",
      "aws",
      "--aws-region",
      emu.region,
      "--yes",
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
  });

  it("undo --delete-remote --force-delete deletes without recovery", async () => {
    const undo = await cli("undo force", ["undo", "--yes", "--delete-remote", "--force-delete"]);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stderr).toMatch(/deleted 10 secret\(s\) from aws[.]/);
    expectRestored(project.app, project.pristine);
  });

  it("no output contained a value", () => {
    expect(project.planted).toHaveLength(10);
    expect(findLeaks(project.planted, outputs)).toEqual([]);
  });
});

describe("examples/node-app on GCP (emulator)", () => {
  let emu: GcpEmulator;
  let project: ReturnType<typeof exampleProject>;
  let env: NodeJS.ProcessEnv;
  const outputs: Array<[string, string]> = [];
  const cli = async (label: string, args: string[]) => {
    const result = await runCli(args, { cwd: project.app, env, timeoutMs: 30_000 });
    outputs.push([label, result.stdout + result.stderr]);
    return result;
  };
  const MIGRATE = ["migrate", "--provider", "gcp", "--gcp-project", "demo-project", "--yes"];

  beforeAll(async () => {
    emu = await startGcpEmulator();
    project = exampleProject();
    env = gcpCliEnv(tempDir("dotsecrets-home-"), emu.endpoint);
  });
  afterAll(async () => {
    await emu.close();
    rmSync(project.app, { recursive: true, force: true });
    rmSync(project.pristine, { recursive: true, force: true });
  });

  it("migrates with the project recorded, and runs", async () => {
    const dry = await cli("dry-run", [...MIGRATE, "--dry-run"]);
    expect(dry.stdout).toMatch(/\* per-key\s+10 secret\(s\)\s+USD 0\.60\/month/);
    const result = await cli("migrate", MIGRATE);
    expect(result.code, result.stderr).toBe(0);
    expect(findLeaks(project.planted, readTree(project.app))).toEqual([]);
    const config = JSON.parse(readFileSync(join(project.app, "dotsecrets.json"), "utf8"));
    expect(config).toMatchObject({ provider: "gcp", providers: { gcp: { project: "demo-project" } } });
    const run = await cli("run", ["run", "--env", "production", "--", process.execPath, "-e", HASH_ENV]);
    expect(run.code, run.stderr).toBe(0);
    const hashes = JSON.parse(run.stdout) as Record<string, string>;
    const expected = parse(readFileSync(join(project.pristine, ".env.production")));
    for (const [key, value] of Object.entries(expected)) expect(hashes[key], key).toBe(sha(value));
  });

  it("get, list, policy", async () => {
    const get = await runCli(["get", "GITHUB_TOKEN"], { cwd: project.app, env });
    expect(get.code, get.stderr).toBe(0);
    expect(sha(get.stdout.replace(/\n$/, ""))).toBe(
      sha(parse(readFileSync(join(project.pristine, ".env"))).GITHUB_TOKEN!),
    );
    const list = await cli("list", ["list", "--all"]);
    expect(list.code, list.stderr).toBe(0);
    for (const key of SECRET_KEYS) expect(list.stdout).toContain(`${APP}/development/${key}`);
    const policy = await cli("policy", ["policy", "--env", "production"]);
    expect(policy.code, policy.stderr).toBe(0);
    expect(policy.stdout).toContain("roles/secretmanager.secretAccessor");
    expect(policy.stdout).toContain("gcloud projects add-iam-policy-binding demo-project");
  });

  it("undo --disable-versions keeps the secrets and disables what the migration added", async () => {
    const undo = await cli("undo disable", ["undo", "--yes", "--disable-versions"]);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stderr).toContain("disabled 10 version(s) in gcp");
    expectRestored(project.app, project.pristine);
    expect(emu.calls.DisableSecretVersion).toBe(10);
  });

  it("migrates again, then undo --delete-remote deletes the secrets it created", async () => {
    const again = await cli("migrate again", MIGRATE);
    expect(again.code, again.stderr).toBe(0);
    const run = await cli("run again", ["run", "--", process.execPath, "-e", HASH_ENV]);
    const hashes = JSON.parse(run.stdout) as Record<string, string>;
    const expected = parse(readFileSync(join(project.pristine, ".env")));
    for (const key of SECRET_KEYS) expect(hashes[key], key).toBe(sha(expected[key]!));
    const undo = await cli("undo delete", ["undo", "--yes", "--delete-remote"]);
    expect(undo.code, undo.stderr).toBe(0);
    expectRestored(project.app, project.pristine);
    const third = await cli("migrate third", MIGRATE);
    expect(third.code, third.stderr).toBe(0);
  });

  it("no output contained a value", () => {
    expect(findLeaks(project.planted, outputs)).toEqual([]);
  });
});
