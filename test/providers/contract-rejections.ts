/**
 * Contract part: names and sizes a provider must refuse, before anything is written.
 */
import { describe, expect, test } from "vitest";
import { listAll, type SecretProvider } from "../../providers/types.js";
import { UserError } from "../../src/core/errors.js";
import type { ContractContext } from "./contract.js";

async function names(provider: SecretProvider, prefix: string): Promise<string[]> {
  return (await listAll(provider, prefix)).map((info) => info.name);
}

async function expectUserError(promise: Promise<unknown>, code: string): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
}

/** Registers the name and size rejection tests. */
export function describeRejections(ctx: ContractContext): void {
  describe("rejections", () => {
    const badNames = (root: string, maxLength: number): Array<[string, string]> => [
      ["empty", ""],
      ["a doubled slash", `${root}//KEY`],
      ["a parent segment", "../x"],
      ["a parent segment inside", `${root}/../KEY`],
      ["a leading slash", `/${root}/KEY`],
      ["a trailing slash", `${root}/KEY/`],
      ["a space", `${root}/test/MY KEY`],
      ["too long", `${root}/${"K".repeat(maxLength)}`],
    ];

    test("checkName accepts ordinary scoped names", () => {
      const { provider, root } = ctx;
      for (const name of [
        `${root}/production/DATABASE_URL`,
        `${root}/dev/stripe-key_2`,
        "KEY",
        `${root}/dev/A+B=C@D`,
      ]) {
        expect(provider.checkName(name)).toBeUndefined();
      }
      expect(
        provider.checkName(`${root}/${"K".repeat(provider.limits.maxNameLength - root.length - 1)}`),
      ).toBe(undefined);
    });

    test("bad names are refused by checkName and put, and nothing is written", async () => {
      const { provider, root } = ctx;
      const before = await names(provider, "");
      for (const [label, name] of badNames(root, provider.limits.maxNameLength)) {
        const reason = provider.checkName(name);
        expect(reason, label).toBeTypeOf("string");
        expect(reason!.length, label).toBeGreaterThan(0);
        const error = await expectUserError(provider.put(name, "planted-value-xyz"), "PROVIDER_NAME");
        expect(error.message).not.toContain("planted-value-xyz");
      }
      expect(await names(provider, "")).toEqual(before);
    });

    test("a value one byte over the limit is refused, naming the secret and the limit", async () => {
      const { provider } = ctx;
      const max = provider.limits.maxValueBytes;
      const name = ctx.name("TOO_BIG");
      for (const value of ["Z".repeat(max + 1), `${"é".repeat(max / 2)}Z`]) {
        const error = await expectUserError(provider.put(name, value), "PROVIDER_SIZE");
        expect(error.message).toContain(name);
        expect(error.message).toContain(String(max));
        expect(error.message).not.toContain("ZZZZ");
      }
      expect(await provider.describe(name)).toBeUndefined();
      expect(await names(provider, `${ctx.root}/`)).toEqual([]);
    });

    test("a batch with one bad item writes none of its items", async ({ skip }) => {
      const { provider } = ctx;
      if (!provider.putMany) return skip("this provider has no putMany");
      const good = ctx.name("GOOD");
      await expectUserError(
        provider.putMany([
          { name: good, value: "fine" },
          { name: ctx.name("HUGE"), value: "x".repeat(provider.limits.maxValueBytes + 1) },
        ]),
        "PROVIDER_SIZE",
      );
      await expectUserError(
        provider.putMany([
          { name: good, value: "fine" },
          { name: `${ctx.root}//BAD`, value: "fine" },
        ]),
        "PROVIDER_NAME",
      );
      expect(await names(provider, `${ctx.root}/`)).toEqual([]);
    });
  });
}
