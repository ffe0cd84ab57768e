/**
 * The crash test: `secrets migrate` (the built binary) is killed with SIGKILL at every step
 * boundary (after every journal save and file write, with one secret per batch so each write is a
 * boundary), at random moments, and twice in a row. After each kill, every planted value must be in
 * its original file or in the provider; the rerun must finish with the same files as an
 * uninterrupted run, and undo must give back the original bytes. The kill is a real process kill;
 * the rerun and undo run in-process (the same code, without two more Node start-ups per point).
 *
 * The default run covers every boundary, four double kills and a seeded sample of random moments;
 * `npm run test:crash` (DOTSECRETS_CRASH_CAMPAIGN=1) adds a long campaign of random kill times.
 */
import { spawn } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { parse } from "dotenv";
import { beforeAll, describe, expect, it } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { main } from "../../src/main.js";
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

/** A small seeded generator (mulberry32), so the default run's random kill times repeat. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the CLI's code in this process (the same main() the binary runs). */
async function inProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = "";
  stdout.resume();
  stderr.on("data", (chunk) => (err += chunk));
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(args, { cwd, env, stdin, stdout, stderr });
  return { code, stderr: err };
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
    const rerun = await inProcess(MIGRATE, root, env);
    expect(rerun.code, `${label}: rerun failed: ${rerun.stderr}`).toBe(0);
    expect(snapshot(root), `${label}: final state differs from an uninterrupted run`).toEqual(expected);
    const undo = await inProcess(["undo", "--yes"], root, env);
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
    // Boundaries are independent projects: two at a time, until one runs past the last boundary.
    let last = Number.POSITIVE_INFINITY;
    const one = async (at: number) => {
      const { root, home, env } = fresh();
      const killed = await runCli(MIGRATE, { cwd: root, env: killAt(env, at) });
      if (killed.signal !== "SIGKILL") {
        expect(killed.code, killed.stderr).toBe(0); // past the last boundary: the run completed
        last = Math.min(last, at);
        return;
      }
      points.push(`boundary ${at}`);
      await assertRecoverable(root, home, planted, `boundary ${at}`);
      await finishAndCheck(root, env, `boundary ${at}`);
    };
    for (let at = 1; at < last && at < 400; at += 2) await Promise.all([one(at), one(at + 1)]);
    expect(points.length).toBeGreaterThanOrEqual(20);
    expect(points.length).toBe(last - 1);
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
    const campaign = process.env.DOTSECRETS_CRASH_CAMPAIGN === "1";
    const random = seeded(campaign ? Date.now() : 20261201);
    for (let i = 0; i < (campaign ? 40 : 3); i++) {
      const { root, home, env } = fresh();
      const delay = Math.floor(random() * fullRunMs);
      await killAfter(root, env, delay);
      points.push(`random ${delay}ms`);
      await assertRecoverable(root, home, planted, `random kill at ${delay}ms`);
      await finishAndCheck(root, env, `random kill at ${delay}ms`);
    }
    // The count of kill points, for the record (bench-style figure, not an assertion on time).
    console.log(
      `crash test: ${points.length} kill points (${points.filter((p) => p.startsWith("boundary")).length} boundaries, full run ${fullRunMs} ms)`,
    );
  }, 900_000);
});
