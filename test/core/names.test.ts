/** Invalid names are explained, never echoed: a name given on the command line may hold a value. */
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { assertKey, keyProblem } from "../../src/core/names.js";
import { envName } from "../../src/core/project.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

const secret = `${PREFIX.stripeLive}${randomAlnum(32)}`;

function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const e = error as UserError;
    return `${e.message}\n${e.hint ?? ""}`;
  }
  throw new Error("did not throw");
}

describe("assertKey", () => {
  it("accepts dotenv keys", () => {
    for (const key of ["A", "STRIPE_SECRET_KEY", "a.b-c_1", "1ABC"])
      expect(() => assertKey(key)).not.toThrow();
  });

  it("says what is wrong with KEY=value without echoing any of it", () => {
    const text = messageOf(() => assertKey(`STRIPE_SECRET_KEY=${secret}`));
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(0, 12));
    expect(text).not.toContain("STRIPE_SECRET_KEY");
    expect(text).toContain("contains '='");
    expect(text).toMatch(/stdin/);
  });

  it("names the problem for other bad names", () => {
    expect(keyProblem("")).toBe("is empty");
    expect(keyProblem("A B")).toContain("contains a space");
    expect(keyProblem("A\tB")).toContain("contains a tab");
    expect(keyProblem("A\nB")).toContain("contains a line break");
    expect(keyProblem("A$B")).toContain("contains '$'");
    expect(keyProblem("AéB")).toContain("contains U+00E9");
    expect(keyProblem("OK")).toBeUndefined();
    const text = messageOf(() => assertKey(`x ${secret}`));
    expect(text).not.toContain(secret);
  });
});

describe("envName", () => {
  it("does not echo an invalid environment name", () => {
    const text = messageOf(() => envName({}, `prod=${secret}`));
    expect(text).not.toContain(secret);
    expect(text).toContain("contains '='");
  });
});
