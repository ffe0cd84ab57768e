/**
 * Contract part: values that must round-trip exactly, and concurrent writers.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { listAll } from "../../providers/types.js";
import type { ContractContext } from "./contract.js";

/** Value cases every provider must store and return byte for byte. */
function valueCases(maxBytes: number): Array<[string, string]> {
  const latin1 = Array.from({ length: 255 }, (_, i) => String.fromCharCode(i + 1)).join("");
  return [
    ["an empty value", ""],
    ["quotes, $ and backslashes", `it's "quoted" \`tick\` $HOME \${VAR} $(cmd) \\n \\ #not-a-comment`],
    ["leading and trailing whitespace", "  \t padded value \t  "],
    ["emoji, CJK and combining marks", "🔑👩🏽‍💻 秘密の鍵 비밀 e\u0301 n\u0303 Z\u0351\u0362"],
    ["LF line breaks", "-----BEGIN KEY-----\nMIIB\nabc\n-----END KEY-----\n"],
    ["CRLF and lone CR inside", "line1\r\nline2\r\n\rline3\r"],
    ["every char 1..255 (latin1)", latin1],
    ["a base64 blob", randomBytes(3000).toString("base64")],
    ["JSON text", JSON.stringify({ user: "app", password: 'p@ss"w\\rd', nested: { list: [1, 2] } })],
    ["exactly the size limit in ASCII", "a".repeat(maxBytes)],
    ["exactly the size limit in 2-byte chars", "é".repeat(maxBytes / 2)],
    ["exactly the size limit in 4-byte chars", "😀".repeat(maxBytes / 4)],
  ];
}

/** Registers the round-trip tests. */
export function describeRoundTrips(ctx: ContractContext): void {
  describe("round trips", () => {
    // The limit is read at run time; 65536 (AWS, GCP, local) is what the cases are built for.
    for (const [label] of valueCases(65_536)) {
      test(`stores and returns ${label} exactly`, async () => {
        const { provider } = ctx;
        const value = valueCases(provider.limits.maxValueBytes).find(([l]) => l === label)![1];
        const name = ctx.name("VALUE");
        const put = await provider.put(name, value);
        expect(put).toEqual({ name, version: put.version, created: true, unchanged: false });
        const [got] = await provider.getMany([{ name }]);
        expect(got).toEqual({ ok: true, name, version: put.version, value });
      });
    }

    test("a value with U+0000 round-trips or is refused with a UserError", async () => {
      const { provider } = ctx;
      const name = ctx.name("NUL");
      const value = "before\u0000after";
      let stored = true;
      let version = "";
      try {
        version = (await provider.put(name, value)).version;
      } catch (error) {
        expect((error as Error).name).toBe("UserError");
        expect((error as Error).message).not.toContain("before");
        stored = false;
      }
      const [got] = await provider.getMany([{ name }]);
      if (stored) expect(got).toEqual({ ok: true, name, version, value });
      else expect(got).toMatchObject({ ok: false, reason: "not-found" });
    });
  });
}

/** Registers the concurrent-writer tests. */
export function describeConcurrency(ctx: ContractContext): void {
  describe("concurrency", () => {
    test("20 concurrent puts to different names all land", async () => {
      const { provider } = ctx;
      const names = Array.from({ length: 20 }, (_, i) => ctx.name(`KEY_${String(i).padStart(2, "0")}`));
      const results = await Promise.all(names.map((name, i) => provider.put(name, `value-${i}`)));
      expect(results.every((r) => r.created && !r.unchanged)).toBe(true);
      expect((await listAll(provider, `${ctx.root}/`)).map((info) => info.name)).toEqual(names);
      const got = await provider.getMany(names.map((name) => ({ name })));
      expect(got.map((r) => (r.ok ? r.value : r.reason))).toEqual(names.map((_, i) => `value-${i}`));
    });

    test("10 concurrent puts to one name give 10 versions, each holding its own value", async () => {
      const { provider } = ctx;
      const name = ctx.name("CONTENDED");
      const values = Array.from({ length: 10 }, (_, i) => `writer-${i}`);
      const results = await Promise.all(values.map((value) => provider.put(name, value)));
      const versions = results.map((r) => r.version);
      expect(new Set(versions).size).toBe(10);
      const info = await provider.describe(name);
      expect(info).toMatchObject({ versionCount: 10 });
      expect(versions).toContain(info!.version);
      const got = await provider.getMany(versions.map((version) => ({ name, version })));
      expect(got.map((r) => (r.ok ? r.value : r.reason))).toEqual(values);
      const [latest] = await provider.getMany([{ name }]);
      expect(latest).toMatchObject({ ok: true, version: info!.version });
    });
  });
}
