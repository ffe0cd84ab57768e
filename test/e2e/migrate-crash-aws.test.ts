/**
 * The crash test against the AWS provider (emulator in this process): `secrets migrate --provider
 * aws` killed with SIGKILL at a sample of step boundaries (the kill switch preloaded through
 * NODE_OPTIONS). After each kill every planted value is in its file or in AWS; the rerun ends as an
 * uninterrupted run does, and undo gives back the original bytes.
 */
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "dotenv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAwsProvider } from "../../providers/aws.js";
import { AWS_EMULATOR_CREDENTIALS, type AwsEmulator, startAwsEmulator } from "../emulators/aws.js";
import { readTree, runCli, tempDir } from "../helpers/cli.js";
import { awsCliEnv } from "../helpers/cloud-env.js";
import { createMigrationProject, type PlantedSecret } from "../helpers/fixture.js";

const ENV_OF: Record<string, string> = { ".env": "development", ".env.production": "production" };
const KILL_SWITCH = pathToFileURL(join(import.meta.dirname, "../helpers/kill-switch.mjs")).href;
/** Boundaries sampled: the first ones (plan, first write), then spread over the run. */
const SAMPLE =
  process.env.DOTSECRETS_CRASH_CAMPAIGN === "1" ? [1, 2, 3, 5, 8, 12, 17, 23, 30, 38] : [2, 8, 23];

describe("migrate --provider aws survives kill -9 (sampled boundaries)", () => {
  let emu: AwsEmulator;
  const pristine = tempDir("dotsecrets-crash-aws-pristine-");
  const dirs = [pristine];
  let planted: PlantedSecret[] = [];
  let expected: Map<string, string>;
  let migrate: string[];

  const snapshot = (root: string) =>
    new Map(
      readTree(root, (path) => path.includes(`${root}/.dotsecrets`)).map(([path, data]) => [
        path.slice(root.length),
        data.toString("base64"),
      ]),
    );
  const fresh = () => {
    emu.reset();
    const root = tempDir("dotsecrets-crash-aws-");
    cpSync(pristine, root, { recursive: true });
    const home = tempDir("dotsecrets-crash-aws-home-");
    dirs.push(root, home);
    return { root, env: awsCliEnv(home, emu.endpoint) };
  };

  async function assertRecoverable(root: string, label: string) {
    const provider = await openAwsProvider(
      { settings: {}, env: {} },
      {
        clientConfig: {
          endpoint: emu.endpoint,
          region: emu.region,
          credentials: { ...AWS_EMULATOR_CREDENTIALS },
        },
      },
    );
    try {
      const stored = await provider.getMany(
        planted.map((secret) => ({ name: `shop/${ENV_OF[secret.file]}/${secret.key}` })),
      );
      const files = new Map(Object.keys(ENV_OF).map((file) => [file, parse(readFileSync(join(root, file)))]));
      planted.forEach((secret, index) => {
        const result = stored[index];
        const ok =
          files.get(secret.file)?.[secret.key] === secret.value ||
          (result?.ok === true && result.value === secret.value);
        expect(ok, `${label}: ${secret.file} ${secret.key} is neither in its file nor in AWS`).toBe(true);
      });
    } finally {
      await provider.close?.();
    }
  }

  beforeAll(async () => {
    emu = await startAwsEmulator();
    migrate = ["migrate", "--provider", "aws", "--aws-region", emu.region, "--yes", "--batch-size", "1"];
    planted = createMigrationProject(pristine, 1);
    const { root, env } = fresh();
    const result = await runCli(migrate, { cwd: root, env, timeoutMs: 30_000 });
    expect(result.code, result.stderr).toBe(0);
    expected = snapshot(root);
  });
  afterAll(async () => {
    await emu.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("at sampled step boundaries", async () => {
    const killed: number[] = [];
    for (const at of SAMPLE) {
      const { root, env } = fresh();
      const killEnv = {
        ...env,
        NODE_OPTIONS: `--import=${KILL_SWITCH}`,
        DOTSECRETS_TEST_KILL_AT: String(at),
      };
      const run = await runCli(migrate, { cwd: root, env: killEnv, timeoutMs: 30_000 });
      if (run.signal !== "SIGKILL") {
        expect(run.code, run.stderr).toBe(0);
        break;
      }
      killed.push(at);
      await assertRecoverable(root, `boundary ${at}`);
      const rerun = await runCli(migrate, { cwd: root, env, timeoutMs: 30_000 });
      expect(rerun.code, `boundary ${at}: ${rerun.stderr}`).toBe(0);
      expect(snapshot(root), `boundary ${at}: differs from an uninterrupted run`).toEqual(expected);
      const undo = await runCli(["undo", "--yes"], { cwd: root, env, timeoutMs: 30_000 });
      expect(undo.code, undo.stderr).toBe(0);
      for (const [path, data] of readTree(pristine))
        expect(readFileSync(path.replace(pristine, root)).equals(data), `boundary ${at}: ${path}`).toBe(true);
    }
    console.log(`aws crash test: killed at boundaries ${killed.join(", ")}`);
    expect(killed.length).toBeGreaterThanOrEqual(SAMPLE.length - 2);
  }, 120_000);
});
