/**
 * End to end: the hardening cases of issue 9 handled outside migrate, each reproduced with the
 * built binary (values printed, credentials passed on, code run through a stub).
 */

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCli, tempDir } from "../helpers/cli.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with a package.json, and an environment with its own DOTSECRETS_HOME. */
function project(): { dir: string; home: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir("dotsecrets-harden-");
  const home = tempDir("dotsecrets-harden-home-");
  made.push(dir, home);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "shop" }));
  return { dir, home, env: cliEnv(home) };
}

describe("invalid names are never echoed (issue 9, item 1)", () => {
  const secret = `${PREFIX.stripeLive}${randomAlnum(32)}`;
  const p = project();
  beforeAll(() => writeFileSync(join(p.dir, ".env"), "PORT=3000\n"));

  it.each([
    ["set", ["set", `STRIPE_SECRET_KEY=${secret}`]],
    ["get", ["get", `STRIPE_SECRET_KEY=${secret}`]],
    ["run --only", ["run", "--only", `PORT=${secret}`, "--", "true"]],
    ["--env", ["get", "K", "--env", `production=${secret}`]],
  ])("%s", async (_label, args) => {
    const result = await runCli(args, { cwd: p.dir, env: p.env, input: secret });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("contains '='");
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret.slice(0, 12));
  });
});

describe("Node's own debug output never prints the child's environment (issue 9, item 2)", () => {
  const secret = `${PREFIX.stripeLive}${randomAlnum(32)}`;
  const p = project();
  beforeAll(async () => {
    const set = await runCli(["set", "STRIPE_KEY"], { cwd: p.dir, env: p.env, input: secret });
    expect(set.code, set.stderr).toBe(0);
  });

  it.each(["child_process", "http,child_process", "CHILD*", "*"])(
    "NODE_DEBUG=%s: refused before the child starts",
    async (debug) => {
      const marker = join(p.dir, `started-${debug.replace(/\W/g, "_")}`);
      const result = await runCli(
        [
          "run",
          "--mask",
          "--",
          process.execPath,
          "-e",
          `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`,
        ],
        { cwd: p.dir, env: { ...p.env, NODE_DEBUG: debug } },
      );
      expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("NODE_DEBUG");
      expect(existsSync(marker)).toBe(false);
    },
  );

  it("NODE_DEBUG without child_process still runs, and the child gets it", async () => {
    const result = await runCli(
      ["run", "--mask", "--", process.execPath, "-e", "process.stdout.write(process.env.NODE_DEBUG)"],
      { cwd: p.dir, env: { ...p.env, NODE_DEBUG: "http" } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("http");
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
  });
});

describe("the tool's own credentials never reach the child (issue 9, item 3)", () => {
  const key = randomBytes(32);
  const p = project();
  const env = {
    ...p.env,
    DOTSECRETS_LOCAL_KEY: key.toString("hex"),
    DOTSECRETS_FUTURE_TOKEN: "future-token-4d1c9e",
  };
  beforeAll(async () => {
    const set = await runCli(["set", "API_TOKEN"], { cwd: p.dir, env, input: `tok-${randomAlnum(24)}` });
    expect(set.code, set.stderr).toBe(0);
    writeFileSync(join(p.dir, "key.txt"), `${key.toString("hex")}\n${key.toString("base64")}\n`);
  });

  it("strips DOTSECRETS_LOCAL_KEY and other DOTSECRETS_* credentials from the child", async () => {
    const result = await runCli(["run", "--", "sh", "-c", "env"], { cwd: p.dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("API_TOKEN=");
    expect(result.stdout).not.toContain(key.toString("hex"));
    expect(result.stdout).not.toContain("DOTSECRETS_LOCAL_KEY");
    expect(result.stdout).not.toContain("future-token-4d1c9e");
    // Settings that are not credentials stay.
    expect(result.stdout).toContain(`DOTSECRETS_HOME=${p.home}`);
  });

  it("masks them (hex and base64 spellings) if they show up anyway", async () => {
    const result = await runCli(["run", "--mask", "--", "cat", "key.txt"], { cwd: p.dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(key.toString("hex"));
    expect(result.stdout).not.toContain(key.toString("base64"));
    expect(result.stdout).toBe("*****\n*****\n");
  });
});

describe("--mask sees a value through escape sequences (issue 9, item 4)", () => {
  const secret = `${PREFIX.stripeLive}5f${randomAlnum(30)}`;
  const p = project();
  beforeAll(async () => {
    const set = await runCli(["set", "STRIPE_KEY"], { cwd: p.dir, env: p.env, input: secret });
    expect(set.code, set.stderr).toBe(0);
  });

  it("masks a value with a colour change inside it, on stdout and stderr", async () => {
    const script = `const v = process.env.STRIPE_KEY; const s = v.slice(0, 10) + "\\x1b[31m" + v.slice(10, 20) + "\\x1b[0m" + v.slice(20);
process.stdout.write("out " + s + "\\n"); process.stderr.write("err " + s + "\\n");`;
    const result = await runCli(["run", "--mask", "--", process.execPath, "-e", script], {
      cwd: p.dir,
      env: p.env,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("out *****\n");
    expect(result.stderr).toBe("err *****\n");
  });
});

describe("a stub cannot make tools run code (issue 9, item 12)", () => {
  it("refuses GIT_EXTERNAL_DIFF before git diff runs it", async () => {
    const p = project();
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.email=t@example.test", "-c", "user.name=t", ...args], {
        cwd: p.dir,
        stdio: "ignore",
      });
    git("init", "-q");
    writeFileSync(join(p.dir, "file.txt"), "one\n");
    git("add", "file.txt");
    git("commit", "-qm", "one");
    writeFileSync(join(p.dir, "file.txt"), "two\n");
    writeFileSync(join(p.dir, ".env"), `GIT_EXTERNAL_DIFF="sh -c 'touch pwned'"\n`);
    const result = await runCli(["run", "--", "git", "diff"], { cwd: p.dir, env: p.env });
    expect(existsSync(join(p.dir, "pwned"))).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("GIT_EXTERNAL_DIFF");
  });

  it.each(["HTTPS_PROXY=http://127.0.0.1:9", "XDG_CONFIG_HOME=./cfg", "PYTHONWARNINGS=ignore::x.Y"])(
    "refuses %s",
    async (line) => {
      const p = project();
      writeFileSync(join(p.dir, ".env"), `${line}\n`);
      const result = await runCli(["run", "--", "true"], { cwd: p.dir, env: p.env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(line.split("=")[0]!);
    },
  );
});

describe("references under a public prefix or outside the stub's scope (issue 9, item 13)", () => {
  const secret = `${PREFIX.stripeLive}${randomAlnum(32)}`;
  const p = project();
  const stolen = "secret://local/bank/production/STRIPE_SECRET_KEY";
  beforeAll(async () => {
    const set = await runCli(
      ["set", "STRIPE_SECRET_KEY", "--app", "bank", "--env", "production", "--no-stub"],
      {
        cwd: p.dir,
        env: p.env,
        input: secret,
      },
    );
    expect(set.code, set.stderr).toBe(0);
  });

  it("refuses NEXT_PUBLIC_ANALYTICS_ID=secret://… before the child starts", async () => {
    writeFileSync(join(p.dir, ".env"), `PORT=3000\nNEXT_PUBLIC_ANALYTICS_ID=${stolen}\n`);
    const result = await runCli(["run", "--", "sh", "-c", "env"], { cwd: p.dir, env: p.env });
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("NEXT_PUBLIC_ANALYTICS_ID");
  });

  it("runs a stub reading another app's secret, with a warning naming it", async () => {
    writeFileSync(join(p.dir, ".env"), `PORT=3000\nANALYTICS_ID=${stolen}\n`);
    const result = await runCli(["run", "--mask", "--", "sh", "-c", "echo $ANALYTICS_ID"], {
      cwd: p.dir,
      env: p.env,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("*****\n");
    expect(result.stderr).toContain(
      "ANALYTICS_ID reads bank/production/STRIPE_SECRET_KEY, outside this stub's scope shop/development",
    );
    expect(result.stderr).not.toContain(secret);
  });
});

describe("set re-reads the stub as dotenv would (issue 9, item 19)", () => {
  it("refuses to append after a last line `DB:`, storing nothing", async () => {
    const p = project();
    writeFileSync(join(p.dir, ".env"), "PORT=3000\nDB:");
    const result = await runCli(["set", "NEW_KEY"], { cwd: p.dir, env: p.env, input: "value-1234567" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(".env");
    expect(readFileSync(join(p.dir, ".env"), "utf8")).toBe("PORT=3000\nDB:");
    const get = await runCli(["get", "NEW_KEY"], { cwd: p.dir, env: p.env });
    expect(get.code).not.toBe(0);
  });
});
