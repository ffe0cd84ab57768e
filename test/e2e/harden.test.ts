/**
 * End to end: the hardening cases of issue 9 handled outside migrate, each reproduced with the
 * built binary (values printed, credentials passed on, code run through a stub).
 */
import { rmSync, writeFileSync } from "node:fs";
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
