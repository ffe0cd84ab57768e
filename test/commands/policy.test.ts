import { rmSync, writeFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, test } from "vitest";
import { migratePolicy, runtimePolicy } from "../../src/core/aws-policy.js";
import { main } from "../../src/main.js";
import { tempDir } from "../helpers/cli.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], config: object) {
  const cwd = tempDir("dotsecrets-policy-");
  dirs.push(cwd);
  writeFileSync(`${cwd}/dotsecrets.json`, JSON.stringify(config));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (chunk) => out.push(String(chunk)));
  stderr.on("data", (chunk) => err.push(String(chunk)));
  const code = await main(argv, { cwd, env: {}, stdin: new PassThrough(), stdout, stderr });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("secrets policy", () => {
  test("the runtime policy reads only this app/env (per-key and bundle), batch read included", () => {
    const policy = runtimePolicy({
      app: "shop",
      env: "production",
      region: "eu-west-1",
      account: "123456789012",
    });
    expect(policy.Statement).toEqual([
      {
        Sid: "ReadThisScope",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: [
          "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/production/*",
          "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/production-??????",
        ],
      },
      { Sid: "BatchRead", Effect: "Allow", Action: ["secretsmanager:BatchGetSecretValue"], Resource: "*" },
    ]);
    const actions = migratePolicy({ app: "shop" }).Statement.flatMap((s) => s.Action);
    expect(actions).toContain("secretsmanager:RestoreSecret");
    expect(actions).not.toContain("secretsmanager:DeleteResourcePolicy");
    expect(JSON.stringify(migratePolicy({ app: "shop" }))).toContain("secret:shop/*/*");
  });

  test("the command prints both policies, or one as plain JSON; the region comes from dotsecrets.json", async () => {
    const config = { app: "shop", provider: "aws", providers: { aws: { region: "eu-west-1" } } };
    const both = await run(["policy", "--env", "production"], config);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain("# Runtime identity");
    expect(both.stdout).toContain("arn:aws:secretsmanager:eu-west-1:*:secret:shop/production/*");
    const runtime = await run(
      ["policy", "--provider", "aws", "--runtime", "--account", "123456789012"],
      config,
    );
    expect(JSON.parse(runtime.stdout).Statement[0].Resource[0]).toBe(
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/*/*",
    );
    const json = await run(["policy", "--json"], config);
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(["runtime", "migrate"]);
    expect((await run(["policy", "--provider", "local"], config)).code).toBe(2);
    expect((await run(["policy", "--account", "12"], config)).stderr).toMatch(/12-digit/);
  });
});
