/**
 * The scanner's cheap tests run before a regex are necessary conditions of it: whenever a rule's
 * regex would match, the cheap test passes (so skipping the regex on a failed test loses nothing).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanKeywords } from "../../src/check/automaton.js";
import { buildEngine } from "../../src/check/engine.js";
import { mayAssign } from "../../src/check/scan-buffer.js";
import { TEXT_RULES } from "../../src/inventory/text-rules.js";
import { randomAlnum } from "../helpers/fake-secrets.js";

const NAME_CODE = /[A-Za-z0-9_.-]/;
/** mayAssign over a text of one-byte characters, as the scanner's bytes are. */
const may = (text: string, end: number) => mayAssign(Buffer.from(text, "latin1"), end);

describe("mayAssign", () => {
  const engine = buildEngine({});
  const nameRules = TEXT_RULES.filter((r) => r.mode === "name");
  const value = randomAlnum(40);
  const fragments = [
    "api_key",
    "SECRET",
    "aws_secret_access_key",
    "token",
    "dbPassword",
    "x.",
    "-",
    "_",
    '"',
    "'",
    "`",
    "]",
    "[",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "\u000b",
    ":",
    "=",
    "=>",
    ":=",
    ",",
    "==",
    ": string",
    ": Record<string, string>",
    " = ",
    "(",
    ")",
    "r'",
    'b"',
    value,
    value.slice(0, 18),
  ];
  const pick = (...options: string[]) => fc.constantFrom(...options);
  // An assignment shape, piece by piece (each piece sometimes absent or odd), among free fragments.
  const assignment = fc
    .tuple(
      pick("api_key", "SECRET", "aws_secret_access_key", "my.token", "dbPassword", "x-auth-key"),
      pick("", '"', "'", "`", "]", '"]'),
      pick("", " ", "\t", "\n", "\u00a0", ": string", ": Map<a, b>", " :"),
      pick("=", ":", ":=", "=>", ",", "==", " ", ";"),
      pick("", " ", "\n  ", "\u00a0"),
      pick("", '"', "r'", 'b"', "`"),
      pick(value, value.slice(0, 16), value.slice(0, 15), value.slice(0, 10)),
    )
    .map((parts) => parts.join(""));
  const text = fc
    .array(fc.oneof(fc.constantFrom(...fragments), assignment), { maxLength: 8 })
    .map((parts) => parts.join(""));

  it("holds wherever a name rule's regex matches", () => {
    let matched = 0;
    fc.assert(
      fc.property(text, (source) => {
        // Every fragment is one byte a character, as the scanner's latin1 view of a file is.
        const latin1 = source;
        const hits = scanKeywords(Buffer.from(latin1, "latin1"), engine.automaton);
        for (let h = 0; h < hits.length; h += 2) {
          const end = hits[h]!;
          for (const id of engine.automaton.outputs.get(hits[h + 1]!)!) {
            let from = end - engine.automaton.keywords[id]!.length;
            while (from > 0 && NAME_CODE.test(latin1[from - 1]!)) from--;
            for (const rule of nameRules) {
              rule.regex.lastIndex = from;
              if (rule.regex.exec(latin1) === null) continue;
              matched++;
              expect(
                mayAssign(Buffer.from(latin1, "latin1"), end),
                `${rule.id} at ${from} in ${JSON.stringify(source)}`,
              ).toBe(true);
            }
          }
        }
      }),
      { numRuns: 4000 },
    );
    // The generator reaches the regexes often enough for the property to mean something.
    expect(matched).toBeGreaterThan(500);
  });

  it("rules out names that are read, or assigned short or computed values", () => {
    const long = randomAlnum(20);
    expect(may("const t = config.api_key;", 16)).toBe(false);
    expect(may("if (token_ttl > 5)", 13)).toBe(false);
    expect(may("token_ttl = 5;", 9)).toBe(false);
    expect(may("const token = getToken();", 11)).toBe(false);
    expect(may(`"api_key" : "x"`, 8)).toBe(true); // a colon may start a type annotation: no value test
    expect(may(`secrets[api_key] = "${long}"`, 15)).toBe(true);
    expect(may(`API_KEY\n  =\n ${long}`, 7)).toBe(true);
    expect(may(`api_key => r'${long}'`, 7)).toBe(true);
    expect(may(`secret_key, ${long}`, 10)).toBe(true);
  });
});
