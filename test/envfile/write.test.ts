// Writer, formats, spellings and warnings: the cases the properties do not pin down by name.
import dotenv from "dotenv";
import { describe, expect, it } from "vitest";
import { InternalError } from "../../src/core/errors.js";
import {
  applyEdits,
  detectEol,
  encodeForNewEntry,
  encodeInQuotes,
  encodeValue,
  fitsFormat,
  formatOf,
  insertHeader,
  parseEnv,
  planValueEdit,
  readsAs,
  removeHeader,
} from "../../src/envfile/index.js";

describe("applyEdits", () => {
  const source = "# top\r\nA=1 # keep\r\nB='two'\r\nC=\"x\r\ny\"\r\n";
  const doc = parseEnv(source);
  const [a, b, c] = doc.entries;

  it("returns the source itself with no edits", () => {
    expect(applyEdits(doc, [])).toBe(source);
  });

  it("replaces only value spans, in any order", () => {
    const out = applyEdits(doc, [
      { entry: c!, raw: "C" },
      { entry: a!, raw: "secret://local/app/dev/A" },
      { entry: b!, raw: "" },
    ]);
    expect(out).toBe("# top\r\nA=secret://local/app/dev/A # keep\r\nB=''\r\nC=\"C\"\r\n");
  });

  it("replaces the quotes too when asked", () => {
    expect(applyEdits(doc, [{ entry: b!, raw: "plain", withQuotes: true }])).toContain("B=plain\r\n");
  });

  it("throws InternalError on overlapping edits", () => {
    expect(() =>
      applyEdits(doc, [
        { entry: a!, raw: "x" },
        { entry: a!, raw: "y" },
      ]),
    ).toThrow(InternalError);
  });
});

describe("headers and line endings", () => {
  const header = ["# Managed by dotsecrets", "# Safe to read"];

  it("detects the file's own line ending", () => {
    expect(detectEol("A=1\r\nB=2\r\n")).toBe("\r\n");
    expect(detectEol("A=1\nB=2\r\nC=3\n")).toBe("\n");
    expect(detectEol("A=1")).toBe("\n");
  });

  it("inserts after a BOM with CRLF in a CRLF file, and removes exactly that", () => {
    const source = "\uFEFFA=1\r\nB=2\r\n";
    const withHeader = insertHeader(source, header);
    expect(withHeader).toBe("\uFEFF# Managed by dotsecrets\r\n# Safe to read\r\nA=1\r\nB=2\r\n");
    expect(dotenv.parse(withHeader)).toEqual({ A: "1", B: "2" });
    expect(removeHeader(withHeader, header)).toBe(source);
  });

  it("works on an empty file", () => {
    expect(insertHeader("", header)).toBe("# Managed by dotsecrets\n# Safe to read\n");
    expect(removeHeader(insertHeader("", header), header)).toBe("");
  });

  it("returns undefined when the header was edited", () => {
    const edited = insertHeader("A=1\n", header).replace("Safe", "safe");
    expect(removeHeader(edited, header)).toBeUndefined();
    expect(removeHeader("A=1\n", header)).toBeUndefined();
  });

  it("refuses header lines that are not single comment lines", () => {
    expect(() => insertHeader("A=1\n", ["not a comment"])).toThrow(InternalError);
    expect(() => insertHeader("A=1\n", ["# two\nKEY=1"])).toThrow(InternalError);
  });
});

describe("formatOf / encodeValue", () => {
  it("records each line break's raw form and no value characters", () => {
    const source = 'K="a\r\nb\nc\rd\\ne\\rf"';
    const doc = parseEnv(source);
    const format = formatOf(doc, doc.entries[0]!);
    expect(format).toEqual({ quote: '"', breaks: "CLRnr" });
    expect(encodeValue("a\nb\nc\nd\ne\rf", format!)).toBe(source.slice(3, -1));
  });

  it("describes an unterminated double quote, where dotenv still expands escapes", () => {
    const doc = parseEnv('K="abc\\ndef\n');
    expect(doc.entries[0]!.value).toBe('"abc\ndef');
    expect(formatOf(doc, doc.entries[0]!)).toEqual({ quote: null, breaks: "n" });
  });

  it("declines the U+2028 case where dotenv strips quotes mid-value", () => {
    const doc = parseEnv("K=x\u2028'b'\n");
    expect(doc.entries[0]!.value).toBe("x\u2028b");
    expect(formatOf(doc, doc.entries[0]!)).toBeUndefined();
  });

  it("throws InternalError when the value's line breaks do not fit the format", () => {
    expect(fitsFormat("a\nb", { quote: '"', breaks: "L" })).toBe(true);
    expect(fitsFormat("a\rb", { quote: '"', breaks: "L" })).toBe(false);
    expect(() => encodeValue("a\nb\nc", { quote: '"', breaks: "L" })).toThrow(InternalError);
    expect(() => encodeValue("abc", { quote: '"', breaks: "n" })).toThrow(InternalError);
  });
});

describe("encodeForNewEntry", () => {
  const spelled: Array<[string, string]> = [
    ["plain", "plain"],
    ["", ""],
    ["secret://aws/app/prod/KEY#3", "'secret://aws/app/prod/KEY#3'"],
    [" padded ", "' padded '"],
    ["it's", "it's"],
    ["'starts with quote", '"\'starts with quote"'],
    ["two\nlines", '"two\\nlines"'],
    ["cr\r\nlf", '"cr\\r\\nlf"'],
    ["a\\nb\nc", "'a\\nb\nc'"],
    ["ends with \\", "ends with \\"],
    ["'q\"`", "''q\"`'"],
    ["\n'\"`", '"\\n\'"`"'],
  ];

  it.each(spelled)("spells %j as %j", (value, raw) => {
    expect(encodeForNewEntry(value)).toBe(raw);
    expect(dotenv.parse(`K=${raw}\nNEXT='#'`).K).toBe(value);
  });

  // dotenv has no escape for quotes or backslashes, so these have no spelling at all.
  it.each([[" ends with \\"], ["#x\\"], ["\n'\"`#"], ['x\r"#'], ["a\\nb\r"], ["'a\"b`#"]])(
    "returns undefined for %j",
    (value) => {
      expect(encodeForNewEntry(value)).toBeUndefined();
    },
  );

  it("spells values for inside existing quotes", () => {
    expect(encodeInQuotes("a\nb", '"')).toBe("a\\nb");
    expect(encodeInQuotes("a\nb", '"', { literalBreaks: true })).toBe("a\nb");
    expect(encodeInQuotes("it's", "'")).toBeUndefined();
    expect(encodeInQuotes("it\\'s", "'")).toBe("it\\'s");
    expect(encodeInQuotes("x\r", "'")).toBeUndefined();
  });
});

describe("planValueEdit", () => {
  it("keeps the existing quotes when they can carry the value", () => {
    const doc = parseEnv('PEM="-----BEGIN-----\nabc\n-----END-----"\nB=1\n');
    const edit = planValueEdit(doc, 0, "secret://local/app/dev/PEM");
    expect(edit).toMatchObject({ raw: "secret://local/app/dev/PEM" });
    expect(applyEdits(doc, [edit!])).toBe('PEM="secret://local/app/dev/PEM"\nB=1\n');
  });

  it("re-quotes when the old quotes cannot carry the value", () => {
    const doc = parseEnv("A='old'\n");
    const edit = planValueEdit(doc, 0, "it's");
    expect(applyEdits(doc, [edit!])).toBe("A=it's\n");
  });

  it("refuses a value an earlier unclosed quote would swallow", () => {
    const doc = parseEnv("A='open\nB=x\n");
    expect(planValueEdit(doc, 1, "a' #")).toBeUndefined();
  });
});

describe("warnings", () => {
  const messages = (source: string) => parseEnv(source).warnings.map((w) => `${w.line}: ${w.message}`);

  it("flags ignored lines without quoting them", () => {
    const warnings = messages("A=1\nhunter2 is my password\n# comment\n\nB=2\n");
    expect(warnings).toEqual([
      "2: dotenv ignores this line: it is not KEY=value (keys may use letters, digits, _, . and - only)",
    ]);
  });

  it("flags an unterminated quote and a quote swallowing assignments", () => {
    expect(messages('A="open\nB=2\n')[0]).toMatch(
      /^1: A: the value starts with " but is not one quoted string/,
    );
    expect(messages("A='open\nB=2\nC='\n")[0]).toMatch(/^1: A: the quoted value runs from line 1 to line 3/);
  });

  it("flags a # that cuts a value, NUL bytes and a fragile trailing backslash", () => {
    expect(messages("P=abc#def\n")[0]).toMatch(/^1: P: the value stops at a #/);
    expect(messages("A=1\nB=a\0b\n")).toContain(
      "2: the file contains NUL bytes: is it UTF-16 or binary rather than a UTF-8 .env file?",
    );
    expect(messages("A='x\\'\n")[0]).toMatch(/ends with a backslash/);
  });

  it("has nothing to say about an ordinary file", () => {
    expect(messages("# c\nexport A=1\nB=\"multi\nline\"\nC='x # y' # z\nD=\n")).toEqual([]);
  });
});

describe("warning volume", () => {
  it("summarises past 200 warnings", () => {
    const warnings = parseEnv("junk\n".repeat(500)).warnings;
    expect(warnings).toHaveLength(201);
    expect(warnings[200]).toEqual({ line: 201, message: "300 more warnings not shown" });
  });
});

describe("readsAs (issue 9, item 19)", () => {
  it("names the first key dotenv reads otherwise, with its line", () => {
    expect(readsAs("A=1\nB=2\n", { A: "1", B: "2" })).toBeUndefined();
    expect(readsAs("A=1\nDB:\nNEW=x\n", { A: "1", NEW: "x" })).toEqual({ key: "DB", line: 2 });
    expect(readsAs("A=1\n", { A: "1", NEW: "x" })).toEqual({ key: "NEW", line: 0 });
    expect(readsAs("A=2\n", { A: "1" })).toEqual({ key: "A", line: 1 });
  });
});
