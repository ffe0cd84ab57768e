/**
 * inject (async, loadSecrets) and injectSync (dotsecrets/config) on the local store: the same
 * dotenv semantics, the same resolution of secret:// references already in the environment, the
 * same errors; and the helper-process path for providers that are not read in-process.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { UserError } from "../../src/core/errors.js";
import { type InjectResult, inject } from "../../src/runtime/inject.js";
import { injectSync } from "../../src/runtime/inject-sync.js";
import { injectionEntries } from "../../src/runtime/sources.js";
import { tempDir } from "../helpers/cli.js";
import { randomAlnum } from "../helpers/fake-secrets.js";

const WORKER = resolve(import.meta.dirname, "../../dist/resolve-worker.js");
const values = {
  DB: `db-${randomAlnum(20)}`,
  TOKEN: `tok-${randomAlnum(20)}`,
  EXTRA: `ex-${randomAlnum(20)}`,
};

const project = tempDir("dotsecrets-inject-");
const home = tempDir("dotsecrets-inject-home-");
const baseEnv = (): NodeJS.ProcessEnv => ({ DOTSECRETS_HOME: home });

type Injector = (
  env: NodeJS.ProcessEnv,
  extra?: { override?: boolean },
) => InjectResult | Promise<InjectResult>;
const injectors: Array<[string, Injector]> = [
  ["inject (async)", (env, extra) => inject({ cwd: project, env, ...extra })],
  ["injectSync", (env, extra) => injectSync({ cwd: project, env, helper: WORKER, ...extra })],
];

beforeAll(async () => {
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "shop" }));
  writeFileSync(
    join(project, ".env"),
    "PORT=3000\nDB=secret://local/shop/development/DB\nTOKEN=secret://local/shop/development/TOKEN\n",
  );
  const local = openLocalProvider({ settings: {}, env: baseEnv() });
  for (const [key, value] of Object.entries(values)) await local.put(`shop/development/${key}`, value);
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe.each(injectors)("%s", (_name, run) => {
  it("reads the same layers as secrets run: the root's, then a service folder's own", async () => {
    const service = join(project, "services", "api");
    mkdirSync(service, { recursive: true });
    writeFileSync(join(service, "package.json"), JSON.stringify({ name: "api" }));
    writeFileSync(join(service, ".env.local"), "TOKEN=secret://local/shop/development/EXTRA\nPORT=4000\n");
    // The project root is the folder of dotsecrets.json (migrate writes it).
    writeFileSync(join(project, "dotsecrets.json"), "{}\n");
    try {
      const env = baseEnv();
      const options = { cwd: service, env };
      const result = await (_name === "injectSync"
        ? injectSync({ ...options, helper: WORKER })
        : inject(options));
      expect(env).toMatchObject({ PORT: "4000", DB: values.DB, TOKEN: values.EXTRA });
      expect(result.explain.find((row) => row.key === "TOKEN")).toMatchObject({
        file: ".env.local",
        overrides: ["../../.env"],
      });
    } finally {
      rmSync(join(project, "services"), { recursive: true, force: true });
      rmSync(join(project, "dotsecrets.json"), { force: true });
    }
  });

  it("says by name when the environment shadows a stub secret with another value", async () => {
    const env = { ...baseEnv(), TOKEN: "from-the-shell" };
    const result = await run(env);
    expect(env.TOKEN).toBe("from-the-shell");
    const shadow = result.warnings.filter((w) => w.includes("TOKEN is already set in the environment"));
    expect(shadow).toHaveLength(1);
    expect(shadow[0]).toContain("override");
    expect(result.warnings.join("\n")).not.toContain(values.TOKEN);
    const same = { ...baseEnv(), TOKEN: values.TOKEN };
    expect((await run(same)).warnings.filter((w) => w.includes("already set"))).toEqual([]);
  });

  it("sets the stub's variables; an already-set variable wins unless override", async () => {
    const env = { ...baseEnv(), PORT: "8080" };
    const result = await run(env);
    expect(env).toMatchObject({ PORT: "8080", DB: values.DB, TOKEN: values.TOKEN });
    expect(result.injected.sort()).toEqual(["DB", "TOKEN"]);
    expect(result.kept).toEqual(["PORT"]);
    const over = { ...baseEnv(), PORT: "8080" };
    await run(over, { override: true });
    expect(over.PORT).toBe("3000");
  });

  it("resolves secret:// references already in the environment and leaves plain values alone", async () => {
    const env = {
      ...baseEnv(),
      EXTRA: "secret://local/shop/development/EXTRA",
      DB: "secret://local/shop/development/TOKEN",
      PLAIN: "keep-me",
    };
    await run(env);
    // DB was set (to a reference): the environment's reference is resolved, not the stub's.
    expect(env).toMatchObject({
      EXTRA: values.EXTRA,
      DB: values.TOKEN,
      TOKEN: values.TOKEN,
      PLAIN: "keep-me",
    });
  });

  it("names the variable of an unresolvable reference, never a value, and sets nothing", async () => {
    const env: NodeJS.ProcessEnv = {
      ...baseEnv(),
      BROKEN: "secret://local/shop/development/NOPE",
      ODD: "secret://",
    };
    const error = await Promise.resolve()
      .then(() => run(env))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe("REFERENCE");
    expect((error as UserError).message).toContain(
      "environment variable BROKEN: shop/development/NOPE not found",
    );
    expect((error as UserError).message).toContain("environment variable ODD: malformed reference");
    for (const value of Object.values(values)) expect((error as UserError).message).not.toContain(value);
    expect(env.DB).toBeUndefined();
  });

  it("does nothing inside secrets run (DOTSECRETS_RUN=1)", async () => {
    const env = { ...baseEnv(), DOTSECRETS_RUN: "1", EXTRA: "secret://local/shop/development/EXTRA" };
    expect((await run(env)).injected).toEqual([]);
    expect(env.EXTRA).toBe("secret://local/shop/development/EXTRA");
  });

  it("without a stub of its own, an environment reads the base .env and the environment's references", async () => {
    const env = { ...baseEnv(), DOTSECRETS_ENV: "staging", EXTRA: "secret://local/shop/development/EXTRA" };
    const result = await run(env);
    // .env is the base layer of every environment (docs/layering.md); there is no .env.staging.
    expect(result.files.map((file) => file.split("/").at(-1))).toEqual([".env"]);
    expect(env.EXTRA).toBe(values.EXTRA);
  });

  it("refuses a key file other users can read, as the async provider does", async () => {
    const keyFile = join(home, "store.key");
    chmodSync(keyFile, 0o640);
    try {
      await expect(Promise.resolve().then(() => run(baseEnv()))).rejects.toMatchObject({
        code: "STORE_KEY",
        message: expect.stringContaining("accessible by other users"),
      });
    } finally {
      chmodSync(keyFile, 0o600);
    }
  });

  it("reports a wrong store key as STORE_KEY", async () => {
    const env = { ...baseEnv(), DOTSECRETS_LOCAL_KEY: "ab".repeat(32) };
    await expect(Promise.resolve().then(() => run(env))).rejects.toMatchObject({ code: "STORE_KEY" });
  });
});

describe("injectSync through the helper process (as for cloud providers)", () => {
  it.skipIf(!existsSync(WORKER))(
    "returns the same values over the pipe, and the helper's errors with their code",
    () => {
      const env = { ...baseEnv(), EXTRA: "secret://local/shop/development/EXTRA" };
      injectSync({ cwd: project, env, helper: WORKER, inProcess: () => false });
      expect(env).toMatchObject({ DB: values.DB, TOKEN: values.TOKEN, EXTRA: values.EXTRA, PORT: "3000" });
      const keyFile = join(home, "store.key");
      chmodSync(keyFile, 0o644);
      try {
        expect(() =>
          injectSync({ cwd: project, env: baseEnv(), helper: WORKER, inProcess: () => false }),
        ).toThrow(
          expect.objectContaining({ code: "STORE_KEY", message: expect.stringContaining("other users") }),
        );
      } finally {
        chmodSync(keyFile, 0o600);
      }
    },
  );
});

describe("injectionEntries", () => {
  it("takes the stub entries not already set, and the environment's references", () => {
    const stub = [
      { key: "A", value: "1", line: 1, where: ".env:1 A" },
      { key: "B", value: "secret://local/x/B", line: 2, where: ".env:2 B" },
    ];
    const env = { A: "set", B: "secret://local/x/OTHER", C: "secret://local/x/C", D: "plain" };
    const plain = injectionEntries(stub, env);
    expect(plain.kept).toEqual(["A"]);
    expect(plain.entries.map((e) => [e.key, e.value, e.fromEnvironment])).toEqual([
      ["B", "secret://local/x/OTHER", true],
      ["C", "secret://local/x/C", true],
    ]);
    const over = injectionEntries(stub, env, { override: true, only: ["A", "B"] });
    expect(over.entries.map((e) => [e.key, e.value])).toEqual([
      ["A", "1"],
      ["B", "secret://local/x/B"],
    ]);
  });
});

describe("a stub exported into the environment", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("a reference exported into the environment is replaced by its value; a real preset value wins", async () => {
    const [project, home] = [tempDir("dotsecrets-inject-"), tempDir("dotsecrets-inject-home-")];
    dirs.push(project, home);
    const reference = "secret://local/app/development/AWS_SECRET_ACCESS_KEY";
    writeFileSync(`${project}/package.json`, JSON.stringify({ name: "app" }));
    writeFileSync(`${project}/.env`, `AWS_SECRET_ACCESS_KEY=${reference}\nLOG_LEVEL=info\n`);
    await openLocalProvider({ settings: {}, env: { DOTSECRETS_HOME: home } }).put(
      "app/development/AWS_SECRET_ACCESS_KEY",
      "the-apps-own-value",
    );
    const env: NodeJS.ProcessEnv = {
      DOTSECRETS_HOME: home,
      AWS_SECRET_ACCESS_KEY: reference,
      LOG_LEVEL: "debug",
    };
    const result = await inject({ cwd: project, env });
    expect(env.AWS_SECRET_ACCESS_KEY).toBe("the-apps-own-value");
    expect(env.LOG_LEVEL).toBe("debug");
    expect(result).toMatchObject({ injected: ["AWS_SECRET_ACCESS_KEY"], kept: ["LOG_LEVEL"] });
  });
});
