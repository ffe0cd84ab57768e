/**
 * The conformance suite every SecretProvider passes: local always, AWS and GCP through the
 * emulators. Each test works under its own unique scope (`ct<id>/...`), so the suite also runs
 * against a backend shared between tests; `setup` is still called before every test.
 *
 * Decisions the suite pins down for all providers:
 * - version ids are "1", "2", … in put order (references carry `#<version>`; GCP numbers versions
 *   this way natively, AWS maps its VersionIds);
 * - values are exact: no trimming, no newline conversion, every code point round-trips;
 * - U+0000 may be refused (an environment variable cannot hold it), but only with a UserError,
 *   never by storing something else;
 * - a rejected put (name or size) writes nothing, and a rejected putMany writes no item.
 */
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { SecretProvider } from "../../providers/types.js";
import { describeRejections } from "./contract-rejections.js";
import { describeConcurrency, describeRoundTrips } from "./contract-values.js";

export interface ContractSetup {
  provider: SecretProvider;
  cleanup?: () => Promise<void>;
}

/** The per-test state the suite's parts share. */
export interface ContractContext {
  provider: SecretProvider;
  /** A scope no other test uses, e.g. `ct1a2b3c/test`. */
  root: string;
  /** A name under the test's scope. */
  name(key: string): string;
}

let counter = 0;

/**
 * Registers the provider contract tests under a `describe` block named after the provider.
 * `setup` runs before every test; `cleanup` after it. Throws nothing itself.
 */
export function describeProviderContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`provider contract: ${name}`, () => {
    const ctx = {} as ContractContext;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const made = await setup();
      cleanup = made.cleanup;
      ctx.provider = made.provider;
      ctx.root = `ct${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`;
      ctx.name = (key) => `${ctx.root}/test/${key}`;
    });
    afterEach(async () => {
      await ctx.provider?.close?.();
      await cleanup?.();
    });

    describeRoundTrips(ctx);
    describeVersions(ctx);
    describeListing(ctx);
    describeConcurrency(ctx);
    describeRejections(ctx);
  });
}

function describeVersions(ctx: ContractContext): void {
  describe("versions", () => {
    test("a second, different value becomes version 2; version 1 stays readable", async () => {
      const { provider } = ctx;
      const name = ctx.name("ROTATED");
      await provider.put(name, "first");
      expect(await provider.put(name, "second")).toEqual({
        name,
        version: "2",
        created: false,
        unchanged: false,
      });
      expect(await provider.getMany([{ name }, { name, version: "1" }, { name, version: "2" }])).toEqual([
        { ok: true, name, version: "2", value: "second" },
        { ok: true, name, version: "1", value: "first" },
        { ok: true, name, version: "2", value: "second" },
      ]);
      expect(await provider.describe(name)).toMatchObject({ name, version: "2", versionCount: 2 });
    });

    test("an unknown version is version-not-found, a missing secret is not-found", async () => {
      const { provider } = ctx;
      const name = ctx.name("ONE");
      await provider.put(name, "v");
      const missing = ctx.name("MISSING");
      expect(
        await provider.getMany([
          { name, version: "99" },
          { name: missing, version: "1" },
        ]),
      ).toEqual([
        { ok: false, name, version: "99", reason: "version-not-found" },
        { ok: false, name: missing, version: "1", reason: "not-found" },
      ]);
    });

    test("putting the current value again is unchanged and adds no version", async () => {
      const { provider } = ctx;
      const name = ctx.name("SAME");
      await provider.put(name, "same");
      expect(await provider.put(name, "same")).toEqual({
        name,
        version: "1",
        created: false,
        unchanged: true,
      });
      expect(await provider.describe(name)).toMatchObject({ version: "1", versionCount: 1 });
    });

    test("going back to an older value is a new version (only the current one counts)", async () => {
      const { provider } = ctx;
      const name = ctx.name("BACK");
      await provider.put(name, "a");
      await provider.put(name, "b");
      expect(await provider.put(name, "a")).toMatchObject({ version: "3", unchanged: false });
      expect(await provider.put(name, "a")).toMatchObject({ version: "3", unchanged: true });
    });
  });
}

function describeListing(ctx: ContractContext): void {
  describe("list, describe, delete, getMany", () => {
    test("list returns only the scope asked for, sorted by name, without values", async () => {
      const { provider, root } = ctx;
      const values = new Map([
        [`${root}/dev/B_KEY`, "value-dev-b"],
        [`${root}/dev/A_KEY`, "value-dev-a"],
        [`${root}/prod/A_KEY`, "value-prod-a"],
        [`${root}/devx/A_KEY`, "value-devx-a"],
        [`${root}x/dev/A_KEY`, "value-other-app"],
      ]);
      for (const [name, value] of values)
        await provider.put(name, value, { labels: { app: root, env: "dev" } });
      const dev = await provider.list(`${root}/dev/`);
      expect(dev.map((info) => info.name)).toEqual([`${root}/dev/A_KEY`, `${root}/dev/B_KEY`]);
      expect((await provider.list(`${root}/`)).map((info) => info.name)).toEqual([
        `${root}/dev/A_KEY`,
        `${root}/dev/B_KEY`,
        `${root}/devx/A_KEY`,
        `${root}/prod/A_KEY`,
      ]);
      expect(await provider.list(`${root}/staging/`)).toEqual([]);
      for (const info of dev) {
        expect(info).not.toHaveProperty("value");
        expect(info).toMatchObject({ version: "1", versionCount: 1 });
        expect(info.labels).toMatchObject({ app: root, env: "dev" });
      }
      const serialized = JSON.stringify(await provider.list(""));
      for (const value of values.values()) expect(serialized).not.toContain(value);
    });

    test("describe reports metadata; delete removes every version; deleting again is fine", async () => {
      const { provider } = ctx;
      const name = ctx.name("GONE");
      expect(await provider.describe(name)).toBeUndefined();
      const before = Date.now();
      await provider.put(name, "one");
      await provider.put(name, "two");
      const info = await provider.describe(name);
      expect(info).toMatchObject({ name, version: "2", versionCount: 2 });
      expect(info).not.toHaveProperty("value");
      expect(info!.createdAt).toBeInstanceOf(Date);
      expect(info!.createdAt.getTime()).toBeGreaterThan(before - 60_000);
      expect(info!.updatedAt.getTime()).toBeGreaterThanOrEqual(info!.createdAt.getTime());

      await provider.delete(name);
      expect(await provider.describe(name)).toBeUndefined();
      expect(await provider.getMany([{ name }, { name, version: "1" }])).toEqual([
        { ok: false, name, reason: "not-found" },
        { ok: false, name, version: "1", reason: "not-found" },
      ]);
      expect(await provider.list(`${ctx.root}/`)).toEqual([]);
      await provider.delete(name);
      await provider.delete(ctx.name("NEVER_EXISTED"));
      expect(await provider.put(name, "again")).toMatchObject({ name, created: true, unchanged: false });
    });

    test("getMany answers every request in order, found and missing mixed", async () => {
      const { provider } = ctx;
      const [a, b, missing] = [ctx.name("A"), ctx.name("B"), ctx.name("MISSING")];
      await provider.put(a, "value-a");
      await provider.put(b, "value-b1");
      await provider.put(b, "value-b2");
      expect(
        await provider.getMany([
          { name: b },
          { name: missing },
          { name: a },
          { name: b, version: "1" },
          { name: a, version: "7" },
          { name: a },
        ]),
      ).toEqual([
        { ok: true, name: b, version: "2", value: "value-b2" },
        { ok: false, name: missing, reason: "not-found" },
        { ok: true, name: a, version: "1", value: "value-a" },
        { ok: true, name: b, version: "1", value: "value-b1" },
        { ok: false, name: a, version: "7", reason: "version-not-found" },
        { ok: true, name: a, version: "1", value: "value-a" },
      ]);
      expect(await provider.getMany([])).toEqual([]);
    });

    test("putMany, when offered, is put for each item in order", async ({ skip }) => {
      const { provider } = ctx;
      if (!provider.putMany) return skip("this provider has no putMany");
      const [a, b] = [ctx.name("A"), ctx.name("B")];
      await provider.put(b, "b1");
      const results = await provider.putMany([
        { name: a, value: "a1", options: { labels: { app: ctx.root } } },
        { name: b, value: "b1" },
        { name: b, value: "b2" },
        { name: a, value: "a1" },
      ]);
      expect(results).toEqual([
        { name: a, version: "1", created: true, unchanged: false },
        { name: b, version: "1", created: false, unchanged: true },
        { name: b, version: "2", created: false, unchanged: false },
        { name: a, version: "1", created: false, unchanged: true },
      ]);
      expect(await provider.getMany([{ name: a }, { name: b }])).toMatchObject([
        { value: "a1" },
        { value: "b2" },
      ]);
      expect(await provider.putMany([])).toEqual([]);
    });
  });
}
