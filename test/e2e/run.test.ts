/**
 * End to end: the built binary with the local provider — set, run, get, list and dotsecrets/config.
 * Planted values must never appear in any output except `secrets get`'s stdout.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, type CliResult, cliEnv, findLeaks, readTree, runCli, sha, tempDir } from "../helpers/cli.js";
import { PREFIX, randomAlnum, urlWithPassword } from "../helpers/fake-secrets.js";

const PRINT_HASH = (key: string) =>
  `process.stdout.write(require("crypto").createHash("sha256").update(process.env.${key} ?? "<unset>").digest("hex"))`;

const planted = {
  DATABASE_URL: urlWithPassword("postgres", "app", `Zq8!${randomAlnum(16)}`, "db.internal:5432/shop"),
  STRIPE_KEY: `${PREFIX.stripeTest}${randomAlnum(40)}`,
  MULTI: "-----BEGIN KEY-----\nline two of the planted key\n-----END KEY-----",
  PROD_TOKEN: "prod-token-planted-7f3a9c1e5b",
};

describe("secrets set / run / get / list (local provider)", () => {
  const project = tempDir("dotsecrets-run-");
  const home = tempDir("dotsecrets-home-");
  const env = cliEnv(home);
  const outputs: Array<[string, string]> = [];
  const cli = async (args: string[], input?: string, extra: NodeJS.ProcessEnv = {}) => {
    const result = await runCli(args, {
      cwd: project,
      env: { ...env, ...extra },
      ...(input !== undefined && { input }),
    });
    outputs.push(
      [`secrets ${args.join(" ")} (stdout)`, result.stdout],
      [`secrets ${args.join(" ")} (stderr)`, result.stderr],
    );
    return result;
  };

  beforeAll(async () => {
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "@acme/shop" }));
    writeFileSync(join(project, ".env"), "# app settings\nPORT=3000\n");
    for (const key of ["DATABASE_URL", "STRIPE_KEY", "MULTI"] as const) {
      const result = await cli(["set", key], `${planted[key]}\n`);
      expect(result.code, result.stderr).toBe(0);
    }
    const prod = await cli(["set", "PROD_TOKEN", "--env", "production"], planted.PROD_TOKEN);
    expect(prod.code, prod.stderr).toBe(0);
  });

  it("writes references into the stub, keeping what was there", () => {
    const stub = readFileSync(join(project, ".env"), "utf8");
    expect(stub).toBe(
      "# app settings\nPORT=3000\n" +
        "DATABASE_URL=secret://local/acme-shop/development/DATABASE_URL\n" +
        "STRIPE_KEY=secret://local/acme-shop/development/STRIPE_KEY\n" +
        "MULTI=secret://local/acme-shop/development/MULTI\n",
    );
    expect(readFileSync(join(project, ".env.production"), "utf8")).toContain(
      "PROD_TOKEN=secret://local/acme-shop/production/PROD_TOKEN",
    );
  });

  it("gives the child the values (multi-line included)", async () => {
    // One child prints the three hashes, one per line.
    const keys = ["DATABASE_URL", "STRIPE_KEY", "MULTI"] as const;
    const script = keys.map((key) => `${PRINT_HASH(key)};process.stdout.write("\\n")`).join(";");
    const result = await cli(["run", "--", process.execPath, "-e", script]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(keys.map((key) => `${sha(planted[key])}\n`).join(""));
    const plain = await cli([
      "run",
      "--",
      process.execPath,
      "-e",
      'process.stdout.write(process.env.PORT ?? "")',
    ]);
    expect(plain.stdout).toBe("3000");
  });

  it("selects the environment with --env or DOTSECRETS_ENV", async () => {
    const byFlag = await cli([
      "run",
      "--env",
      "production",
      "--",
      process.execPath,
      "-e",
      PRINT_HASH("PROD_TOKEN"),
    ]);
    expect(byFlag.stdout).toBe(sha(planted.PROD_TOKEN));
    const byVar = await cli(["run", "--", process.execPath, "-e", PRINT_HASH("PROD_TOKEN")], undefined, {
      DOTSECRETS_ENV: "production",
    });
    expect(byVar.stdout).toBe(sha(planted.PROD_TOKEN));
  });

  it("lets an already-set variable win unless --override; --only injects a subset", async () => {
    const kept = await cli(
      ["run", "--", process.execPath, "-e", "process.stdout.write(process.env.PORT)"],
      undefined,
      { PORT: "8080" },
    );
    expect(kept.stdout).toBe("8080");
    const over = await cli(
      ["run", "--override", "--", process.execPath, "-e", "process.stdout.write(process.env.PORT)"],
      undefined,
      { PORT: "8080" },
    );
    expect(over.stdout).toBe("3000");
    const only = await cli(["run", "--only", "PORT", "--", process.execPath, "-e", PRINT_HASH("STRIPE_KEY")]);
    expect(only.stdout).toBe(sha("<unset>"));
  });

  it("returns the child's exit code, 128+n for a signal, 127 for a missing command", async () => {
    expect((await cli(["run", "--", process.execPath, "-e", "process.exit(7)"])).code).toBe(7);
    expect(
      (await cli(["run", "--", process.execPath, "-e", "process.kill(process.pid, 'SIGTERM')"])).code,
    ).toBe(143);
    const missing = await cli(["run", "--", "definitely-not-a-command-xyz"]);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain("definitely-not-a-command-xyz");
    const empty = await cli(["run", "--"]);
    expect(empty.code).toBe(2);
  });

  it("forwards SIGTERM sent to secrets to the child", async () => {
    const script =
      "process.on('SIGTERM',()=>{process.stdout.write('child got SIGTERM');process.exit(0)});process.stdout.write('ready\\n');setInterval(()=>{},1000)";
    const child = spawn(process.execPath, [CLI, "run", "--", process.execPath, "-e", script], {
      cwd: project,
      env,
    });
    let stdout = "";
    const result = await new Promise<CliResult>((done) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        if (stdout.includes("ready")) child.kill("SIGTERM");
      });
      child.on("close", (code, signal) => done({ code, signal, stdout, stderr: "" }));
    });
    expect(result.stdout).toContain("child got SIGTERM");
    expect(result.code).toBe(0);
  });

  it("--mask hides values in the child's output", async () => {
    const script = `const v=process.env.STRIPE_KEY;process.stdout.write("key="+v.slice(0,9));setTimeout(()=>{process.stdout.write(v.slice(9)+"\\n");console.error("\\x1b[31m"+process.env.DATABASE_URL+"\\x1b[0m")},50)`;
    const result = await cli(["run", "--mask", "--", process.execPath, "-e", script]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("key=*****\n");
    expect(result.stderr).toContain("*****");
  });

  it("refuses unsafe names, malformed and unresolvable references without starting the child", async () => {
    const marker = join(project, "child-ran");
    const touch = `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`;
    const cases: Array<[string, string]> = [
      ["NODE_OPTIONS=--require ./evil.js\n", "NODE_OPTIONS"],
      ["LD_PRELOAD=/tmp/evil.so\n", "LD_PRELOAD"],
      ["X=secret://nope/acme-shop/development/X\n", "unknown provider 'nope'"],
      ["X=secret://local\n", "malformed reference"],
      ["MISSING=secret://local/acme-shop/development/MISSING\n", "MISSING"],
    ];
    for (const [line, expected] of cases) {
      writeFileSync(join(project, ".env.bad"), line);
      const result = await cli(["run", "--file", ".env.bad", "--", process.execPath, "-e", touch]);
      expect(result.code, line).toBe(2);
      expect(result.stderr).toContain(expected);
      expect(result.stderr).toContain(".env.bad");
      expect(existsSync(marker)).toBe(false);
    }
    writeFileSync(join(project, ".env.bad"), "NODE_OPTIONS=--no-warnings\n");
    const allowed = await cli([
      "run",
      "--file",
      ".env.bad",
      "--allow-unsafe-names",
      "--",
      process.execPath,
      "-e",
      "process.stdout.write(process.env.NODE_OPTIONS)",
    ]);
    expect(allowed.stdout).toBe("--no-warnings");
    // .env is the base layer of every environment (docs/layering.md); an explicit file must exist.
    const noStub = await cli(["run", "--env", "staging", "--file", ".env.staging", "--", "true"]);
    expect(noStub.code).toBe(2);
    expect(noStub.stderr).toContain(".env.staging");
  });

  it("set refuses a value on the command line and bad names", async () => {
    const argvValue = await cli(["set", "X", "some-value"]);
    expect(argvValue.code).toBe(2);
    expect(argvValue.stderr).toContain("stdin");
    expect((await cli(["set", "BAD KEY"], "v")).code).toBe(2);
    const tooBig = await cli(["set", "BIG", "--no-stub"], "x".repeat(70_000));
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain("65536");
    // A stub that cannot take the reference (an unclosed quote elsewhere would swallow lines):
    // refused before the provider write, so neither the store nor the stub changes.
    const tricky = 'NOTE="x\nQA_TOKEN=ab"cd-123\nOTHER=y"\n';
    writeFileSync(join(project, ".env.qa"), tricky);
    const refused = await cli(["set", "QA_TOKEN", "--env", "qa"], "qa-token-value-123");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("QA_TOKEN");
    expect(readFileSync(join(project, ".env.qa"), "utf8")).toBe(tricky);
    expect(JSON.parse((await cli(["list", "--env", "qa", "--json"])).stdout).secrets).toEqual([]);
  });

  it("list shows names and versions, never values; get prints one value on request", async () => {
    const list = await cli(["list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("acme-shop/development/STRIPE_KEY");
    const json = JSON.parse((await cli(["list", "--all", "--json"])).stdout) as {
      secrets: Array<{ name: string }>;
    };
    expect(json.secrets.map((s) => s.name)).toContain("acme-shop/production/PROD_TOKEN");
    const get = await runCli(["get", "STRIPE_KEY"], { cwd: project, env });
    expect(get.code).toBe(0);
    expect(get.stdout).toBe(planted.STRIPE_KEY);
    outputs.push(["secrets get (stderr)", get.stderr]);
  });

  it("dotsecrets/config resolves references inside the app, and does nothing under secrets run", async () => {
    const config = resolve(import.meta.dirname, "../../dist/config.js");
    const app = join(project, "app.mjs");
    writeFileSync(
      app,
      `import ${JSON.stringify(config)};\nimport { createHash } from "node:crypto";\nprocess.stdout.write(createHash("sha256").update(process.env.STRIPE_KEY ?? "").digest("hex"));\n`,
    );
    const direct = await new Promise<string>((done) => {
      const child = spawn(process.execPath, [app], { cwd: project, env });
      let out = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => outputs.push(["app stderr", String(chunk)]));
      child.on("close", () => done(out));
    });
    expect(direct).toBe(sha(planted.STRIPE_KEY));
    const underRun = await cli(["run", "--", process.execPath, app]);
    expect(underRun.stdout).toBe(sha(planted.STRIPE_KEY));
    // CommonJS: node -r dotsecrets/config (resolved in a helper process, read over a pipe).
    const cjsApp = join(project, "app.cjs");
    writeFileSync(
      cjsApp,
      `process.stdout.write(require("crypto").createHash("sha256").update(process.env.STRIPE_KEY ?? "").digest("hex"));\n`,
    );
    const cjs = await new Promise<string>((done) => {
      const child = spawn(process.execPath, ["-r", config.replace(/\.js$/, ".cjs"), cjsApp], {
        cwd: project,
        env,
      });
      let out = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => outputs.push(["cjs app stderr", String(chunk)]));
      child.on("close", () => done(out));
    });
    expect(cjs).toBe(sha(planted.STRIPE_KEY));
  });

  it("never shows a planted value anywhere else", () => {
    const files = readTree(project).map(([path, data]) => [path, data] as [string, Buffer]);
    const store = readTree(home);
    expect(findLeaks(Object.values(planted), [...outputs, ...files, ...store])).toEqual([]);
  });
});
