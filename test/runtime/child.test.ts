import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { forwardedSignals, runChild } from "../../src/runtime/child.js";
import { createRedactor } from "../../src/runtime/mask.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

const node = process.execPath;
const baseEnv = { PATH: process.env.PATH ?? "" };
const dir = mkdtempSync(join(tmpdir(), "dotsecrets-child-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a node -e script in-process with captured output (piped, so never a terminal). */
async function run(
  script: string,
  options: { env?: NodeJS.ProcessEnv; args?: string[]; mask?: string[] } = {},
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (data: Buffer) => out.push(data));
  stderr.on("data", (data: Buffer) => err.push(data));
  const code = await runChild({
    command: node,
    args: ["-e", script, ...(options.args ?? [])],
    env: options.env ?? baseEnv,
    cwd: dir,
    stdout,
    stderr,
    ...(options.mask && { mask: createRedactor(options.mask) }),
  });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe("runChild in-process", () => {
  it("passes exactly the environment given, and argv without a shell", async () => {
    const args = ["a b", "$HOME", "*", "'q'", "", "; echo hi"];
    const script = "console.log(JSON.stringify({ env: process.env, argv: process.argv.slice(1) }))";
    const result = await run(script, { env: { ...baseEnv, FOO: "bar baz" }, args });
    const seen = JSON.parse(result.stdout);
    expect(seen.env).toEqual({ ...baseEnv, FOO: "bar baz" });
    expect(seen.argv).toEqual(args);
  });

  it("returns the child's exit code", async () => {
    for (const code of [0, 3, 255]) expect(await run(`process.exit(${code})`)).toMatchObject({ code });
  });

  it("returns 128+n when the child dies of signal n", async () => {
    expect((await run("process.kill(process.pid, 'SIGKILL')")).code).toBe(137);
    expect((await run("process.kill(process.pid, 'SIGTERM')")).code).toBe(143);
  });

  it("removes its signal handlers once the child is done", async () => {
    const before = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"].map((signal) => process.listenerCount(signal));
    await run("setTimeout(() => {}, 10)");
    const after = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"].map((signal) => process.listenerCount(signal));
    expect(after).toEqual(before);
  });

  it("throws COMMAND_NOT_FOUND (127) for a missing command", async () => {
    const attempt = runChild({ command: "dotsecrets-no-such-command", args: [], env: baseEnv, cwd: dir });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toMatchObject({
      code: "COMMAND_NOT_FOUND",
      exitCode: 127,
      message: "command not found: dotsecrets-no-such-command",
    });
  });

  it("throws COMMAND_NOT_EXECUTABLE (126) for a file without execute permission or a directory", async () => {
    const script = join(dir, "not-executable.sh");
    writeFileSync(script, "#!/bin/sh\necho hi\n");
    chmodSync(script, 0o644);
    mkdirSync(join(dir, "a-directory"), { recursive: true });
    for (const command of [script, join(dir, "a-directory")]) {
      await expect(runChild({ command, args: [], env: baseEnv, cwd: dir })).rejects.toMatchObject({
        code: "COMMAND_NOT_EXECUTABLE",
        exitCode: 126,
      });
    }
  });

  it("names a missing working directory instead of blaming the command", async () => {
    const attempt = runChild({ command: node, args: ["-e", ""], env: baseEnv, cwd: join(dir, "missing") });
    await expect(attempt).rejects.toMatchObject({ code: "CONFIG" });
  });

  it("names a variable holding a NUL byte without showing its value", async () => {
    const attempt = runChild({ command: node, args: [], env: { ...baseEnv, TOKEN: "s3cr3t\0x" }, cwd: dir });
    await expect(attempt).rejects.toMatchObject({ code: "CONFIG" });
    await expect(attempt).rejects.not.toThrow(/s3cr3t/);
  });

  it("pipes a stdin stream that has no file descriptor", async () => {
    const stdin = new PassThrough();
    stdin.end("hello from the parent\n");
    const stdout = new PassThrough();
    const code = await runChild({
      command: node,
      args: ["-e", "process.stdin.on('data', (d) => process.stdout.write(String(d).toUpperCase()))"],
      env: baseEnv,
      cwd: dir,
      stdin,
      stdout,
    });
    expect(code).toBe(0);
    expect(String(stdout.read())).toBe("HELLO FROM THE PARENT\n");
  });

  it("masks values written whole, split across delayed writes and in colour, on stdout and stderr", async () => {
    const secrets = {
      API_KEY: `${PREFIX.stripeLive}${randomAlnum(12)}`,
      PASSWORD: "correct horse battery",
      PEM: "-----A-----\nB\n",
    };
    const script = `
      const { API_KEY, PASSWORD, PEM } = process.env;
      const later = (f) => new Promise((r) => setTimeout(() => { f(); r(); }, 15));
      (async () => {
        console.log("key=" + API_KEY);
        console.error("\\x1b[31m" + PASSWORD + "\\x1b[0m");
        process.stdout.write("split " + API_KEY.slice(0, 7));
        await later(() => process.stdout.write(API_KEY.slice(7, 12)));
        await later(() => process.stdout.write(API_KEY.slice(12) + "\\n"));
        process.stderr.write(PASSWORD.slice(0, 3));
        await later(() => process.stderr.write(PASSWORD.slice(3) + "\\n"));
        console.log(JSON.stringify({ PEM }));
        process.exitCode = 4;
      })();`;
    const result = await run(script, { env: { ...baseEnv, ...secrets }, mask: Object.values(secrets) });
    expect(result.code).toBe(4);
    for (const value of Object.values(secrets)) {
      expect(result.stdout).not.toContain(value);
      expect(result.stderr).not.toContain(value);
    }
    expect(result.stdout).toBe('key=*****\nsplit *****\n{"PEM":"*****"}\n');
    expect(result.stderr).toBe("\x1b[31m*****\x1b[0m\n*****\n");
  });

  it("forces colour through the mask only when wanted and the user did not decide", async () => {
    const script = "console.log(JSON.stringify([process.env.FORCE_COLOR, process.env.CLICOLOR_FORCE]))";
    const colour = async (env: NodeJS.ProcessEnv, forceColor?: boolean) => {
      const stdout = new PassThrough();
      const mask = createRedactor(["unused-secret"]);
      await runChild({ command: node, args: ["-e", script], env, cwd: dir, stdout, mask, forceColor });
      return JSON.parse(String(stdout.read()));
    };
    expect(await colour(baseEnv)).toEqual([null, null]);
    expect(await colour(baseEnv, true)).toEqual(["1", "1"]);
    expect(await colour({ ...baseEnv, FORCE_COLOR: "0" }, true)).toEqual(["0", "1"]);
    expect(await colour({ ...baseEnv, NO_COLOR: "1" }, true)).toEqual([null, null]);
  });
});

describe("forwardedSignals", () => {
  it("does not repeat Ctrl-C or Ctrl-\\ that the terminal already sent to the child", () => {
    expect(forwardedSignals(false)).toEqual(["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"]);
    expect(forwardedSignals(true)).toEqual(["SIGTERM", "SIGHUP"]);
    expect(forwardedSignals(true, true)).toEqual(["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"]);
  });
});

describe("runChild under a parent process", () => {
  let harness = "";
  // Pids of harnesses and their children, killed after each test so a failure leaves no orphan.
  const started: number[] = [];

  afterEach(() => {
    for (const pid of started.splice(0)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone, as it should be.
      }
    }
  });

  beforeAll(async () => {
    const root = resolve(import.meta.dirname, "../..");
    await build({
      entryPoints: [join(root, "src/runtime/child.ts"), join(root, "src/runtime/mask.ts")],
      outdir: dir,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      logLevel: "warning",
    });
    harness = join(dir, "harness.mjs");
    // Stands in for src/cli.ts: runs the child, then exits at once with its code.
    writeFileSync(
      harness,
      `import { runChild } from "./child.mjs";
       import { createRedactor } from "./mask.mjs";
       const { script, mask, explicit } = JSON.parse(process.env.HARNESS);
       const env = { ...process.env };
       delete env.HARNESS;
       try {
         const code = await runChild({ command: process.execPath, args: ["-e", script], env, cwd: process.cwd(),
           ...(mask && { mask: createRedactor(mask) }),
           // As src/commands/run.ts passes them: streams with a file descriptor, shared, not copied.
           ...(explicit && { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }) });
         process.exit(code);
       } catch (error) {
         process.stderr.write(error.code + "\\n");
         process.exit(error.exitCode ?? 1);
       }`,
    );
  });

  /** Starts the harness with all three stdio as pipes; collects its output. */
  function start(script: string, env: NodeJS.ProcessEnv = {}, mask?: string[], explicit = false) {
    const parent = spawn(node, [harness], {
      cwd: dir,
      env: { ...baseEnv, ...env, HARNESS: JSON.stringify({ script, mask, explicit }) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    if (parent.pid !== undefined) started.push(parent.pid);
    let stdout = "";
    let stderr = "";
    parent.stdout.on("data", (data: Buffer) => {
      stdout += data;
    });
    parent.stderr.on("data", (data: Buffer) => {
      stderr += data;
    });
    const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
      (ok) => parent.on("close", (code, signal) => ok({ code, signal, stdout, stderr })),
    );
    const printed = (text: string) =>
      new Promise<void>((ok) => {
        const check = () => stdout.includes(text) && ok();
        parent.stdout.on("data", check);
        check();
      });
    return { parent, done, printed, output: () => stdout };
  }

  /** A child that reports the signals it gets in a marker file, then exits as the test asks. */
  function waiter(marker: string, signal: string, exit: string): string {
    return `process.on(${JSON.stringify(signal)}, () => {
              require("node:fs").writeFileSync(${JSON.stringify(marker)}, ${JSON.stringify(signal)});
              ${exit};
            });
            console.log("ready " + process.pid);
            setInterval(() => {}, 1000);`;
  }

  /** Waits until the child is ready, then signals the parent (not the child). */
  async function signalled(run: ReturnType<typeof start>, signal: NodeJS.Signals) {
    await run.printed("ready");
    await run.printed("\n");
    const childPid = Number(/ready (\d+)/.exec(run.output())?.[1]);
    if (childPid) started.push(childPid);
    run.parent.kill(signal);
    return run.done;
  }

  it("forwards SIGTERM sent to the parent and returns the child's code", async () => {
    const marker = join(dir, "term-0");
    const result = await signalled(start(waiter(marker, "SIGTERM", "process.exit(0)")), "SIGTERM");
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(readFileSync(marker, "utf8")).toBe("SIGTERM");
  });

  it("exits 143 when the forwarded SIGTERM kills the child", async () => {
    const marker = join(dir, "term-143");
    const script = waiter(
      marker,
      "SIGTERM",
      "process.removeAllListeners('SIGTERM'); process.kill(process.pid, 'SIGTERM')",
    );
    const result = await signalled(start(script), "SIGTERM");
    expect(result).toMatchObject({ code: 143, signal: null });
    expect(readFileSync(marker, "utf8")).toBe("SIGTERM");
  });

  it("forwards SIGINT when no terminal is attached, also while masking", async () => {
    const marker = join(dir, "int");
    const result = await signalled(
      start(waiter(marker, "SIGINT", "process.exit(130)"), {}, ["some-secret"]),
      "SIGINT",
    );
    expect(result).toMatchObject({ code: 130, signal: null });
    expect(readFileSync(marker, "utf8")).toBe("SIGINT");
  });

  it("passes an inherited stdin through, with and without masking, by default and given process.stdin", async () => {
    const script = "process.stdin.on('data', (d) => process.stdout.write('got ' + d))";
    for (const mask of [undefined, ["unused-secret"]]) {
      for (const explicit of [false, true]) {
        const { parent, done } = start(script, {}, mask, explicit);
        parent.stdin.end("line from a pipe\n");
        expect(await done, `mask ${Boolean(mask)}, explicit ${explicit}`).toMatchObject({
          code: 0,
          stdout: "got line from a pipe\n",
        });
      }
    }
  });

  it("writes all masked output before the parent exits", async () => {
    const secret = `${PREFIX.stripeLive}${randomAlnum(16)}`;
    const script = `const line = "x".repeat(100) + process.env.SECRET + "\\n";
                    for (let i = 0; i < 20000; i++) process.stdout.write(line);`;
    const { done } = start(script, { SECRET: secret }, [secret], true);
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBe(20000 * 106);
    expect(result.stdout).not.toContain(secret);
  });
});
