// Property tests: parity with dotenv, lossless writing, the format round trip and verified value edits,
// over text built from the characters that matter to dotenv's regex.
import dotenv from "dotenv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEdits,
  EnvFileError,
  editSpan,
  encodeForNewEntry,
  insertHeader,
  parseEnv,
  parseEnvBuffer,
  planValueEdit,
  removeHeader,
} from "../../src/envfile/index.js";
import { checkDocument } from "./helpers.js";

const RUNS = { numRuns: 400 };

// Fragments chosen to hit every branch of dotenv's LINE regex and its value rule.
const fragment = fc.constantFrom(
  "A",
  "b",
  "KEY",
  "k.e-y",
  "_",
  "9",
  "=",
  " = ",
  ":",
  ": ",
  " ",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "'",
  '"',
  "`",
  "#",
  " #",
  "\\",
  "\\n",
  "\\r",
  "export ",
  "é",
  "🔑",
  "\uFEFF",
  "\u2028",
  "\u00a0",
  "\0",
  "<s3cr3t>",
);
const chaos = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(""));

// Line-shaped text: mostly KEY=value lines with quotes, comments and odd breaks mixed in.
const valueText = fc
  .array(
    fragment.filter((f) => !/^(?:A|KEY|b)$/.test(f)),
    { maxLength: 6 },
  )
  .map((p) => p.join(""));
const line = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("", "export ", "  "),
      fc.constantFrom("A", "B", "KEY", "k.e-y", "X_1"),
      fc.constantFrom("=", " = ", ": ", "="),
      fc.constantFrom("", "'", '"', "`"),
      valueText,
      fc.constantFrom("", "'", '"', "`"),
      fc.constantFrom("", " # c", "#c", "  "),
    )
    .map((parts) => parts.join("")),
  fc.constantFrom("", "# comment", "   ", "garbage line"),
  chaos,
);
const eol = fc.constantFrom("\n", "\r\n", "\r");
const envText = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(line, eol), { maxLength: 8 }))
  .map(([bom, lines]) => (bom ? "\uFEFF" : "") + lines.map(([l, e]) => l + e).join(""));
const anyText = fc.oneof(envText, chaos);

// Values to write: printable ASCII, quotes, backslashes, line breaks and some unicode.
const valueChar = fc.constantFrom(..."ab Z09=#:'\"`\\\n\r\t.-/@é🔑\u2028");
const newValue = fc.string({ unit: valueChar, maxLength: 12 });

describe("parse (properties)", () => {
  it("(a)(b)(c) parity with dotenv, byte-identical rewrite, format round trip", () => {
    fc.assert(
      fc.property(anyText, (source) => {
        checkDocument(source);
      }),
      { numRuns: 1500 },
    );
  });

  it("`only` keeps exactly the entries it accepts, offsets and all", () => {
    fc.assert(
      fc.property(anyText, fc.nat(3), (source, pick) => {
        const accept = (key: string, value: string) => (key.length + value.length) % 4 !== pick;
        const all = parseEnv(source, "f", { warnings: false }).entries;
        const some = parseEnv(source, "f", { only: accept });
        expect(some.entries).toEqual(all.filter((e) => accept(e.key, e.value)));
        expect(some.warnings).toEqual([]);
      }),
      RUNS,
    );
  });

  it("warnings never quote the text of the file", () => {
    fc.assert(
      fc.property(anyText, (source) => {
        for (const warning of parseEnv(source).warnings) expect(warning.message).not.toContain("<s3cr3t>");
      }),
      RUNS,
    );
  });

  it("a header survives insert/remove exactly and changes no value", () => {
    const header = ["# Managed by dotsecrets", "# safe to read"];
    fc.assert(
      fc.property(anyText, (source) => {
        const withHeader = insertHeader(source, header);
        expect(dotenv.parse(withHeader)).toEqual(dotenv.parse(source));
        expect(removeHeader(withHeader, header)).toBe(source);
      }),
      RUNS,
    );
  });
});

describe("encodeForNewEntry (properties)", () => {
  it("spells values that dotenv reads back exactly, whatever lines follow", () => {
    let spelled = 0;
    fc.assert(
      fc.property(newValue, (value) => {
        const raw = encodeForNewEntry(value);
        if (raw === undefined) return;
        spelled++;
        expect(dotenv.parse(`K=${raw}`).K).toBe(value);
        expect(dotenv.parse(`A=1\r\nK=${raw}\nB='#'\nC="x"\n`)).toEqual({ A: "1", K: value, B: "#", C: "x" });
      }),
      { numRuns: 1000 },
    );
    // Unspellable values exist but are rare in this alphabet.
    expect(spelled).toBeGreaterThan(900);
  });
});

describe("planValueEdit (property d)", () => {
  it("changes only the entry's span and dotenv then reads the new value", () => {
    let planned = 0;
    fc.assert(
      fc.property(envText, newValue, fc.nat(), (source, value, pick) => {
        const doc = parseEnv(source);
        const unique = doc.entries
          .map((entry, index) => ({ entry, index }))
          .filter(({ entry }) => doc.entries.filter((e) => e.key === entry.key).length === 1);
        fc.pre(unique.length > 0);
        const { entry, index } = unique[pick % unique.length]!;
        const edit = planValueEdit(doc, index, value);
        if (edit === undefined) {
          // Only a document dotenv already reads oddly, or a value nothing can spell, is refused.
          if (doc.warnings.length === 0) expect(encodeForNewEntry(value)).toBeUndefined();
          return;
        }
        planned++;
        const next = applyEdits(doc, [edit]);
        const { start, end } = editSpan(edit);
        expect(next.slice(0, start)).toBe(source.slice(0, start));
        expect(next.slice(start + edit.raw.length)).toBe(source.slice(end));
        const before = dotenv.parse(source);
        const after = dotenv.parse(next);
        expect(after).toEqual({ ...before, [entry.key]: value });
      }),
      { numRuns: 600 },
    );
    expect(planned).toBeGreaterThan(200);
  });
});

describe("parseEnvBuffer on arbitrary bytes", () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    // Mostly valid text with a stray byte, so failures land on later lines too.
    fc.tuple(envText, fc.integer({ min: 0x80, max: 0xff }), fc.nat()).map(([text, bad, at]) => {
      const buf = Buffer.from(text, "utf8");
      const i = buf.length === 0 ? 0 : at % buf.length;
      return Buffer.concat([buf.subarray(0, i), Buffer.from([bad]), buf.subarray(i)]);
    }),
  );

  it("returns a document or throws EnvFileError with file and line, nothing else", () => {
    fc.assert(
      fc.property(bytes, (buf) => {
        try {
          const doc = parseEnvBuffer(Buffer.from(buf), "x.env");
          expect(doc.source).toBe(new TextDecoder("utf-8", { ignoreBOM: true }).decode(buf));
        } catch (error) {
          expect(error).toBeInstanceOf(EnvFileError);
          const e = error as EnvFileError;
          expect(e.code).toBe("ENV_PARSE");
          expect(e.file).toBe("x.env");
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.message).toMatch(/^x\.env:\d+: not valid UTF-8 \(byte 0x[0-9a-f]{2} at column \d+\)$/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
