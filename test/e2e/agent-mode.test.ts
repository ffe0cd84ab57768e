/**
 * Agent mode on the built binary: with CLAUDECODE=1 and no controlling terminal, `get` refuses
 * and `run` masks; under a pseudo-terminal a person's "y" lets `get` print.
 */
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, type CliResult, cliEnv, findLeaks, runCli, tempDir } from "../helpers/cli.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

const driver = resolve(import.meta.dirname, "../helpers/pty-drive.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0;

/** Runs the CLI in a new session (setsid): it has no controlling terminal, whoever runs the tests. */
function runDetached(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, detached: true, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
    child.stdin.end("");
  });
}

describe("agent mode (CLAUDECODE=1)", () => {
  const root = tempDir("dotsecrets-agent-");
  const env = cliEnv(tempDir("dotsecrets-home-"));
  const agentEnv = { ...env, CLAUDECODE: "1" };
  const value = `${PREFIX.stripeLive}${randomAlnum(24)}`;
  const outputs: Array<[string, string]> = [];
  const record = (what: string, r: CliResult) => outputs.push([what, r.stdout + r.stderr]);

  beforeAll(async () => {
    const set = await runCli(["set", "API_TOKEN"], { cwd: root, env, input: value });
    expect(set.code, set.stderr).toBe(0);
  });

  it("get refuses without a terminal: exit 1, nothing on stdout", async () => {
    const result = await runDetached(["get", "API_TOKEN"], root, agentEnv);
    record("get", result);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/refused: Claude Code is running this command \(CLAUDECODE is set\)/);
  });

  it("run masks the child's output by default", async () => {
    const one = await runDetached(["run", "--", "printenv", "API_TOKEN"], root, agentEnv);
    record("run printenv API_TOKEN", one);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toBe("*****\n");
    const all = await runDetached(["run", "--", "printenv"], root, agentEnv);
    record("run printenv", all);
    expect(all.stdout).toMatch(/^API_TOKEN=\*{5}$/m);
  });

  it("run --no-mask and replacing a value need a person: refused without a terminal", async () => {
    const unmasked = await runDetached(["run", "--no-mask", "--", "printenv", "API_TOKEN"], root, agentEnv);
    record("run --no-mask", unmasked);
    expect(unmasked.code).toBe(1);
    expect(unmasked.stdout).toBe("");
    const replaced = await runDetached(["set", "API_TOKEN"], root, agentEnv);
    record("set existing", replaced);
    expect(replaced.code).toBe(1);
    expect(replaced.stderr).toMatch(/Replace the stored value of API_TOKEN/);
    const fresh = await runCli(["get", "API_TOKEN"], { cwd: root, env });
    expect(fresh.stdout === value).toBe(true);
  });

  it("DOTSECRETS_AGENT=0 does not turn agent mode off", async () => {
    const result = await runDetached(["get", "API_TOKEN"], root, { ...agentEnv, DOTSECRETS_AGENT: "0" });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
  });

  it.skipIf(!hasPython)("under a pty, a person's y lets get print; n refuses", () => {
    const drive = (answer: string) => {
      const steps = JSON.stringify([{ expect: "Only a person should answer", send: answer }]);
      const result = spawnSync("python3", [driver, steps, "--", process.execPath, CLI, "get", "API_TOKEN"], {
        cwd: root,
        env: agentEnv,
        encoding: "utf8",
        timeout: 30_000,
      });
      return { transcript: result.stdout, code: Number(/EXIT (-?\d+)\s*$/.exec(result.stdout)?.[1]) };
    };
    const yes = drive("y\r");
    expect(yes.code, yes.transcript).toBe(0);
    expect(yes.transcript.includes(value)).toBe(true);
    const no = drive("n\r");
    outputs.push(["pty no", no.transcript]);
    expect(no.code).toBe(1);
    expect(no.transcript).toMatch(/not confirmed by a person/);
  });

  it("no refused or masked output held the value", () => {
    expect(outputs.length).toBeGreaterThan(4);
    expect(findLeaks([value], outputs)).toEqual([]);
  });
});
