import { randomBytes } from "node:crypto";
import { chmod, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { MAX_VERSIONS } from "../../providers/local/data.js";
import { resolveLocalPaths } from "../../providers/local/paths.js";
import { LOCAL_LIMITS, openLocalProvider } from "../../providers/local.js";
import { PREFIX, randomAlnum, urlWithPassword } from "../helpers/fake-secrets.js";
import { describeProviderContract } from "./contract.js";
import { freshProvider, rejection, tempDir } from "./local-helpers.js";

describeProviderContract("local", async () => ({ provider: await freshProvider() }));

const posix = process.platform !== "win32";

describe("local store files", () => {
  test("limits match AWS and GCP", () => {
    expect(LOCAL_LIMITS.maxValueBytes).toBe(65_536);
  });

  test.runIf(posix)(
    "creates the directory 0700 and both files 0600, and leaves no temp or lock files",
    async () => {
      const provider = await freshProvider();
      await provider.putMany([
        { name: "app/dev/A", value: "1" },
        { name: "app/dev/B", value: "2" },
      ]);
      await provider.put("app/dev/A", "3");
      expect((await stat(provider.paths.dir)).mode & 0o777).toBe(0o700);
      expect((await stat(provider.paths.store)).mode & 0o777).toBe(0o600);
      expect((await stat(provider.paths.key)).mode & 0o777).toBe(0o600);
      expect((await readdir(provider.paths.dir)).sort()).toEqual(["store.enc", "store.key"]);
    },
  );

  test("reading creates nothing; a missing store is empty", async () => {
    const provider = await freshProvider();
    expect(await provider.list("")).toEqual({ items: [] });
    expect(await provider.getMany([{ name: "a/b" }])).toEqual([
      { ok: false, name: "a/b", reason: "not-found" },
    ]);
    await provider.delete("a/b");
    await expect(stat(provider.paths.dir)).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("the file on disk holds no value, name or label in any common encoding", async () => {
    const provider = await freshProvider();
    const planted = new Map([
      ["acme/prod/STRIPE_SECRET_KEY", `${PREFIX.stripeLive}${randomBytes(12).toString("hex")}`],
      [
        "acme/prod/DATABASE_URL",
        urlWithPassword("postgres", "admin", `hunter2-${randomAlnum(12)}`, "db.internal:5432/acme"),
      ],
      ["acme/prod/UNICODE", "пароль-秘密-🔑-long-enough"],
    ]);
    for (const [name, value] of planted)
      await provider.put(name, value, { labels: { team: "payments-team" } });
    const raw = await readFile(provider.paths.store);
    const needles = [...planted.values(), ...planted.keys(), "payments-team"].flatMap((text) => {
      const bytes = Buffer.from(text, "utf8");
      return [
        bytes,
        Buffer.from(text, "utf16le"),
        bytes.toString("base64"),
        bytes.toString("base64url"),
        bytes.toString("hex"),
      ];
    });
    for (const needle of needles) expect(raw.includes(needle)).toBe(false);
  });

  test("each write uses a fresh IV; an unchanged put does not rewrite the file", async () => {
    const provider = await freshProvider();
    await provider.put("a/b/C", "same");
    const first = await readFile(provider.paths.store);
    await provider.put("a/b/C", "same");
    expect((await readFile(provider.paths.store)).equals(first)).toBe(true);
    await provider.put("a/b/D", "other");
    const second = await readFile(provider.paths.store);
    expect(second.subarray(25, 37).equals(first.subarray(25, 37))).toBe(false);
  });

  test(`keeps the newest ${MAX_VERSIONS} versions and never reuses an id`, async () => {
    const provider = await freshProvider();
    const total = MAX_VERSIONS + 5;
    await provider.putMany(Array.from({ length: total }, (_, i) => ({ name: "a/b/C", value: `v${i + 1}` })));
    expect(await provider.describe("a/b/C")).toMatchObject({
      version: String(total),
      versionCount: MAX_VERSIONS,
    });
    const [oldest, kept] = await provider.getMany([
      { name: "a/b/C", version: "5" },
      { name: "a/b/C", version: "6" },
    ]);
    expect(oldest).toMatchObject({ ok: false, reason: "version-not-found" });
    expect(kept).toMatchObject({ ok: true, value: "v6" });
  });
});

describe("damaged store and keys", () => {
  async function storeWithData() {
    const provider = await freshProvider();
    await provider.put("app/dev/KEY", "a value long enough to have a body");
    return provider;
  }

  test("a flipped byte anywhere (magic, version, key id, IV, body, tag) is STORE_CORRUPT", async () => {
    const provider = await storeWithData();
    const good = await readFile(provider.paths.store);
    for (const at of [0, 16, 17, 30, 40, good.length - 20, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x01;
      await writeFile(provider.paths.store, bad);
      const error = await rejection(provider.list(""));
      expect(error.code, `byte ${at}`).toBe("STORE_CORRUPT");
      expect(error.message).toContain(provider.paths.store);
      expect(error.hint).toBeTruthy();
      // A damaged store must never be "repaired" by a write that starts from empty.
      expect((await rejection(provider.put("app/dev/OTHER", "x"))).code).toBe("STORE_CORRUPT");
    }
  });

  test("a truncated or empty store is STORE_CORRUPT", async () => {
    const provider = await storeWithData();
    const good = await readFile(provider.paths.store);
    for (const length of [0, 10, 37, 53, good.length - 1]) {
      await writeFile(provider.paths.store, good.subarray(0, length));
      expect((await rejection(provider.getMany([{ name: "app/dev/KEY" }]))).code, `length ${length}`).toBe(
        "STORE_CORRUPT",
      );
    }
  });

  test("DOTSECRETS_LOCAL_KEY in hex or base64 opens the same store, and no key file is made", async () => {
    const key = randomBytes(32);
    const provider = await freshProvider({ DOTSECRETS_LOCAL_KEY: key.toString("hex") });
    await provider.put("ci/test/TOKEN", "t0ken");
    await expect(stat(provider.paths.key)).rejects.toMatchObject({ code: "ENOENT" });
    const again = openLocalProvider({
      env: { DOTSECRETS_HOME: provider.paths.dir, DOTSECRETS_LOCAL_KEY: key.toString("base64") },
      settings: {},
    });
    expect(await again.getMany([{ name: "ci/test/TOKEN" }])).toMatchObject([{ ok: true, value: "t0ken" }]);
  });

  test("a wrong DOTSECRETS_LOCAL_KEY is STORE_KEY naming the variable", async () => {
    const provider = await storeWithData();
    const wrong = openLocalProvider({
      env: { DOTSECRETS_HOME: provider.paths.dir, DOTSECRETS_LOCAL_KEY: randomBytes(32).toString("base64") },
      settings: {},
    });
    const error = await rejection(wrong.getMany([{ name: "app/dev/KEY" }]));
    expect(error.code).toBe("STORE_KEY");
    expect(error.message).toContain("DOTSECRETS_LOCAL_KEY");
    expect(error.message).toContain(provider.paths.store);
    expect((await rejection(wrong.put("app/dev/KEY", "overwrite"))).code).toBe("STORE_KEY");
  });

  test("a malformed DOTSECRETS_LOCAL_KEY is STORE_KEY and its content is not echoed", async () => {
    for (const bad of ["not-a-key-at-all", "abcd".repeat(15), Buffer.alloc(31, 7).toString("base64")]) {
      const provider = await freshProvider({ DOTSECRETS_LOCAL_KEY: bad });
      const error = await rejection(provider.put("a/b/C", "v"));
      expect(error.code).toBe("STORE_KEY");
      expect(error.message).toContain("DOTSECRETS_LOCAL_KEY");
      expect(`${error.message} ${error.hint}`).not.toContain(bad);
    }
  });

  test("a store whose key file is missing is STORE_KEY, and is not overwritten with a new key", async () => {
    const provider = await storeWithData();
    const before = await readFile(provider.paths.store);
    await writeFile(`${provider.paths.key}.bak`, await readFile(provider.paths.key));
    await unlink(provider.paths.key);
    expect((await rejection(provider.list(""))).code).toBe("STORE_KEY");
    expect((await rejection(provider.put("app/dev/NEW", "v"))).code).toBe("STORE_KEY");
    expect((await readFile(provider.paths.store)).equals(before)).toBe(true);
  });

  test.runIf(posix)("a key file readable by others is refused with a chmod hint", async () => {
    const provider = await storeWithData();
    await chmod(provider.paths.key, 0o644);
    const error = await rejection(provider.list(""));
    expect(error.code).toBe("STORE_KEY");
    expect(error.hint).toContain("chmod 600");
  });
});

describe("store location", () => {
  test("DOTSECRETS_HOME wins over settings.home, which wins over the platform directory", () => {
    const env = { HOME: "/home/u", XDG_DATA_HOME: "/xdg" };
    expect(resolveLocalPaths({ ...env, DOTSECRETS_HOME: "/ds" }, { home: "/cfg" }, "linux").dir).toBe("/ds");
    expect(resolveLocalPaths(env, { home: "~/cfg" }, "linux").dir).toBe("/home/u/cfg");
    expect(resolveLocalPaths(env, {}, "linux").store).toBe("/xdg/dotsecrets/store.enc");
    expect(resolveLocalPaths({ HOME: "/home/u", XDG_DATA_HOME: "rel" }, {}, "linux").dir).toBe(
      "/home/u/.local/share/dotsecrets",
    );
    expect(resolveLocalPaths({ HOME: "/Users/u" }, {}, "darwin").dir).toBe(
      "/Users/u/Library/Application Support/dotsecrets",
    );
    expect(resolveLocalPaths({ LOCALAPPDATA: "/appdata" }, {}, "win32").dir).toBe(
      join("/appdata", "dotsecrets"),
    );
  });

  test("a relative location is a CONFIG error", async () => {
    expect(() => resolveLocalPaths({ DOTSECRETS_HOME: "secrets" }, {}, "linux")).toThrow(/absolute/);
    expect(() => resolveLocalPaths({ HOME: "/h" }, { home: "./secrets" }, "linux")).toThrow(/absolute/);
    expect(() => resolveLocalPaths({ HOME: "/h" }, { home: 42 }, "linux")).toThrow(/string/);
  });

  test("uses the env it is given, not process.env", async () => {
    const dir = join(await tempDir(), "given");
    const provider = openLocalProvider({ env: { DOTSECRETS_HOME: dir }, settings: {} });
    await provider.put("a/b/C", "v");
    expect(await readdir(dir)).toContain("store.enc");
    expect(process.env.DOTSECRETS_HOME).not.toBe(dir);
  });
});
