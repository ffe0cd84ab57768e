/**
 * The GCP name mapping, CRC-32C, settings and pacing: pure units, property-tested where it counts.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { crc32c } from "../../../providers/gcp/crc32c.js";
import {
  checkGcpName,
  fromLabelValue,
  fromSecretId,
  listFilter,
  scopeLabels,
  toLabelValue,
  toSecretId,
} from "../../../providers/gcp/names.js";
import { slowCrc32c } from "../../emulators/gcp-store.js";

const segmentChar = fc.constantFrom(..."abcXYZ019_.-+=@".split(""));
const segment = fc
  .string({ unit: segmentChar, minLength: 1, maxLength: 12 })
  .filter((s) => s !== "." && s !== "..");
const scopedName = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));

describe("secret id mapping", () => {
  test("ordinary names read naturally", () => {
    expect(toSecretId("shop/production/DATABASE_URL")).toBe("shop--production--DATABASE_URL");
    expect(toSecretId("node-app/dev/stripe-key_2")).toBe("node-app--dev--stripe-key_2");
    expect(toSecretId("shop/.env/KEY")).toBe("shop---2e656e76--KEY");
    expect(toSecretId("a-/-b/c--d")).toBe("-612d---2d62---632d2d64");
  });

  test("property: every valid name maps to a valid id that maps back (round trip)", () => {
    fc.assert(
      fc.property(scopedName, (name) => {
        fc.pre(checkGcpName(name) === undefined);
        const id = toSecretId(name);
        expect(id).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
        expect(fromSecretId(id)).toBe(name);
      }),
      { numRuns: 3000 },
    );
  });

  test("property: different names never share an id (injective)", () => {
    fc.assert(
      fc.property(scopedName, scopedName, (a, b) => {
        fc.pre(a !== b);
        expect(toSecretId(a)).not.toBe(toSecretId(b));
      }),
      { numRuns: 5000 },
    );
  });

  test("property: an arbitrary id decodes only when it is the canonical id of its name", () => {
    const idChar = fc.constantFrom(..."aB0_-ef".split(""));
    fc.assert(
      fc.property(fc.string({ unit: idChar, minLength: 1, maxLength: 20 }), (id) => {
        const name = fromSecretId(id);
        if (name !== undefined) expect(toSecretId(name)).toBe(id);
      }),
      { numRuns: 5000 },
    );
    for (const foreign of ["-", "a--", "--a", "a---b", "-2E", "-6", "-61", "a--b---"]) {
      expect(fromSecretId(foreign), foreign).toBeUndefined();
    }
  });

  test("checkName: id length counts, and the limits are GCP's", () => {
    expect(checkGcpName("a/b/C")).toBeUndefined();
    expect(checkGcpName(`a/${"K".repeat(251)}`)).toBeUndefined();
    expect(checkGcpName(`a/${"K".repeat(252)}`)).toMatch(/253/);
    expect(checkGcpName(`a/b/${"K.".repeat(70)}`)).toMatch(/255/);
    expect(checkGcpName("a b")).toMatch(/character/);
    expect(checkGcpName("a//b")).toMatch(/empty segment/);
  });
});

describe("labels", () => {
  test("label values are lower case, at most 63, and reversible for short segments", () => {
    expect(toLabelValue("shop")).toBe("shop");
    expect(toLabelValue("My_App.v2")).toBe("_my___app_-v2");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."aZ09_.-".split("")), minLength: 1, maxLength: 80 }),
        (s) => {
          const value = toLabelValue(s);
          expect(value).toMatch(/^[a-z0-9_-]{1,63}$/);
          if (value.length <= 63 && !/-[0-9a-f]{8}$/.test(value)) expect(fromLabelValue(value)).toBe(s);
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."aZ_.".split("")), minLength: 1, maxLength: 20 }),
        fc.string({ unit: fc.constantFrom(..."aZ_.".split("")), minLength: 1, maxLength: 20 }),
        (a, b) => {
          fc.pre(a !== b);
          expect(toLabelValue(a)).not.toBe(toLabelValue(b));
        },
      ),
    );
  });

  test("scope labels and list filters use whole segments only", () => {
    expect(scopeLabels("Shop/prod/KEY")).toEqual({
      "managed-by": "dotsecrets",
      "dotsecrets-app": "_shop",
      "dotsecrets-env": "prod",
    });
    expect(scopeLabels("KEY")).toEqual({ "managed-by": "dotsecrets" });
    expect(listFilter("")).toBe("labels.managed-by=dotsecrets");
    expect(listFilter("shop/pr")).toBe("labels.managed-by=dotsecrets AND labels.dotsecrets-app=shop");
    expect(listFilter("shop/prod/")).toBe(
      "labels.managed-by=dotsecrets AND labels.dotsecrets-app=shop AND labels.dotsecrets-env=prod",
    );
  });
});

describe("CRC-32C", () => {
  test("the reference vector and agreement with an independent bitwise implementation", () => {
    expect(crc32c(Buffer.from("123456789"))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(crc32c(bytes)).toBe(slowCrc32c(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
