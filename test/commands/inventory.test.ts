import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseEnvMap as parseEnvMapFor } from "../../src/commands/args.js";
import { inventory } from "../../src/commands/inventory.js";

const parseEnvMap = (items: string[]) => parseEnvMapFor(items, "inventory");

import { UserError } from "../../src/core/errors.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "inv-cmd-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function run(argv: string[], cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => {
    out += chunk;
  });
  stderr.on("data", (chunk) => {
    err += chunk;
  });
  const code = await inventory(argv, { cwd, env: {}, stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

const TOKEN = `${PREFIX.github}${randomAlnum(36)}`;

describe("secrets inventory (in process)", () => {
  it("prints a table, the undeclared keys and a summary; warnings go to stderr", async () => {
    const root = tree({
      ".env": `GITHUB_TOKEN=${TOKEN}\nPORT=3000\n`,
      "apps/web/.env": `NEXT_PUBLIC_TOKEN=${TOKEN}\n`,
      "src/a.ts":
        "process.env.GITHUB_TOKEN;\nprocess.env.GITHUB_TOKEN;\n\nprocess.env.GITHUB_TOKEN;\nprocess.env.UNKNOWN;\n",
    });
    const { code, out, err } = await run([], root);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^file\s+env\s+key\s+class\s+reason\s+used at$/);
    expect(out).toMatch(
      /\.env\s+development\s+GITHUB_TOKEN\s+secret\s+value is a GitHub token\s+src\/a\.ts:1 \+2 more/,
    );
    expect(out).toMatch(/apps\/web\/\.env\s+development\s+NEXT_PUBLIC_TOKEN\s+public/);
    expect(out).toMatch(/Read in code but defined in no \.env file:[\s\S]*UNKNOWN\s+src\/a\.ts:5/);
    expect(out).toContain("2 file(s), 3 key(s): 1 secret, 1 config, 1 public\n");
    expect(err).toMatch(
      /^warning: apps\/web\/\.env:1: NEXT_PUBLIC_TOKEN: NEXT_PUBLIC_ keys ship to every browser/m,
    );
    expect(out + err).not.toContain(TOKEN);
  });

  it("prints JSON with --json and nothing on stderr", async () => {
    const root = tree({ "cfg/.env": `GITHUB_TOKEN=${TOKEN}\n` });
    const { code, out, err } = await run(["--json", "--env-map", "cfg/.env=staging"], root);
    expect(code).toBe(0);
    expect(err).toBe("");
    const inv = JSON.parse(out);
    expect(inv.files).toEqual([
      {
        path: "cfg/.env",
        env: "staging",
        kind: "env",
        readable: true,
        entries: 1,
        notes: ["environment set by --env-map"],
        mapped: true,
        // The scope its secrets would go to: the project's app (the folder name here) and the env.
        scope: expect.stringMatching(/\/staging$/),
      },
    ]);
    expect(inv.keys[0].occurrences[0].preview).toBe(`ghp_…(${TOKEN.length} chars)`);
    expect(out).not.toContain(TOKEN);
  });

  it("takes --root relative to the working directory", async () => {
    const root = tree({ "proj/.env": "PORT=1\n" });
    const { code, out } = await run(["--root", "proj"], root);
    expect(code).toBe(0);
    expect(out).toContain("1 file(s), 1 key(s)");
  });

  it("exits 0 with a message when there are no .env files", async () => {
    const { code, out, err } = await run([], tree({ "src/a.ts": "" }));
    expect(code).toBe(0);
    expect(out).toBe("");
    expect(err).toMatch(/No \.env files found under \.: nothing to inventory/);
  });

  it("exits 2 when no dotenv file could be read", async () => {
    const root = tree({ ".env": Buffer.from([0x41, 0x3d, 0xff, 0x0a]) });
    const { code, err } = await run([], root);
    expect(code).toBe(2);
    expect(err).toMatch(/warning: \.env:1: not valid UTF-8/);
    expect(err).toMatch(/error: none of the 1 dotenv file\(s\) could be read/);
  });

  it("exits 0 when at least one file could be read", async () => {
    const root = tree({ ".env": Buffer.from([0x41, 0x3d, 0xff, 0x0a]), "b/.env": "A=1\n" });
    expect((await run([], root)).code).toBe(0);
  });

  it("prints help", async () => {
    const { code, out } = await run(["--help"], tmpdir());
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: secrets inventory/);
    expect(out).toContain("--env-map");
  });

  it("rejects bad options as usage errors", async () => {
    await expect(run(["--nope"], tmpdir())).rejects.toMatchObject({ code: "USAGE" });
    await expect(run(["--root", join(tmpdir(), "missing-root-x")], tmpdir())).rejects.toMatchObject({
      code: "CONFIG",
    });
    expect(() => parseEnvMap(["=x"])).toThrow(UserError);
    expect(() => parseEnvMap(["a/.env=bad env"])).toThrow(UserError);
    expect(parseEnvMap(["a/.env=staging, b/.env=prod", "c=d"])).toEqual({
      "a/.env": "staging",
      "b/.env": "prod",
      c: "d",
    });
    expect(parseEnvMap([])).toBeUndefined();
  });
});
