import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { formatReference, isReference, parseReference } from "../../src/core/reference.js";
import { upsertLine } from "../../src/core/stub.js";
import { isUnsafeName } from "../../src/runtime/unsafe-names.js";

describe("references", () => {
  it.each([
    ["secret://local/shop/production/STRIPE_KEY", { provider: "local", name: "shop/production/STRIPE_KEY" }],
    [
      "secret://local/shop/production/STRIPE_KEY#3",
      { provider: "local", name: "shop/production/STRIPE_KEY", version: "3" },
    ],
    [
      "secret://aws/shop/production?key=STRIPE_KEY",
      { provider: "aws", name: "shop/production", field: "STRIPE_KEY" },
    ],
    [
      "secret://aws/shop/production?key=A.B-c#v2",
      { provider: "aws", name: "shop/production", field: "A.B-c", version: "v2" },
    ],
    [
      "secret://aws/shop/prod/A+B=C@D#3f2c9a1e-7d4b-4e2a-9c1d-0b5e6f7a8b9c",
      { provider: "aws", name: "shop/prod/A+B=C@D", version: "3f2c9a1e-7d4b-4e2a-9c1d-0b5e6f7a8b9c" },
    ],
  ])("parses and formats %s", (text, expected) => {
    expect(parseReference(text)).toEqual(expected);
    expect(formatReference(expected)).toBe(text);
  });

  it.each([
    ["secret://", "expected secret://<provider>/<name>"],
    ["secret://local", "expected secret://<provider>/<name>"],
    ["secret://local/", "segments"],
    ["secret://local/a//b", "segments"],
    ["secret://local/a/../b", "segments"],
    ["secret://local/a b", "segments"],
    ["secret://Local/a", "invalid provider"],
    ["secret://local/a#", "version"],
    ["secret://local/a?x=1", "?key="],
    ["https://example.com", "does not start"],
  ])("rejects %s", (text, reason) => {
    const parsed = parseReference(text);
    expect("error" in parsed && parsed.error).toContain(reason);
  });

  it("recognises references by their scheme only", () => {
    expect(isReference("secret://local/a")).toBe(true);
    expect(isReference("postgres://secret://x")).toBe(false);
  });
});

describe("unsafe names", () => {
  it.each([
    "PATH",
    "path",
    "NODE_OPTIONS",
    "LD_PRELOAD",
    "LD_LIBRARY_PATH",
    "DYLD_INSERT_LIBRARIES",
    "PYTHONPATH",
    "BASH_ENV",
    "npm_config_script_shell",
    "GIT_SSH_COMMAND",
    "HOME",
  ])("%s is unsafe", (name) => expect(isUnsafeName(name)).toBe(true));
  it.each(["DATABASE_URL", "PATH_PREFIX", "NODE_ENV", "HOMEPAGE_URL", "LDAP_URL"])("%s is fine", (name) =>
    expect(isUnsafeName(name)).toBe(false),
  );
});

describe("stub upsert", () => {
  const header = ["# header"];
  const ref = "secret://local/shop/development/KEY";

  it("replaces every assignment of the key, keeping quotes, comments and line endings", () => {
    const source = 'A=1\r\nKEY="old value" # note\r\nexport KEY=other\r\n';
    const next = upsertLine(source, ".env", "KEY", ref, header)!;
    expect(next).toBe(`A=1\r\nKEY="${ref}" # note\r\nexport KEY=${ref}\r\n`);
    expect(parse(next).KEY).toBe(ref);
  });

  it("appends to an existing file (adding a missing final newline) and creates a new one with a header", () => {
    expect(upsertLine("A=1", ".env", "KEY", ref, header)).toBe(`A=1\nKEY=${ref}\n`);
    expect(upsertLine("", ".env", "KEY", ref, header)).toBe(`# header\nKEY=${ref}\n`);
  });

  it("quotes a pinned reference so dotenv does not read #version as a comment", () => {
    const next = upsertLine("", ".env", "KEY", `${ref}#2`, header)!;
    expect(parse(next).KEY).toBe(`${ref}#2`);
  });

  it("returns undefined when nothing changes", () => {
    expect(upsertLine(`KEY=${ref}\n`, ".env", "KEY", ref, header)).toBeUndefined();
  });
});
