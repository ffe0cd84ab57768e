/**
 * The interactive paths under a real pseudo-terminal (Python's pty module drives the built
 * binary): the hidden prompt of `secrets set`, migrate's confirmation, and Ctrl-C → exit 130.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, cliEnv, findLeaks, runCli, tempDir } from "../helpers/cli.js";
import { createMigrationProject } from "../helpers/fixture.js";

const driver = resolve(import.meta.dirname, "../helpers/pty-drive.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0;

function drive(
  steps: Array<{ expect: string; send: string }>,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
) {
  const result = spawnSync("python3", [driver, JSON.stringify(steps), "--", process.execPath, CLI, ...args], {
    cwd,
    env,
    encoding: "utf8",
    timeout: 30_000,
  });
  const transcript = result.stdout;
  const code = Number(/EXIT (-?\d+)\s*$/.exec(transcript)?.[1]);
  return { transcript, code };
}

describe.skipIf(!hasPython)("interactive prompts under a pty", () => {
  it("secrets set reads a hidden value: the terminal shows only *", async () => {
    const root = tempDir("dotsecrets-pty-");
    const env = cliEnv(tempDir("dotsecrets-home-"));
    const value = "typed-secret-value-0xC0FFEE";
    const { transcript, code } = drive(
      [{ expect: "Value for API_TOKEN", send: `${value}\r` }],
      ["set", "API_TOKEN"],
      root,
      env,
    );
    expect(code, transcript).toBe(0);
    expect(transcript).toContain("*".repeat(value.length));
    expect(findLeaks([value], [["pty transcript", transcript]])).toEqual([]);
    const got = await runCli(["get", "API_TOKEN"], { cwd: root, env });
    expect(got.stdout).toBe(value);
  });

  it("migrate asks before writing; Ctrl-C at the last question exits 130 and changes nothing", () => {
    const root = tempDir("dotsecrets-pty-");
    const planted = createMigrationProject(root);
    const env = cliEnv(tempDir("dotsecrets-home-"));
    const before = readFileSync(join(root, ".env"));
    // --provider answers the provider question; the wizard asks the rest (test/e2e/wizard.test.ts).
    const answers = [
      "App name",
      "Use these environments?",
      "Which keys",
      "How should",
      "plan right?",
      "Write these stubs?",
    ];
    const defaults = answers.map((expect) => ({ expect, send: "\r" }));
    const args = ["migrate", "--provider", "local"];
    const cancelled = drive([...defaults, { expect: "Move 10 secret(s)", send: "\x03" }], args, root, env);
    expect(cancelled.code, cancelled.transcript).toBe(130);
    expect(readFileSync(join(root, ".env")).equals(before)).toBe(true);
    const confirmed = drive([...defaults, { expect: "Move 10 secret(s)", send: "y\r" }], args, root, env);
    expect(confirmed.code, confirmed.transcript).toBe(0);
    expect(confirmed.transcript).toContain("moved to local: 10 key(s)");
    expect(readFileSync(join(root, ".env"), "utf8")).toContain(
      "secret://local/shop/development/DATABASE_URL",
    );
    expect(
      findLeaks(
        planted.map((p) => p.value),
        [
          ["cancelled", cancelled.transcript],
          ["confirmed", confirmed.transcript],
        ],
      ),
    ).toEqual([]);
  });
});
