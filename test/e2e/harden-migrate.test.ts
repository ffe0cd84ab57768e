/**
 * Hardening of migrate, set and undo on the built binary: plaintext never left under the "safe to
 * read" header, unreadable files never reported clean, values that cannot live in an environment
 * refused where they enter, the store kept out of the project, temp files out of git's sight,
 * concurrent `set`s all landing, keyed journal fingerprints, and undo after a later `set`.
 */
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliEnv, readTree, runCli, sha, tempDir } from "../helpers/cli.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

function project(env: string) {
  const root = tempDir("dotsecrets-harden-");
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "shop" }));
  writeFileSync(join(root, ".env"), env);
  const home = tempDir("dotsecrets-harden-home-");
  return { root, home, env: cliEnv(home) };
}

const snapshot = (root: string) => readTree(root).map(([path, data]) => [path, sha(data.toString("latin1"))]);

describe("migrate never leaves plaintext under the safe-to-read header", () => {
  const stripe = `${PREFIX.stripeLive}${randomAlnum(24)}`;
  const ignored = [
    "MY KEY=hunter2hunter2",
    "export BAD hunter3hunter3",
    "КЛЮЧ=hunter4hunter4",
    'NOTE="never closed',
  ];

  it("refuses lines dotenv does not read, naming file and line, and writes nothing", async () => {
    for (const line of ignored) {
      const { root, env } = project(`STRIPE_SECRET_KEY=${stripe}\n${line}\nPORT=3000\n`);
      const before = snapshot(root);
      const result = await runCli(["migrate", "--yes"], { cwd: root, env });
      expect(result.code, line).toBe(2);
      expect(result.stderr).toMatch(/\.env:2/);
      expect(result.stderr).toContain("--allow-unparsed");
      expect(snapshot(root)).toEqual(before);
      expect(result.stderr + result.stdout).not.toContain("hunter");
    }
  });

  it("with --allow-unparsed migrates the rest and puts no header above the unchecked line", async () => {
    const { root, env } = project(`STRIPE_SECRET_KEY=${stripe}\nMY KEY=hunter2hunter2\n`);
    const result = await runCli(["migrate", "--yes", "--allow-unparsed"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    const stub = readFileSync(join(root, ".env"), "utf8");
    expect(stub).not.toContain(stripe);
    expect(stub).not.toMatch(/Safe to read/);
    expect(result.stderr).toMatch(/warnings: [1-9]/);
  });

  it("never reports a file it could not read as clean (over 1 MiB, invalid UTF-8)", async () => {
    for (const bytes of [
      Buffer.from(`STRIPE_SECRET_KEY=${stripe}\n${"# padding\n".repeat(110_000)}`),
      Buffer.concat([
        Buffer.from(`STRIPE_SECRET_KEY=${stripe}\nX=`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from("\n"),
      ]),
    ]) {
      const { root, env } = project("");
      writeFileSync(join(root, ".env"), bytes);
      const result = await runCli(["migrate", "--yes"], { cwd: root, env });
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain("Nothing to migrate");
      expect(result.stderr).toContain(".env");
    }
  });
});

describe("values that cannot live in an environment variable are refused where they enter", () => {
  it("set refuses binary input and a NUL byte; migrate refuses a NUL byte", async () => {
    const { root, env } = project("PORT=3000\n");
    const binary = Buffer.from([0x8f, 0xff, 0x00, 0x12, 0xc3]);
    for (const input of [binary, Buffer.from("abc\u0000def")]) {
      const result = await runCli(["set", "API_SECRET"], { cwd: root, env, input: input.toString("latin1") });
      expect(result.code).toBe(2);
    }
    const list = await runCli(["list"], { cwd: root, env });
    expect(list.stdout).not.toContain("API_SECRET");
    writeFileSync(join(root, ".env"), "API_SECRET=abc\u0000def123456\n");
    expect((await runCli(["migrate", "--yes"], { cwd: root, env })).code).toBe(2);
  });
});

describe("the local store stays out of the project", () => {
  it("refuses a DOTSECRETS_HOME inside the project, and creates nothing there", async () => {
    const { root } = project("PORT=3000\n");
    const env = cliEnv(join(root, "store"));
    const result = await runCli(["set", "API_SECRET"], { cwd: root, env, input: "value-123456" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("inside the project");
    expect(existsSync(join(root, "store"))).toBe(false);
  });
});

describe("temp files", () => {
  it("of undo live in the self-ignoring .dotsecrets/tmp, and stale ones are cleaned by the next run", async () => {
    const { root, env } = project(`STRIPE_SECRET_KEY=${PREFIX.stripeLive}${randomAlnum(24)}\n`);
    expect((await runCli(["migrate", "--yes"], { cwd: root, env })).code).toBe(0);
    const tmp = join(root, ".dotsecrets", "tmp");
    expect(existsSync(tmp)).toBe(true);
    expect(readFileSync(join(root, ".dotsecrets", ".gitignore"), "utf8")).toMatch(/^\*$/m);
    // A temp file a killed process (a pid that does not run) left behind.
    const stale = join(tmp, ".dotsecrets-tmp-999999-abcd1234-.env");
    writeFileSync(stale, "left behind");
    const undo = await runCli(["undo", "--yes"], { cwd: root, env });
    expect(undo.code, undo.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(root).filter((name) => name.startsWith(".dotsecrets-tmp-"))).toEqual([]);
  });
});

describe("concurrent set", () => {
  it("10 at once with one stub: every value stored, every line written, every command ok", async () => {
    const { root, env } = project("PORT=3000\n");
    const keys = Array.from({ length: 10 }, (_, i) => `TOKEN_${i}`);
    const results = await Promise.all(
      keys.map((key) =>
        runCli(["set", key], { cwd: root, env, input: `${key}-${randomAlnum(16)}`, timeoutMs: 60_000 }),
      ),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const stub = readFileSync(join(root, ".env"), "utf8");
    for (const key of keys) expect(stub).toContain(`${key}=secret://local/shop/development/${key}`);
  }, 90_000);
});

describe("the journal", () => {
  it("keys its file fingerprints with a secret outside the project and keeps no value lengths", async () => {
    const original = `DB_PASSWORD=${randomAlnum(20)}\n`;
    const { root, home, env } = project(original);
    expect((await runCli(["migrate", "--yes"], { cwd: root, env })).code).toBe(0);
    const dir = join(root, ".dotsecrets", "migrations");
    const text = readFileSync(join(dir, readdirSync(dir)[0]!), "utf8");
    const journal = JSON.parse(text);
    expect(text).not.toContain('"bytes"');
    expect(text).not.toContain(sha(original));
    const key = readFileSync(join(home, "fingerprint.key"));
    expect(journal.plan.files[0].hash).toBe(createHmac("sha256", key).update(original).digest("hex"));
  });
});

describe("undo after a later set", () => {
  it("says a secret has a newer value, and restores the latest or the migrated one on request", async () => {
    const migrated = `${PREFIX.stripeLive}${randomAlnum(24)}`;
    const newer = `${PREFIX.stripeLive}${randomAlnum(24)}`;
    const { root, env } = project(`STRIPE_SECRET_KEY=${migrated}\n`);
    expect((await runCli(["migrate", "--yes"], { cwd: root, env })).code).toBe(0);
    expect((await runCli(["set", "STRIPE_SECRET_KEY"], { cwd: root, env, input: newer })).code).toBe(0);
    const refused = await runCli(["undo", "--yes"], { cwd: root, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("newer value");
    expect(refused.stderr).toContain("--latest");
    expect(readFileSync(join(root, ".env"), "utf8")).not.toContain(migrated);
    const latest = await runCli(["undo", "--yes", "--latest"], { cwd: root, env });
    expect(latest.code, latest.stderr).toBe(0);
    expect(readFileSync(join(root, ".env"), "utf8")).toBe(`STRIPE_SECRET_KEY=${newer}\n`);
    for (const output of [refused.stdout, refused.stderr, latest.stdout, latest.stderr]) {
      expect(output).not.toContain(migrated);
      expect(output).not.toContain(newer);
    }
  });
});

describe("file-system failures", () => {
  it("are reported as one line naming the path and the fix (no stack, no internal error)", async () => {
    const { root, env } = project("PORT=3000\n");
    // The stub's place is taken by a folder: writing it fails with an errno error.
    mkdirSync(join(root, "blocked"));
    writeFileSync(
      join(root, "dotsecrets.json"),
      JSON.stringify({ environments: { "blocked/.env": "staging" } }),
    );
    mkdirSync(join(root, "blocked", ".env"));
    const result = await runCli(["set", "API_SECRET", "--env", "staging"], {
      cwd: root,
      env,
      input: "v-123456789",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain("internal error");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toContain("blocked/.env");
  });
});

describe("the code diff shown for review", () => {
  it("never shows a value the migration moves, even when the code beside a loader holds it", async () => {
    const stripe = `${PREFIX.stripeLive}${randomAlnum(24)}`;
    const { root, env } = project(`STRIPE_SECRET_KEY=${stripe}\n`);
    mkdirSync(join(root, "src"));
    writeFileSync(
      join(root, "src", "index.js"),
      `require("dotenv").config();\nconst fallback = "${stripe}";\nmodule.exports = fallback;\n`,
    );
    const result = await runCli(["migrate", "--dry-run"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("dotsecrets/config");
    expect(result.stdout + result.stderr).not.toContain(stripe);
  });
});
