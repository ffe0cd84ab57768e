/**
 * Contract part: deletion. Every provider: a deleted secret is gone for reads, describe and list,
 * deleting again is fine, and a put after delete stores the value again. Providers with
 * DeletionRecovery: a scheduled deletion can be restored with its versions; a forced one cannot.
 */
import { describe, expect, test } from "vitest";
import { hasDeletionRecovery, listAll } from "../../providers/types.js";
import type { ContractContext } from "./contract.js";

/** Registers the deletion tests. */
export function describeDeletion(ctx: ContractContext): void {
  describe("delete", () => {
    test("delete removes every version; deleting again or a missing name is fine; put works again", async () => {
      const { provider } = ctx;
      const name = ctx.name("GONE");
      const first = await provider.put(name, "one");
      await provider.put(name, "two");
      expect(await provider.delete(name)).toMatchObject({ name, existed: true });
      expect(await provider.describe(name)).toBeUndefined();
      expect(await provider.getMany([{ name }, { name, version: first.version }])).toEqual([
        { ok: false, name, reason: "not-found" },
        { ok: false, name, version: first.version, reason: "not-found" },
      ]);
      expect(await listAll(provider, `${ctx.root}/`)).toEqual([]);
      await provider.delete(name);
      expect(await provider.delete(ctx.name("NEVER_EXISTED"))).toEqual({
        name: ctx.name("NEVER_EXISTED"),
        existed: false,
      });
      const again = await provider.put(name, "again");
      expect(again).toMatchObject({ name, unchanged: false });
      expect(await provider.getMany([{ name }])).toEqual([
        { ok: true, name, version: again.version, value: "again" },
      ]);
      expect((await listAll(provider, `${ctx.root}/`)).map((info) => info.name)).toEqual([name]);
    });

    test("with DeletionRecovery: a scheduled delete restores with its versions, a forced one does not", async ({
      skip,
    }) => {
      const { provider } = ctx;
      if (!hasDeletionRecovery(provider)) return skip("this provider deletes at once");
      const name = ctx.name("RECOVER");
      const first = await provider.put(name, "one");
      const second = await provider.put(name, "two");
      const { min, max } = provider.recoveryDays;
      const scheduled = await provider.deleteWith(name, { recoveryDays: min });
      expect(scheduled.existed).toBe(true);
      expect(scheduled.recoverableUntil!.getTime()).toBeGreaterThan(Date.now() + (min - 1) * 86_400_000);
      expect(await provider.describe(name)).toBeUndefined();
      expect(await provider.restore(name)).toBe(true);
      expect(await provider.getMany([{ name }, { name, version: first.version }])).toMatchObject([
        { ok: true, version: second.version, value: "two" },
        { ok: true, version: first.version, value: "one" },
      ]);
      expect(await provider.restore(name)).toBe(false);
      await expect(provider.deleteWith(name, { recoveryDays: max + 1 })).rejects.toMatchObject({
        code: "USAGE",
      });
      expect(await provider.deleteWith(name, { force: true })).toMatchObject({ existed: true });
      expect(await provider.restore(name)).toBe(false);
      expect(await provider.describe(name)).toBeUndefined();
    });

    test("a put after a scheduled delete restores the secret and writes the new value", async ({ skip }) => {
      const { provider } = ctx;
      if (!hasDeletionRecovery(provider)) return skip("this provider deletes at once");
      const name = ctx.name("REUSED");
      await provider.put(name, "old");
      await provider.delete(name);
      const put = await provider.put(name, "new");
      expect(put).toMatchObject({ name, restored: true, unchanged: false });
      expect(await provider.getMany([{ name }])).toEqual([
        { ok: true, name, version: put.version, value: "new" },
      ]);
      await provider.delete(name);
      expect(await provider.put(name, "new")).toMatchObject({ restored: true, unchanged: true });
    });
  });
}
