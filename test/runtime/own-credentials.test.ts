import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isOwnCredential, OWN_CREDENTIALS, stripOwnCredentials } from "../../src/runtime/own-credentials.js";

describe("own credentials", () => {
  it("lists the local key and treats unknown DOTSECRETS_ variables as credentials", () => {
    expect(OWN_CREDENTIALS.local).toContain("DOTSECRETS_LOCAL_KEY");
    expect(isOwnCredential("DOTSECRETS_LOCAL_KEY")).toBe(true);
    expect(isOwnCredential("dotsecrets_local_key")).toBe(true);
    expect(isOwnCredential("DOTSECRETS_AWS_TOKEN")).toBe(true);
    for (const name of [
      "DOTSECRETS_ENV",
      "DOTSECRETS_HOME",
      "DOTSECRETS_RUN",
      "DOTSECRETS_AGENT",
      "AWS_ACCESS_KEY_ID",
      "PATH",
    ]) {
      expect(isOwnCredential(name)).toBe(false);
    }
  });

  it("strips them and returns every spelling of a key for the masker", () => {
    const key = randomBytes(32);
    const { env, values } = stripOwnCredentials({
      PATH: "/bin",
      DOTSECRETS_HOME: "/h",
      DOTSECRETS_LOCAL_KEY: key.toString("base64"),
    });
    expect(env).toEqual({ PATH: "/bin", DOTSECRETS_HOME: "/h" });
    expect(values).toEqual(
      expect.arrayContaining([key.toString("base64"), key.toString("hex"), key.toString("base64url")]),
    );
  });
});
