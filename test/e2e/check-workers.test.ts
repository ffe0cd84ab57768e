/**
 * `secrets check` on worker threads (built binary): on a tree large enough for a worker to take
 * part (~100 MB), `--workers 2` reports exactly what one thread reports — rule findings and the
 * migrated values in raw and encoded forms, whose index the worker receives compiled from the
 * main thread — and no output holds a value. In `npm run test:slow` (it writes 100 MB).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, findLeaks, runCli, tempDir } from "../helpers/cli.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";
import { createMigrationProject, type PlantedSecret } from "../helpers/fixture.js";
import { gitIn } from "../helpers/git.js";

const FILES = 2500;
const LINES_PER_FILE = 600;

describe("secrets check on worker threads (built binary)", () => {
  const root = tempDir("dotsecrets-check-workers-");
  const home = tempDir("dotsecrets-check-workers-home-");
  const env = cliEnv(home);
  let planted: PlantedSecret[] = [];
  const outputs: Array<[string, string]> = [];
  const cli = async (args: string[]) => {
    const result = await runCli(args, { cwd: root, env, timeoutMs: 120_000 });
    outputs.push([`${args.join(" ")} stdout`, result.stdout], [`${args.join(" ")} stderr`, result.stderr]);
    return result;
  };

  beforeAll(async () => {
    planted = createMigrationProject(root, 0);
    expect((await cli(["migrate", "--yes"])).code).toBe(0);
    const value = (key: string) => planted.find((p) => p.key === key)!.value;
    const filler = Array.from(
      { length: LINES_PER_FILE },
      (_, i) => `  const item${i} = compute(${i}, "${randomBytes(6).toString("hex")}");`,
    ).join("\n");
    // Secrets spread over the tree, so whichever thread scans a file, some of them are its.
    const planted_: string[] = [
      `const t = "${value("GITHUB_TOKEN")}";`,
      `const b = "${Buffer.from(value("JWT_SECRET")).toString("base64")}";`,
      `const u = "https://h.example/?s=${encodeURIComponent(value("SESSION_SECRET"))}";`,
      `const k = "${PREFIX.stripeLive}${randomAlnum(24)}";`,
    ];
    for (let f = 0; f < FILES; f++) {
      const dir = join(root, "gen", `d${f % 40}`);
      mkdirSync(dir, { recursive: true });
      const extra = f % 97 === 0 ? `\n${planted_[(f / 97) % planted_.length]}\n` : "\n";
      // The last line makes every file a blob of its own (for the history test).
      writeFileSync(join(dir, `f${f}.js`), `${filler}${extra}// f${f}\n`);
    }
  }, 180_000);
  afterAll(() => {
    for (const dir of [root, home]) rmSync(dir, { recursive: true, force: true });
  });

  it("--workers 2 finds exactly what one thread finds, and a worker takes part", async () => {
    const one = await cli(["check", "--json", "--workers", "1"]);
    const two = await cli(["check", "--json", "--workers", "2"]);
    expect(one.code, one.stderr).toBe(1);
    expect(two.code, two.stderr).toBe(1);
    const [a, b] = [JSON.parse(one.stdout), JSON.parse(two.stdout)];
    expect(a.stats.workers).toBe(0);
    expect(b.stats.workers).toBe(1);
    expect(b.findings).toEqual(a.findings);
    const kinds = new Set(
      a.findings.map((f: { rule: string; encoding?: string }) => `${f.rule}:${f.encoding ?? ""}`),
    );
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        "exact-value:raw",
        "exact-value:base64",
        "exact-value:url",
        "stripe-secret-key:",
      ]),
    );
    expect(a.findings.length).toBeGreaterThanOrEqual(Math.floor(FILES / 97));
  }, 120_000);

  it("--history on two threads finds exactly what one thread finds (blobs copied out of git's output)", async () => {
    const git = gitIn(root);
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "all");
    const one = await cli(["check", "--history", "--json", "--workers", "1"]);
    const two = await cli(["check", "--history", "--json", "--workers", "2"]);
    expect(one.code, one.stderr).toBe(1);
    expect(two.code, two.stderr).toBe(1);
    const [a, b] = [JSON.parse(one.stdout), JSON.parse(two.stdout)];
    expect(b.stats.workers).toBe(1);
    expect(b.findings).toEqual(a.findings);
    const rules = new Set(a.findings.map((f: { rule: string }) => f.rule));
    expect([...rules]).toEqual(expect.arrayContaining(["exact-value", "stripe-secret-key"]));
  }, 120_000);

  it("prints no value in any output", () => {
    expect(
      findLeaks(
        planted.map((p) => p.value),
        outputs,
      ),
    ).toEqual([]);
  });
});
