/**
 * The migrate engine in-process: plan rules, and apply under provider faults injected by wrapping
 * the real local provider (permanent errors, transient errors, a wrong read-back).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import type { SecretProvider } from "../../providers/types.js";
import { UserError } from "../../src/core/errors.js";
import { applyMigration } from "../../src/migrate/apply.js";
import { newJournal } from "../../src/migrate/journal.js";
import { buildPlan } from "../../src/migrate/plan.js";
import { tempDir } from "../helpers/cli.js";

const header = ["# Managed by dotsecrets (test)"];

function project(files: Record<string, string>) {
  const root = tempDir("dotsecrets-engine-");
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "shop" }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const provider = openLocalProvider({
    settings: {},
    env: { DOTSECRETS_HOME: tempDir("dotsecrets-engine-home-") },
  });
  return { root, provider };
}

const journalOf = newJournal;

const plan = (root: string, provider: SecretProvider, extra: Partial<Parameters<typeof buildPlan>[0]> = {}) =>
  buildPlan({ root, provider, app: "shop", layout: "per-key", header, ...extra }).then((r) => r.plan);

/** Wraps a real provider, failing chosen operations. */
function faulty(
  inner: SecretProvider,
  fault: { put?: (name: string) => Error | undefined; corruptReadBack?: string },
): SecretProvider {
  return {
    kind: inner.kind,
    limits: inner.limits,
    checkName: (name) => inner.checkName(name),
    list: (prefix) => inner.list(prefix),
    describe: (name) => inner.describe(name),
    delete: (name) => inner.delete(name),
    async put(name, value, options) {
      const error = fault.put?.(name);
      if (error) throw error;
      return inner.put(name, value, options);
    },
    async getMany(requests) {
      const results = await inner.getMany(requests);
      return results.map((result) =>
        result.ok && result.name === fault.corruptReadBack
          ? { ...result, value: `${result.value}x` }
          : result,
      );
    },
  };
}

describe("plan", () => {
  it("decides per entry: move secrets, keep config/public/empty/references, honour --only/--exclude", async () => {
    const { root, provider } = project({
      ".env":
        "API_KEY=abcdef123456\nPORT=3000\nNEXT_PUBLIC_URL=https://x.example\nEMPTY_SECRET=\nDONE=secret://local/shop/development/DONE\nLOG_LEVEL=info\nDB_PASSWORD=hunter2hunter2\n",
    });
    const p = await plan(root, provider, { only: ["API_KEY", "LOG_LEVEL"] });
    const actions = Object.fromEntries(p.files[0]!.entries.map((e) => [e.key, e.action]));
    expect(actions).toEqual({
      API_KEY: "move",
      PORT: "skip",
      NEXT_PUBLIC_URL: "skip",
      EMPTY_SECRET: "skip",
      DONE: "keep",
      LOG_LEVEL: "move",
      DB_PASSWORD: "skip",
    });
    const all = await plan(root, provider, { exclude: ["DB_PASSWORD"] });
    const kinds = Object.fromEntries(all.files[0]!.entries.map((e) => [e.key, `${e.action}:${e.kind}`]));
    expect(kinds).toEqual({
      API_KEY: "move:secret",
      PORT: "keep:config",
      NEXT_PUBLIC_URL: "keep:public",
      EMPTY_SECRET: "keep:empty",
      DONE: "keep:reference",
      LOG_LEVEL: "keep:config",
      DB_PASSWORD: "skip:secret",
    });
    expect(
      (await plan(root, provider, { includeConfig: true })).files[0]!.entries.find((e) => e.key === "PORT")
        ?.action,
    ).toBe("move");
  });

  it("refuses a key assigned twice with different values, and two files giving one name different values", async () => {
    const { root, provider } = project({
      ".env": "API_KEY=first-value-1\nAPI_KEY=second-value-2\nTOKEN=aaaaaaaaaaaa\n",
      // A folder that is no package shares the root's app: same scope, other value.
      "config/.env": "TOKEN=bbbbbbbbbbbb\n",
    });
    const p = await plan(root, provider);
    const messages = p.errors.map((e) => `${e.file}:${e.line ?? ""} ${e.message}`);
    expect(messages.some((m) => m.startsWith(".env:2 API_KEY is assigned more than once"))).toBe(true);
    const collision = messages.find((m) => m.includes("shop/development/TOKEN would get different values"));
    // The error names its fixes: an environment of its own, or a package of its own.
    expect(collision).toContain("--env-map config/.env=<env>");
    expect(collision).toContain("package.json");
    const mapped = await plan(root, provider, { envMap: { "config/.env": "config-development" } });
    expect(mapped.errors.filter((e) => e.message.includes("TOKEN"))).toEqual([]);
  });

  it("warns, by key names only, when a moved secret's value also sits in a kept plain line", async () => {
    const shared = "minio-admin-value";
    const { root, provider } = project({
      ".env": `S3_ACCESS_KEY=${shared}\nMINIO_ROOT_USER=${shared}\nPORT=3000\n`,
    });
    const p = await plan(root, provider);
    const warning = p.warnings.find((w) => w.key === "MINIO_ROOT_USER");
    expect(warning?.message).toContain("same value as S3_ACCESS_KEY");
    expect(warning?.message).toContain("--only S3_ACCESS_KEY,MINIO_ROOT_USER");
    expect(JSON.stringify(p)).not.toContain(shared);
  });

  it("gives every layer of one environment its own scoped name, and every package its own app", async () => {
    const { root, provider } = project({
      ".env": "TOKEN=aaaaaaaaaaaa\n",
      ".env.local": "TOKEN=bbbbbbbbbbbb\n",
      ".env.development": "TOKEN=cccccccccccc\n",
      ".env.development.local": "TOKEN=dddddddddddd\n",
      "services/api/package.json": '{"name":"@shop/api"}',
      "services/api/.env": "TOKEN=eeeeeeeeeeee\n",
      "services/ml/pyproject.toml": '[project]\nname = "ml"\n',
      "services/ml/.env.local": "TOKEN=ffffffffffff\n",
    });
    const p = await plan(root, provider);
    expect(p.errors).toEqual([]);
    const names = Object.fromEntries(p.files.map((f) => [f.path, f.entries[0]!.name]));
    expect(names).toEqual({
      ".env": "shop/default/TOKEN",
      ".env.development": "shop/development/TOKEN",
      ".env.development.local": "shop/development-local/TOKEN",
      ".env.local": "shop/default-local/TOKEN",
      "services/api/.env": "api/development/TOKEN",
      "services/ml/.env.local": "ml/development-local/TOKEN",
    });
  });

  it("moves a key assigned twice with the same value under one name", async () => {
    const { root, provider } = project({ ".env": "API_KEY=same-value-123\nAPI_KEY=same-value-123\n" });
    const p = await plan(root, provider);
    expect(p.errors).toEqual([]);
    expect(p.writes).toHaveLength(1);
    await applyMigration({ root, provider, journal: journalOf(p) });
    expect(readFileSync(join(root, ".env"), "utf8")).toBe(
      `${header[0]}\nAPI_KEY=secret://local/shop/development/API_KEY\nAPI_KEY=secret://local/shop/development/API_KEY\n`,
    );
  });
});

describe("apply under faults", () => {
  const files = {
    ".env": "API_KEY=key-aaaaaaaaaaaa\nDB_PASSWORD=pw-bbbbbbbbbbbb\nAUTH_TOKEN=tok-cccccccccccc\n",
  };

  it("a permanent failure leaves that key in plaintext, marks the run partial, and a rerun finishes", async () => {
    const { root, provider } = project(files);
    const p = await plan(root, provider);
    const broken = faulty(provider, {
      put: (name) =>
        name.endsWith("DB_PASSWORD") ? new UserError("PROVIDER_NAME", "denied by policy") : undefined,
    });
    const journal = await applyMigration({ root, provider: broken, journal: journalOf(p) });
    expect(journal.state).toBe("partial");
    expect(Object.keys(journal.failed)).toEqual(["shop/development/DB_PASSWORD"]);
    const partial = parse(readFileSync(join(root, ".env")));
    expect(partial.DB_PASSWORD).toBe("pw-bbbbbbbbbbbb");
    expect(partial.API_KEY).toBe("secret://local/shop/development/API_KEY");
    const done = await applyMigration({ root, provider, journal });
    expect(done.state).toBe("done");
    expect(parse(readFileSync(join(root, ".env"))).DB_PASSWORD).toBe(
      "secret://local/shop/development/DB_PASSWORD",
    );
  });

  it("retries transient failures", async () => {
    const { root, provider } = project(files);
    let failures = 0;
    const flaky = faulty(provider, {
      put: () => (failures++ < 2 ? new UserError("PROVIDER_UNAVAILABLE", "503") : undefined),
    });
    const journal = await applyMigration({
      root,
      provider: flaky,
      journal: journalOf(await plan(root, provider)),
    });
    expect(journal.state).toBe("done");
    expect(failures).toBeGreaterThan(2);
  });

  it("never replaces a line whose read-back differs", async () => {
    const { root, provider } = project(files);
    const liar = faulty(provider, { corruptReadBack: "shop/development/AUTH_TOKEN" });
    const journal = await applyMigration({
      root,
      provider: liar,
      journal: journalOf(await plan(root, provider)),
    });
    expect(journal.state).toBe("partial");
    expect(journal.failed["shop/development/AUTH_TOKEN"]?.message).toContain("differs");
    expect(parse(readFileSync(join(root, ".env"))).AUTH_TOKEN).toBe("tok-cccccccccccc");
  });

  it("stops before writing anything when a file changed between plan and apply", async () => {
    const { root, provider } = project(files);
    const p = await plan(root, provider);
    writeFileSync(join(root, ".env"), `${files[".env"]}NEW_SECRET=zzzzzzzzzzzz\n`);
    await expect(applyMigration({ root, provider, journal: journalOf(p) })).rejects.toMatchObject({
      code: "MIGRATE_CHANGED",
    });
    expect(await provider.list("shop/")).toEqual({ items: [] });
    expect(readFileSync(join(root, ".env"), "utf8")).toContain("API_KEY=key-aaaaaaaaaaaa");
  });
});

describe("plan self-check", () => {
  it("refuses a file where a reference would change how dotenv reads another line", async () => {
    // NOTE's quote is unclosed; today dotenv gives up on it at the quote inside API_KEY's value.
    // Once that value is a reference, NOTE's quote would close at the end of OTHER's line and
    // swallow both lines.
    const source = 'NOTE="x\nAPI_KEY=ab"cd-secret-123\nOTHER=y"\n';
    const { root, provider } = project({ ".env": source });
    const p = await plan(root, provider, { only: ["API_KEY"], allowUnparsed: true });
    expect(p.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      ".env: replacing values with references would change how dotenv reads other lines of this file (an unclosed quote?); not migrating it",
    ]);
  });
});

describe("stubs that already have the header", () => {
  it("do not get a second copy, and undo still gives the original bytes", async () => {
    const source = `${header[0]}\nDONE=secret://local/shop/development/DONE\nAPI_KEY=key-aaaaaaaaaaaa\n`;
    const { root, provider } = project({ ".env": source });
    const p = await plan(root, provider);
    expect(p.files[0]!.addsHeader).toBe(false);
    const journal = await applyMigration({ root, provider, journal: newJournal(p) });
    expect(readFileSync(join(root, ".env"), "utf8")).toBe(
      `${header[0]}\nDONE=secret://local/shop/development/DONE\nAPI_KEY=secret://local/shop/development/API_KEY\n`,
    );
    const { undoMigration } = await import("../../src/migrate/undo.js");
    await undoMigration({ root, provider, journal });
    expect(readFileSync(join(root, ".env"), "utf8")).toBe(source);
  });
});
