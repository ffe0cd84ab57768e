/**
 * `secrets doctor` on the example project after its migration (as in example.test.ts): all ok;
 * removing an agent file, breaking a reference and adding a plaintext key each turn exactly the
 * right line, and the report never shows a value.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "dotenv";
import { beforeAll, describe, expect, it } from "vitest";
import { cliEnv, findLeaks, runCli, tempDir } from "../helpers/cli.js";
import { randomAlnum } from "../helpers/fake-secrets.js";

const repo = resolve(import.meta.dirname, "../..");

interface Report {
  ok: boolean;
  checks: Array<{ id: string; status: string; summary: string; fix?: string }>;
}

describe("secrets doctor on the migrated example project", () => {
  const app = tempDir("dotsecrets-doctor-");
  const env = cliEnv(tempDir("dotsecrets-home-"), { DOTENV_CONFIG_QUIET: "true" });
  const planted: string[] = [];
  const outputs: Array<[string, string]> = [];

  async function doctor(what: string, args: string[] = []) {
    const result = await runCli(["doctor", "--json", ...args], { cwd: app, env });
    outputs.push([what, result.stdout + result.stderr]);
    const report = JSON.parse(result.stdout) as Report;
    const status = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    return { code: result.code, report, status };
  }

  beforeAll(async () => {
    cpSync(join(repo, "examples/node-app"), app, {
      recursive: true,
      filter: (path) => !/\/\.env(\.production)?$/.test(path) && !path.includes(".dotsecrets"),
    });
    const setup = spawnSync(process.execPath, ["setup.mjs", "--force"], { cwd: app, encoding: "utf8" });
    expect(setup.status, setup.stderr).toBe(0);
    const secretKeys = ["DATABASE_URL", "STRIPE_SECRET_KEY", "JWT_SECRET", "GITHUB_TOKEN", "SMTP_PASSWORD"];
    for (const file of [".env", ".env.production"]) {
      const values = parse(readFileSync(join(app, file)));
      for (const key of secretKeys) planted.push(values[key]!);
    }
    const migrate = await runCli(["migrate", "--yes"], { cwd: app, env });
    expect(migrate.code, migrate.stderr).toBe(0);
    const agents = await runCli(["agents"], { cwd: app, env });
    expect(agents.code, agents.stderr).toBe(0);
    // The hook installer lands with `secrets check`; until then the test installs the line itself.
    expect(spawnSync("git", ["init", "-q", "."], { cwd: app }).status).toBe(0);
    writeFileSync(join(app, ".git/hooks/pre-commit"), "#!/bin/sh\nnpx secrets check --staged\n");
    chmodSync(join(app, ".git/hooks/pre-commit"), 0o755);
  });

  it("is all ok after the migration, exit 0", async () => {
    const { code, report } = await doctor("baseline", ["--write"]);
    expect(
      report.checks.filter((c) => c.status !== "ok"),
      JSON.stringify(report),
    ).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual([
      "config",
      "provider",
      "references",
      "plaintext",
      "gitignore",
      "agents",
      "dependency",
      "hook",
      "environment",
    ]);
    expect(code).toBe(0);
  });

  /** Applies a change, expects exactly one line to move to `status`, then undoes the change. */
  async function only(id: string, status: string, change: () => () => void) {
    const undo = change();
    try {
      const { code, status: lines, report } = await doctor(id);
      const moved = Object.entries(lines).filter(([, s]) => s !== "ok");
      expect(moved, JSON.stringify(report.checks)).toEqual([[id, status]]);
      expect(code).toBe(status === "fail" ? 1 : 0);
      return report.checks.find((c) => c.id === id)!;
    } finally {
      undo();
    }
  }

  it("a removed agent file turns only the agents line to warn", async () => {
    const line = await only("agents", "warn", () => {
      const file = join(app, ".cursorignore");
      const text = readFileSync(file);
      rmSync(file);
      return () => writeFileSync(file, text);
    });
    expect(line.summary).toContain(".cursorignore");
    expect(line.fix).toBe("secrets agents");
  });

  it("a broken reference turns only the references line to fail", async () => {
    const line = await only("references", "fail", () => {
      const file = join(app, ".env");
      const text = readFileSync(file, "utf8");
      writeFileSync(file, text.replace("/development/JWT_SECRET", "/development/JWT_SECRET_GONE"));
      return () => writeFileSync(file, text);
    });
    expect(line.summary).toMatch(/1 of 10 reference\(s\) do not resolve: \.env:\d+ JWT_SECRET/);
  });

  it("a plaintext secret turns only the plaintext line to fail", async () => {
    const value = randomAlnum(32);
    planted.push(value);
    const line = await only("plaintext", "fail", () => {
      const file = join(app, ".env");
      const text = readFileSync(file, "utf8");
      appendFileSync(file, `NEW_API_SECRET=${value}\n`);
      return () => writeFileSync(file, text);
    });
    expect(line.summary).toMatch(/1 plaintext secret\(s\): \.env:\d+ NEW_API_SECRET/);
  });

  it("a different value in the environment turns only the environment line to warn", async () => {
    const saved = env.JWT_SECRET;
    const line = await only("environment", "warn", () => {
      env.JWT_SECRET = "something-else";
      return () => {
        if (saved === undefined) delete env.JWT_SECRET;
        else env.JWT_SECRET = saved;
      };
    });
    expect(line.summary).toContain("JWT_SECRET");
  });

  it("the text report fits 80 columns, has no colour without a TTY, and shows no value", async () => {
    const result = await runCli(["doctor"], { cwd: app, env: { ...env, NO_COLOR: "" } });
    outputs.push(["text", result.stdout]);
    expect(result.code).toBe(0);
    for (const line of result.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
    expect(result.stdout).not.toContain("\u001b[");
    expect(result.stdout).toMatch(/^9 checks: 9 ok, 0 warn, 0 fail$/m);
    expect(planted).toHaveLength(11);
    expect(findLeaks(planted, outputs)).toEqual([]);
  });
});
