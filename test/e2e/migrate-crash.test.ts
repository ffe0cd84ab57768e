/**
 * The crash test: `secrets migrate` is killed with SIGKILL at every step boundary (after every
 * journal save and file write, with one secret per batch so each write is a boundary), at random
 * moments, and twice in a row. After each kill, every planted value must be in its original file or
 * in the provider; the rerun must finish with the same files as an uninterrupted run, and undo must
 * give back the original bytes.
 */
import { spawn } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "dotenv";
import { beforeAll, describe, expect, it } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { CLI, type CliResult, cliEnv, readTree, runCli, tempDir } from "../helpers/cli.js";
import { createMigrationProject, type PlantedSecret } from "../helpers/fixture.js";

const ENV_OF: Record<string, string> = { ".env": "development", ".env.production": "production" };
const MIGRATE = ["migrate", "--yes", "--batch-size", "1"];
const KILL_SWITCH = pathToFileURL(join(import.meta.dirname, "../helpers/kill-switch.mjs")).href;

/** The CLI's environment with the kill switch preloaded: SIGKILL at the Nth step boundary. */
const killAt = (env: NodeJS.ProcessEnv, at: number): NodeJS.ProcessEnv => ({
  ...env,
  NODE_OPTIONS: `--import=${KILL_SWITCH}`,
  DOTSECRETS_TEST_KILL_AT: String(at),
});

/** Project files that define the outcome (the journal's own files differ by id and time). */
function snapshot(root: string): Map<string, string> {
  const files = readTree(root, (path) => path.includes(`${root}/.dotsecrets`));
  return new Map(files.map(([path, data]) => [path.slice(root.length), data.toString("base64")]));
}

async function assertRecoverable(
  root: string,
  home: string,
  planted: PlantedSecret[],
  label: string,
): Promise<void> {
  const provider = openLocalProvider({ settings: {}, env: { DOTSECRETS_HOME: home } });
  const names = planted.map((secret) => `shop/${ENV_OF[secret.file]}/${secret.key}`);
  const stored = await provider.getMany(names.map((name) => ({ name })));
  const files = new Map<string, Record<string, string>>();
  for (const file of Object.keys(ENV_OF)) files.set(file, parse(readFileSync(join(root, file))));
  planted.forEach((secret, index) => {
    const inFile = files.get(secret.file)?.[secret.key] === secret.value;
    const result = stored[index];
    const inProvider = result?.ok === true && result.value === secret.value;
    expect(
      inFile || inProvider,
      `${label}: ${secret.file} ${secret.key} is neither in its file nor in the provider`,
    ).toBe(true);
  });
}

function killAfter(root: string, env: NodeJS.ProcessEnv, delayMs: number): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...MIGRATE], { cwd: root, env, stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout: "", stderr: "" });
    });
  });
}

describe("migrate survives kill -9 at any point", () => {
  const pristine = tempDir("dotsecrets-crash-pristine-");
  let planted: PlantedSecret[] = [];
  let expected: Map<string, string>;
  let fullRunMs = 0;
  const points: string[] = [];

  const fresh = () => {
    const root = tempDir("dotsecrets-crash-");
    cpSync(pristine, root, { recursive: true });
    const home = tempDir("dotsecrets-crash-home-");
    return { root, home, env: cliEnv(home) };
  };

  /** Rerun to completion, compare with the uninterrupted outcome, then undo to the original bytes. */
  const finishAndCheck = async (root: string, env: NodeJS.ProcessEnv, label: string) => {
    const rerun = await runCli(MIGRATE, { cwd: root, env });
    expect(rerun.code, `${label}: rerun failed: ${rerun.stderr}`).toBe(0);
    expect(snapshot(root), `${label}: final state differs from an uninterrupted run`).toEqual(expected);
    const undo = await runCli(["undo", "--yes"], { cwd: root, env });
    expect(undo.code, `${label}: undo failed: ${undo.stderr}`).toBe(0);
    for (const [path, data] of readTree(pristine)) {
      expect(readFileSync(path.replace(pristine, root)).equals(data), `${label}: ${path} not restored`).toBe(
        true,
      );
    }
  };

  beforeAll(async () => {
    planted = createMigrationProject(pristine, 3);
    const { root, env } = fresh();
    const started = Date.now();
    const result = await runCli(MIGRATE, { cwd: root, env });
    fullRunMs = Date.now() - started;
    expect(result.code, result.stderr).toBe(0);
    expected = snapshot(root);
  });

  it("at every step boundary", async () => {
    for (let at = 1; at < 200; at++) {
      const { root, home, env } = fresh();
      const killed = await runCli(MIGRATE, {
        cwd: root,
        env: killAt(env, at),
      });
      if (killed.signal !== "SIGKILL") {
        expect(killed.code, killed.stderr).toBe(0); // past the last boundary: the run completed
        break;
      }
      points.push(`boundary ${at}`);
      await assertRecoverable(root, home, planted, `boundary ${at}`);
      await finishAndCheck(root, env, `boundary ${at}`);
    }
    expect(points.length).toBeGreaterThanOrEqual(20);
  }, 240_000);

  it("twice in a row (the resumed run is killed too)", async () => {
    for (const [first, second] of [
      [3, 2],
      [8, 5],
      [15, 1],
      [21, 3],
    ] as const) {
      const { root, home, env } = fresh();
      const a = await runCli(MIGRATE, { cwd: root, env: killAt(env, first) });
      expect(a.signal).toBe("SIGKILL");
      const b = await runCli(MIGRATE, {
        cwd: root,
        env: killAt(env, second),
      });
      expect(b.signal).toBe("SIGKILL");
      points.push(`double ${first}+${second}`);
      await assertRecoverable(root, home, planted, `double ${first}+${second}`);
      await finishAndCheck(root, env, `double ${first}+${second}`);
    }
  }, 120_000);

  it("at random moments", async () => {
    for (let i = 0; i < 10; i++) {
      const { root, home, env } = fresh();
      const delay = Math.floor(Math.random() * fullRunMs);
      await killAfter(root, env, delay);
      points.push(`random ${delay}ms`);
      await assertRecoverable(root, home, planted, `random kill at ${delay}ms`);
      await finishAndCheck(root, env, `random kill at ${delay}ms`);
    }
    // The count of kill points, for the record (bench-style figure, not an assertion on time).
    console.log(
      `crash test: ${points.length} kill points (${points.filter((p) => p.startsWith("boundary")).length} boundaries, full run ${fullRunMs} ms)`,
    );
  }, 120_000);
});
