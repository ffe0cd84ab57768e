/**
 * The conformance suite every SecretProvider passes: local always, AWS and GCP through the
 * emulators. Each test works under its own unique scope (`ct<id>/...`), so the suite also runs
 * against a backend shared between tests; `setup` is still called before every test.
 *
 * Decisions the suite pins down for all providers:
 * - version ids are opaque strings ("3" locally, a UUID on AWS): the suite only compares them with
 *   what put returned, never assumes an order or a format; a pinned version may vanish later;
 * - a deleted secret is gone for reads, describe and list at once, whatever the provider keeps for
 *   recovery; a put after delete stores the value again (on AWS by restoring first);
 * - listing is paged; versionCount is filled in when asked for;
 * - values are exact: no trimming, no newline conversion, every code point round-trips;
 * - U+0000 may be refused (an environment variable cannot hold it), but only with a UserError,
 *   never by storing something else;
 * - a rejected put (name or size) writes nothing, and a rejected putMany writes no item.
 */
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { listAll, type SecretProvider } from "../../providers/types.js";
import { describeDeletion } from "./contract-deletion.js";
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
    describeDeletion(ctx);
  });
}

function describeVersions(ctx: ContractContext): void {
  describe("versions", () => {
    test("a second, different value is a new version; the first stays readable by its id", async () => {
      const { provider } = ctx;
      const name = ctx.name("ROTATED");
      const first = await provider.put(name, "first");
      const second = await provider.put(name, "second");
      expect(second).toEqual({ name, version: second.version, created: false, unchanged: false });
      expect(typeof second.version).toBe("string");
      expect(second.version).not.toBe(first.version);
      expect(
        await provider.getMany([
          { name },
          { name, version: first.version },
          { name, version: second.version },
        ]),
      ).toEqual([
        { ok: true, name, version: second.version, value: "second" },
        { ok: true, name, version: first.version, value: "first" },
        { ok: true, name, version: second.version, value: "second" },
      ]);
      expect(await provider.describe(name)).toMatchObject({ name, version: second.version, versionCount: 2 });
    });

    test("an unknown version is version-not-found, a missing secret is not-found", async () => {
      const { provider } = ctx;
      const name = ctx.name("ONE");
      const { version } = await provider.put(name, "v");
      const unknown = `${version}0`;
      const missing = ctx.name("MISSING");
      expect(
        await provider.getMany([
          { name, version: unknown },
          { name: missing, version },
        ]),
      ).toEqual([
        { ok: false, name, version: unknown, reason: "version-not-found" },
        { ok: false, name: missing, version, reason: "not-found" },
      ]);
    });

    test("putting the current value again is unchanged and adds no version", async () => {
      const { provider } = ctx;
      const name = ctx.name("SAME");
      const { version } = await provider.put(name, "same");
      expect(await provider.put(name, "same")).toEqual({ name, version, created: false, unchanged: true });
      expect(await provider.describe(name)).toMatchObject({ version, versionCount: 1 });
    });

    test("going back to an older value is a new version (only the current one counts)", async () => {
      const { provider } = ctx;
      const name = ctx.name("BACK");
      const a = await provider.put(name, "a");
      const b = await provider.put(name, "b");
      const back = await provider.put(name, "a");
      expect(back).toMatchObject({ unchanged: false, created: false });
      expect([a.version, b.version]).not.toContain(back.version);
      expect(await provider.put(name, "a")).toMatchObject({ version: back.version, unchanged: true });
      expect(await provider.getMany([{ name }])).toEqual([
        { ok: true, name, version: back.version, value: "a" },
      ]);
      expect(await provider.describe(name)).toMatchObject({ versionCount: 3 });
    });
  });
}

function describeListing(ctx: ContractContext): void {
  describe("list, describe, getMany", () => {
    test("list returns only the scope asked for, sorted by name, without values", async () => {
      const { provider, root } = ctx;
      const values = new Map([
        [`${root}/dev/B_KEY`, "value-dev-b"],
        [`${root}/dev/A_KEY`, "value-dev-a"],
        [`${root}/prod/A_KEY`, "value-prod-a"],
        [`${root}/devx/A_KEY`, "value-devx-a"],
        [`${root}x/dev/A_KEY`, "value-other-app"],
      ]);
      const versions = new Map<string, string>();
      for (const [name, value] of values)
        versions.set(name, (await provider.put(name, value, { labels: { app: root, env: "dev" } })).version);
      const dev = await listAll(provider, `${root}/dev/`);
      expect(dev.map((info) => info.name)).toEqual([`${root}/dev/A_KEY`, `${root}/dev/B_KEY`]);
      expect((await listAll(provider, `${root}/`)).map((info) => info.name)).toEqual([
        `${root}/dev/A_KEY`,
        `${root}/dev/B_KEY`,
        `${root}/devx/A_KEY`,
        `${root}/prod/A_KEY`,
      ]);
      expect(await provider.list(`${root}/staging/`)).toEqual({ items: [] });
      for (const info of dev) {
        expect(info).not.toHaveProperty("value");
        expect(info.version).toBe(versions.get(info.name));
        expect(info.labels).toMatchObject({ app: root, env: "dev" });
      }
      const serialized = JSON.stringify(await listAll(provider, `${root}`));
      for (const value of values.values()) expect(serialized).not.toContain(value);
    });

    test("list pages with a cursor, and fills versionCount when asked", async () => {
      const { provider, root } = ctx;
      const names = ["A", "B", "C", "D", "E"].map((key) => ctx.name(key));
      for (const name of names) await provider.put(name, `value-${name}`);
      await provider.put(names[2]!, "second");
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await provider.list(`${root}/`, {
          pageSize: 2,
          ...(cursor !== undefined && { cursor }),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((info) => info.name));
        cursor = page.cursor;
        pages++;
      } while (cursor !== undefined && pages < 10);
      expect(seen).toEqual(names);
      expect(pages).toBeGreaterThanOrEqual(3);
      const counted = await listAll(provider, `${root}/`, { versionCount: true });
      expect(counted.map((info) => info.versionCount)).toEqual([1, 1, 2, 1, 1]);
    });

    test("describe reports metadata without a value", async () => {
      const { provider } = ctx;
      const name = ctx.name("DESCRIBED");
      expect(await provider.describe(name)).toBeUndefined();
      const before = Date.now();
      await provider.put(name, "one");
      const { version } = await provider.put(name, "two");
      const info = await provider.describe(name);
      expect(info).toMatchObject({ name, version, versionCount: 2 });
      expect(info).not.toHaveProperty("value");
      expect(info!.createdAt).toBeInstanceOf(Date);
      expect(info!.createdAt.getTime()).toBeGreaterThan(before - 60_000);
      expect(info!.updatedAt.getTime()).toBeGreaterThanOrEqual(info!.createdAt.getTime());
    });

    test("getMany answers every request in order, found and missing, latest and pinned mixed", async () => {
      const { provider } = ctx;
      const [a, b, missing] = [ctx.name("A"), ctx.name("B"), ctx.name("MISSING")];
      const va = (await provider.put(a, "value-a")).version;
      const vb1 = (await provider.put(b, "value-b1")).version;
      const vb2 = (await provider.put(b, "value-b2")).version;
      const unknown = `${va}7`;
      expect(
        await provider.getMany([
          { name: b },
          { name: missing },
          { name: a },
          { name: b, version: vb1 },
          { name: a, version: unknown },
          { name: a },
        ]),
      ).toEqual([
        { ok: true, name: b, version: vb2, value: "value-b2" },
        { ok: false, name: missing, reason: "not-found" },
        { ok: true, name: a, version: va, value: "value-a" },
        { ok: true, name: b, version: vb1, value: "value-b1" },
        { ok: false, name: a, version: unknown, reason: "version-not-found" },
        { ok: true, name: a, version: va, value: "value-a" },
      ]);
      expect(await provider.getMany([])).toEqual([]);
    });

    test("getMany of 45 names (more than one batch anywhere) answers each in order", async () => {
      const { provider } = ctx;
      const names = Array.from({ length: 45 }, (_, i) => ctx.name(`MANY_${String(i).padStart(2, "0")}`));
      for (const [i, name] of names.entries()) if (i % 9 !== 4) await provider.put(name, `many-${i}`);
      const got = await provider.getMany(names.map((name) => ({ name })));
      expect(got.map((r) => (r.ok ? r.value : r.reason))).toEqual(
        names.map((_, i) => (i % 9 === 4 ? "not-found" : `many-${i}`)),
      );
    });

    test("putMany, when offered, is put for each item in order", async ({ skip }) => {
      const { provider } = ctx;
      if (!provider.putMany) return skip("this provider has no putMany");
      const [a, b] = [ctx.name("A"), ctx.name("B")];
      const b1 = (await provider.put(b, "b1")).version;
      const results = await provider.putMany([
        { name: a, value: "a1", options: { labels: { app: ctx.root } } },
        { name: b, value: "b1" },
        { name: b, value: "b2" },
        { name: a, value: "a1" },
      ]);
      const a1 = results[0]!.version;
      const b2 = results[2]!.version;
      expect(b2).not.toBe(b1);
      expect(results).toEqual([
        { name: a, version: a1, created: true, unchanged: false },
        { name: b, version: b1, created: false, unchanged: true },
        { name: b, version: b2, created: false, unchanged: false },
        { name: a, version: a1, created: false, unchanged: true },
      ]);
      expect(await provider.getMany([{ name: a }, { name: b }])).toMatchObject([
        { value: "a1", version: a1 },
        { value: "b2", version: b2 },
      ]);
      expect(await provider.putMany([])).toEqual([]);
    });
  });
}
