/**
 * Migration-level faults through the built CLI against the emulators: with 30% throttling and 10%
 * server errors, KEYS keys (200 in the long run, `npm run test:crash`; 40 by default) migrate with every key verified; with every write failing, the
 * migration stops with a resumable error, no stub line refers to an unverified key, and a rerun
 * (faults cleared) resumes and finishes.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsEmulator, startAwsEmulator } from "../emulators/aws.js";
import { type GcpEmulator, startGcpEmulator } from "../emulators/gcp.js";
import { findLeaks, readTree, runCli, tempDir } from "../helpers/cli.js";
import { awsCliEnv, gcpCliEnv } from "../helpers/cloud-env.js";

/** Keys migrated under faults: 200 in the long run (DOTSECRETS_CRASH_CAMPAIGN=1), 40 by default. */
const KEYS = process.env.DOTSECRETS_CRASH_CAMPAIGN === "1" ? 200 : 40;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project whose .env holds `count` secrets; returns its root and values by key. */
function bigProject(count: number, config: object): { root: string; values: Map<string, string> } {
  const root = tempDir("dotsecrets-faults-");
  dirs.push(root);
  const values = new Map<string, string>();
  for (let i = 0; i < count; i++)
    values.set(`SERVICE_${String(i).padStart(3, "0")}_SECRET`, randomBytes(18).toString("base64url"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "big" }));
  writeFileSync(join(root, "dotsecrets.json"), JSON.stringify(config, null, 2));
  writeFileSync(join(root, ".env"), [...values].map(([k, v]) => `${k}=${v}\n`).join(""));
  return { root, values };
}

/** Every stub line that is a reference names a key the journal verified; returns the count of references. */
function checkStub(root: string, values: Map<string, string>, verified: (key: string) => boolean): number {
  const stub = parse(readFileSync(join(root, ".env")));
  let references = 0;
  for (const [key, value] of Object.entries(stub)) {
    if (value.startsWith("secret://")) {
      references++;
      expect(verified(key), `${key} is a reference but was not verified`).toBe(true);
    } else expect(value, key).toBe(values.get(key));
  }
  return references;
}

function journalOf(root: string): { written: Record<string, unknown>; state: string } {
  const dir = join(root, ".dotsecrets/migrations");
  const files = readTree(dir)
    .map(([path]) => path)
    .filter((path) => path.endsWith(".json"))
    .sort();
  return JSON.parse(readFileSync(files[files.length - 1]!, "utf8"));
}

describe("AWS: faults through the CLI", () => {
  let emu: AwsEmulator;
  beforeAll(async () => {
    emu = await startAwsEmulator({ seed: 7 });
  });
  afterAll(() => emu.close());

  it(`30% throttling and 10% 5xx: ${KEYS} keys, every key verified`, async () => {
    emu.reset();
    const { root, values } = bigProject(KEYS, {
      provider: "aws",
      providers: { aws: { region: emu.region } },
    });
    emu.faults.throttleRate = 0.3;
    emu.faults.serverErrorRate = 0.1;
    const env = awsCliEnv(tempDir("dotsecrets-home-"), emu.endpoint);
    const started = Date.now();
    const result = await runCli(["migrate", "--yes", "--include-config", "--no-agents", "--no-rewrite"], {
      cwd: root,
      env,
      timeoutMs: 120_000,
    });
    const ms = Date.now() - started;
    emu.faults.throttleRate = 0;
    emu.faults.serverErrorRate = 0;
    expect(result.code, result.stderr).toBe(0);
    const journal = journalOf(root);
    expect(journal.state).toBe("done");
    expect(Object.keys(journal.written)).toHaveLength(KEYS);
    expect(checkStub(root, values, (key) => `big/development/${key}` in journal.written)).toBe(KEYS);
    expect(
      findLeaks(
        [...values.values()],
        [
          ["stdout", result.stdout],
          ["stderr", result.stderr],
        ],
      ),
    ).toEqual([]);
    console.log(`aws faults: ${KEYS} keys in ${ms} ms, faulted answers ${JSON.stringify(emu.faulted)}`);
  }, 150_000);

  it("every write failing: a resumable stop, no unverified reference; the rerun finishes", async () => {
    emu.reset();
    const { root, values } = bigProject(20, {
      provider: "aws",
      providers: { aws: { region: emu.region, maxAttempts: 2 } },
    });
    const pristine = readFileSync(join(root, ".env"));
    emu.faults.ops = ["CreateSecret", "PutSecretValue"];
    emu.faults.serverErrorRate = 1;
    const env = awsCliEnv(tempDir("dotsecrets-home-"), emu.endpoint);
    const args = ["migrate", "--yes", "--include-config", "--no-agents"];
    const failed = await runCli(args, { cwd: root, env, timeoutMs: 120_000 });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("no secret could be written to the aws provider");
    expect(failed.stderr).toContain("run `secrets migrate` again: it resumes");
    expect(readFileSync(join(root, ".env")).equals(pristine)).toBe(true);
    expect(checkStub(root, values, () => false)).toBe(0);
    emu.faults.serverErrorRate = 0;
    emu.faults.ops = [];
    const rerun = await runCli(args, { cwd: root, env, timeoutMs: 60_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain("Resuming migration");
    const journal = journalOf(root);
    expect(checkStub(root, values, (key) => `big/development/${key}` in journal.written)).toBe(20);
  }, 150_000);
});

describe("GCP: faults through the CLI", () => {
  let emu: GcpEmulator;
  beforeAll(async () => {
    emu = await startGcpEmulator();
  });
  afterAll(() => emu.close());
  const config = {
    provider: "gcp",
    providers: {
      gcp: {
        project: "faults-project",
        writesPerMinute: 60_000,
        readsPerMinute: 60_000,
        // 40% of calls fail here: with the default 8 attempts a call fails for good with p = 0.4^8
        // (7e-4), so a 200-key run (~600 calls) failed one time in three; 20 attempts: 1e-8 per call.
        retry: { attempts: 20, baseDelayMs: 20, throttleDelayMs: 50, maxDelayMs: 400 },
      },
    },
  };

  it(`30% RESOURCE_EXHAUSTED and 10% UNAVAILABLE: ${KEYS} keys, every key verified`, async () => {
    emu.reset();
    const { root, values } = bigProject(KEYS, config);
    emu.faults.rates = { RESOURCE_EXHAUSTED: 0.3, UNAVAILABLE: 0.1 };
    const env = gcpCliEnv(tempDir("dotsecrets-home-"), emu.endpoint);
    const started = Date.now();
    const result = await runCli(["migrate", "--yes", "--include-config", "--no-agents", "--no-rewrite"], {
      cwd: root,
      env,
      timeoutMs: 120_000,
    });
    const ms = Date.now() - started;
    emu.faults.rates = {};
    expect(result.code, result.stderr).toBe(0);
    const journal = journalOf(root);
    expect(Object.keys(journal.written)).toHaveLength(KEYS);
    expect(checkStub(root, values, (key) => `big/development/${key}` in journal.written)).toBe(KEYS);
    console.log(`gcp faults: ${KEYS} keys in ${ms} ms, ${emu.totalCalls()} calls`);
  }, 150_000);

  it("every write failing: a resumable stop, no unverified reference", async () => {
    emu.reset();
    const { root, values } = bigProject(20, {
      ...config,
      providers: {
        gcp: {
          ...config.providers.gcp,
          retry: { attempts: 2, baseDelayMs: 10, throttleDelayMs: 10, maxDelayMs: 50 },
        },
      },
    });
    emu.faults.methods = ["CreateSecret", "AddSecretVersion"];
    emu.faults.rates = { UNAVAILABLE: 1 };
    const env = gcpCliEnv(tempDir("dotsecrets-home-"), emu.endpoint);
    const args = ["migrate", "--yes", "--include-config", "--no-agents"];
    const failed = await runCli(args, { cwd: root, env, timeoutMs: 120_000 });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("no secret could be written to the gcp provider");
    expect(checkStub(root, values, () => false)).toBe(0);
    emu.faults.rates = {};
    emu.faults.methods = undefined;
    const rerun = await runCli(args, { cwd: root, env, timeoutMs: 60_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    const journal = journalOf(root);
    expect(checkStub(root, values, (key) => `big/development/${key}` in journal.written)).toBe(20);
  }, 150_000);
});
