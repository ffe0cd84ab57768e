// Parity corpus: each case must give exactly dotenv.parse's record, exact offsets, a byte-identical
// rewrite and a format that spells every value span back. Inline cases plus test/fixtures/envfile/parity.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/envfile/index.js";
import { checkDocument } from "./helpers.js";

const inline: Array<[string, string]> = [
  ["basic", "BASIC=basic\n"],
  ["empty value", "EMPTY=\n"],
  ["empty at end of file", "EMPTY="],
  ["spaces around =", "KEY   =   value\n"],
  ["tab around =", "KEY\t=\tvalue\t\n"],
  ["inline comment", "KEY=value # comment\n"],
  ["# without space cuts an unquoted value", "URL=https://example.com/#frag\nPASS=abc#123\n"],
  ["value that starts with #", "KEY=#notvalue\n"],
  ["# inside double quotes", 'KEY="a # b" # real comment\n'],
  ["# inside single quotes", "KEY='a # b'\n"],
  ["# inside backticks", "KEY=`a # b`\n"],
  ["single quotes", "SINGLE='single quoted'\n"],
  ["double quotes", 'DOUBLE="double quoted"\n'],
  ["backticks", "BACKTICK=`backtick quoted`\n"],
  ["quotes inside other quotes", `A="it's \`x\`"\nB='say "hi"'\nC=\`both ' and "\`\n`],
  ["spaces kept inside quotes", "KEY='  padded  '\n"],
  ["empty quotes", "A=''\nB=\"\"\nC=``\n"],
  ["multi-line double quotes", 'MULTI="first\nsecond\nthird"\nNEXT=1\n'],
  ["multi-line single quotes", "MULTI='first\nsecond'\nNEXT=1\n"],
  ["multi-line backticks", "MULTI=`first\nsecond`\nNEXT=1\n"],
  ["\\n expanded in double quotes only", "D=\"a\\nb\\rc\"\nS='a\\nb'\nB=`a\\nb`\nU=a\\nb\n"],
  ["escaped backslash before n", 'D="a\\\\nb"\n'],
  ["escaped quote kept verbatim", 'D="say \\"hi\\""\nS=\'it\\\'s\'\n'],
  ["export prefix", "export KEY=value\nexport  SPACED=1\n"],
  ["a key named export", "export=1\n"],
  ["colon syntax", "KEY: value\nOTHER:value\n"],
  ["duplicate keys: last wins", "KEY=first\nKEY=second\nKEY=third\n"],
  ["CRLF file", "A=1\r\nB='two'\r\nC=\"multi\r\nline\"\r\n"],
  ["lone CR line endings", "A=1\rB=2\rC='x\ry'\r"],
  ["mixed line endings", "A=1\r\nB=2\nC=3\rD=4"],
  ["BOM", "\uFEFFFIRST=1\nSECOND=2\n"],
  ["BOM with CRLF and export", "\uFEFFexport A=1\r\nB=2\r\n"],
  ["no trailing newline", "A=1\nB=2"],
  ["unterminated double quote", 'A="never closed\nB=2\n'],
  ["unterminated single quote", "A='never closed\nB=2\n"],
  ["unterminated quote with escape", 'A="abc\\ndef\n'],
  ["unterminated quote closed on a later line", "A='abc\nB=2\nC='\n"],
  ["text after closing quote", 'A=\'abc\' trailing\nB="x"y"\n'],
  ["value that is just a quote char", "A=\"\nB='\nC=`\n"],
  ["keys with dots and dashes", "my.key=1\nmy-key=2\n_under=3\n9digits=4\n"],
  ["invalid key names are ignored", "MY KEY=1\nKÉY=2\n$KEY=3\nKEY\n=orphan\n"],
  ["whitespace-only lines", "A=1\n   \n\t\nB=2\n"],
  ["indented lines", "   A=1\n\t\tB=2\n"],
  ["unicode values", "GREETING=héllo wörld 🔑\nJA='日本語'\n"],
  ["= inside values", "EQ=a=b=c\nQ='x=y'\n"],
  ["URL with # in quotes", 'URL="https://example.com/path#section"\n'],
  ["JSON value", 'JSON={"a":1,"b":"two"}\nQUOTED=\'{"a": 1}\'\n'],
  ["trailing spaces", "A=value   \nB='quoted'   \nC=\"x\"\t\t# c\n"],
  ["comments and blank lines", "# header\n\n# another\nA=1 # inline\n\n"],
  ["value on the next line", "A=\n'next line'\nB=2\n"],
  ["key and = on different lines", "A\n=value\n"],
  ["colon then newline", "A:\nvalue\n"],
  ["backslash before closing quote", "A='x\\'\nB=it's\n"],
  ["NUL byte", "A=a\u0000b\nB=2\n"],
  ["U+2028 inside an unquoted value", "A=x\u2028y\nB='p'\u2028q\n"],
  ["quoted value ending in a comment-looking line", "A='x\nB='# y\n"],
  ["__proto__ key", "__proto__=x\nconstructor=y\n"],
  ["only comments", "# nothing here\n"],
  ["empty file", ""],
];

const fixtureDir = join(import.meta.dirname, "../fixtures/envfile/parity");
const fixtures: Array<[string, string]> = readdirSync(fixtureDir)
  .filter((name) => name.endsWith(".env"))
  .sort()
  .map((name) => [`fixture ${name}`, readFileSync(join(fixtureDir, name), "utf8")]);

const corpus = [...inline, ...fixtures];

describe("parity corpus", () => {
  it("has at least 40 cases", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus)("%s", (_name, source) => {
    checkDocument(source);
  });
});

describe("corpus readings worth spelling out", () => {
  const valuesOf = (source: string) =>
    Object.fromEntries(parseEnv(source).entries.map((e) => [e.key, e.value]));

  it("keeps the quote of an unterminated value and reads the next lines normally", () => {
    expect(valuesOf('A="never closed\nB=2\n')).toEqual({ A: '"never closed', B: "2" });
  });

  it("strips outer quotes even when text sits between them", () => {
    expect(valuesOf('B="x"y"\n')).toEqual({ B: 'x"y' });
  });

  it("lets a single-quoted value swallow lines when a later line closes it", () => {
    expect(valuesOf("A='abc\nB=2\nC='\n")).toEqual({ A: "abc\nB=2\nC=" });
    expect(parseEnv("A='abc\nB=2\nC='\n").warnings.map((w) => w.line)).toContain(1);
  });

  it("reads the value from the next line when = ends a line and a quote starts the next", () => {
    expect(valuesOf("A=\n'next line'\nB=2\n")).toEqual({ A: "next line", B: "2" });
  });

  it("offsets index the original text, after a BOM and across CRLF", () => {
    const source = '\uFEFFA=1\r\nB="x\r\ny"\r\nC=3';
    const [a, b, c] = parseEnv(source).entries;
    expect(source.slice(a!.start, a!.end)).toBe("A=1");
    expect(source.slice(b!.valueStart, b!.valueEnd)).toBe("x\r\ny");
    expect(b!.value).toBe("x\ny");
    expect(c!.line).toBe(4);
  });

  it("keeps every duplicate entry in order", () => {
    const doc = parseEnv("K=1\nK=2\n");
    expect(doc.entries.map((e) => e.value)).toEqual(["1", "2"]);
    expect(doc.warnings).toEqual([
      { line: 1, message: "K is set again on line 2; dotenv keeps the last value" },
    ]);
  });
});
