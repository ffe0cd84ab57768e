/** Every stub edit is re-read as dotenv would read it before it is written (issue 9, item 19). */
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { upsertLine } from "../../src/core/stub.js";

const header = ["# header"];
const ref = "secret://local/shop/development/NEW_KEY";

function refusal(source: string): UserError {
  try {
    upsertLine(source, ".env", "NEW_KEY", ref, header);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error(`appended to ${JSON.stringify(source)}`);
}

describe("appending to a stub", () => {
  it.each(["DB:", "DB:\n", "A=1\nDB:", "DB:\r\n"])(
    "refuses when dotenv would read the new line as part of the last one (%j)",
    (source) => {
      const error = refusal(source);
      expect(error.code).toBe("ENV_PARSE");
      expect(error.message).toContain(".env");
      expect(error.message).toMatch(/line \d/);
      expect(error.message).toContain("NEW_KEY");
    },
  );

  it("still appends where dotenv reads the result right", () => {
    for (const source of ["", "A=1", "A=1\n", "A=1\r\n", "# c", "DB:x\n", "B='a'\n"]) {
      const next = upsertLine(source, ".env", "NEW_KEY", ref, header)!;
      expect(parse(next).NEW_KEY, JSON.stringify(source)).toBe(ref);
    }
  });
});
