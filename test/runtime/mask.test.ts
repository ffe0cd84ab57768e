import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactor, MIN_MASKED_LENGTH, maskedForms, type Redactor } from "../../src/runtime/mask.js";
import { PREFIX } from "../helpers/fake-secrets.js";

/** Writes the chunks through a fresh stream and returns everything it emitted. */
async function throughStream(redactor: Redactor, chunks: readonly Buffer[]): Promise<Buffer> {
  const stream = redactor.stream();
  const out: Buffer[] = [];
  stream.on("data", (data: Buffer) => out.push(data));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await ended;
  return Buffer.concat(out);
}

/** Cuts bytes at the given offsets (sorted, deduplicated, clamped). */
function cut(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const points = [...new Set(offsets.map((offset) => Math.min(offset, bytes.length)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

/** One complete terminal escape sequence at a position (CSI, OSC/DCS/SOS/PM/APC ended by BEL or ST, ESC x). */
const ESCAPE_SOURCE = String.raw`\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|[\x20-\x2f]*[\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x7e])`;
const ESCAPE_AT = new RegExp(ESCAPE_SOURCE, "y");

/** Where `form` ends when it starts at `at`, escape sequences allowed between its characters (not inside a form holding ESC). */
function matchEnd(text: string, at: number, form: string): number | undefined {
  if (form.includes("\x1b")) return text.startsWith(form, at) ? at + form.length : undefined;
  let j = at;
  for (let k = 0; k < form.length; k++) {
    if (k > 0) {
      for (;;) {
        ESCAPE_AT.lastIndex = j;
        const sequence = ESCAPE_AT.exec(text);
        if (!sequence) break;
        j += sequence[0].length;
      }
    }
    if (text[j] !== form[k]) return undefined;
    j++;
  }
  return j;
}

/**
 * Positions a terminal shows: not inside a complete escape sequence, the sequences read from the
 * left (`ESC a` is a sequence, so its `a` is not a character of the text).
 */
function visiblePositions(text: string): boolean[] {
  const visible = Array.from({ length: text.length }, () => true);
  for (let i = text.indexOf("\x1b"); i !== -1; i = text.indexOf("\x1b", i + 1)) {
    ESCAPE_AT.lastIndex = i;
    const sequence = ESCAPE_AT.exec(text);
    if (!sequence) continue;
    for (let j = i; j < i + sequence[0].length; j++) visible[j] = false;
    i += sequence[0].length - 1;
  }
  return visible;
}

/**
 * A slow, obviously right redact: every occurrence of every form — as it is in the text, or with
 * escape sequences between its characters when it starts at a character the terminal shows —
 * overlapping runs merged.
 */
function naiveRedact(values: readonly string[], text: string, replacement = "*****"): string {
  const forms = [...new Set(values.flatMap(maskedForms))].sort(
    (a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0),
  );
  const spans: [number, number][] = [];
  const visible = visiblePositions(text);
  for (let at = 0; at < text.length; at++) {
    for (const form of forms) {
      const stop = text.startsWith(form, at)
        ? at + form.length
        : visible[at]
          ? matchEnd(text, at, form)
          : undefined;
      if (stop !== undefined) spans.push([at, stop]);
    }
  }
  let out = "";
  let pos = 0;
  for (const [start, stop] of spans) {
    if (start < pos) pos = Math.max(pos, stop);
    else {
      out += text.slice(pos, start) + replacement;
      pos = stop;
    }
  }
  return out + text.slice(pos);
}

// Mostly "a" and "b", so values overlap, nest and share prefixes often; the rest covers multi-byte
// characters and the ones the JSON and URL forms escape.
const unit = fc.oneof(
  { arbitrary: fc.constantFrom("a", "b"), weight: 4 },
  { arbitrary: fc.constantFrom("é", "€", "🔑", "\n", '"', "\\", ".", "\x1b", "[", "m", "%", " "), weight: 1 },
);
const secretsArb = fc.array(fc.string({ unit, minLength: MIN_MASKED_LENGTH, maxLength: 10 }), {
  minLength: 1,
  maxLength: 4,
});
const piecesArb = fc.array(fc.oneof(fc.string({ unit, maxLength: 6 }), fc.nat({ max: 9 })), {
  maxLength: 12,
});
function assemble(secrets: readonly string[], pieces: readonly (string | number)[]): string {
  return pieces.map((p) => (typeof p === "number" ? secrets[p % secrets.length]! : p)).join("");
}

describe("redact", () => {
  it("masks every occurrence of every value", () => {
    const redactor = createRedactor(["sk_live_abc123", "hunter22"]);
    expect(redactor.redact("key=sk_live_abc123 pw=hunter22 again sk_live_abc123")).toBe(
      "key=***** pw=***** again *****",
    );
  });

  it("treats regex metacharacters literally", () => {
    const value = "a.b*c+(d)[e]{2}$^|\\/-?";
    const redactor = createRedactor([value]);
    expect(redactor.redact(`x${value}y`)).toBe("x*****y");
    expect(redactor.redact("aXb*c+(d)[e]{2}$^|\\/-?")).toBe("aXb*c+(d)[e]{2}$^|\\/-?");
    expect(redactor.redact("abbbc")).toBe("abbbc");
  });

  it(`ignores empty values and values shorter than ${MIN_MASKED_LENGTH} characters`, () => {
    const redactor = createRedactor(["", "abc", "on", "abcd"]);
    expect(redactor.redact("abc on abcd")).toBe("abc on *****");
    // Length counts characters, not UTF-16 units: one emoji is one character.
    expect(maskedForms("🔑🔑🔑")).toEqual([]);
    expect(maskedForms("🔑🔑🔑🔑")).toContain("🔑🔑🔑🔑");
  });

  it("hides a value containing another whole, and overlapping values together", () => {
    const redactor = createRedactor(["secret", "my-secret-value", "ABCDEF", "DEFGHI"]);
    expect(redactor.redact("my-secret-value / secret")).toBe("***** / *****");
    expect(redactor.redact("ABCDEFGHI")).toBe("*****");
    expect(redactor.redact("ABCDEF DEFGHI")).toBe("***** *****");
  });

  it("masks the JSON-escaped, URL-encoded and trimmed forms and long lines of multi-line values", () => {
    const pem = "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END KEY-----\n";
    const redactor = createRedactor([pem, 'p@ss "w/rd"']);
    expect(redactor.redact(JSON.stringify({ key: pem }))).toBe('{"key":"*****"}');
    expect(redactor.redact(`postgres://u:${encodeURIComponent('p@ss "w/rd"')}@db`)).toBe(
      "postgres://u:*****@db",
    );
    expect(redactor.redact(pem.trim())).toBe("*****");
    expect(redactor.redact(pem.replaceAll("\n", "\r\n"))).not.toContain("MIIBOgIBAAJBAKj34GkxFhD9");
    expect(maskedForms("short\nab\n")).not.toContain("ab");
  });

  it("keeps ANSI colour codes around and between values", () => {
    const redactor = createRedactor(["sk_live_abc123", "hunter22"]);
    const text = "\x1b[31msk_live_abc123\x1b[0m\x1b[1;32mhunter22\x1b[0m";
    expect(redactor.redact(text)).toBe("\x1b[31m*****\x1b[0m\x1b[1;32m*****\x1b[0m");
  });

  it("hides every occurrence of every form, overlaps included, for any values", () => {
    fc.assert(
      fc.property(secretsArb, piecesArb, (secrets, pieces) => {
        const input = assemble(secrets, pieces);
        expect(createRedactor(secrets).redact(input)).toBe(naiveRedact(secrets, input));
      }),
      { numRuns: 500 },
    );
  });

  it("reads ESC and a letter as an escape sequence, not as the letter (a shrunk counterexample)", () => {
    // The terminal shows "b" then "aaé": no "aaaé" starts at the a after the first ESC.
    const secrets = ["b\x1ba\x1b", "aaaé"];
    const input = "b\x1ba\x1baaaé";
    expect(createRedactor(secrets).redact(input)).toBe("**********");
    expect(naiveRedact(secrets, input)).toBe("**********");
  });

  it("uses the replacement given and leaves text alone when there is nothing to mask", () => {
    expect(createRedactor(["hunter22"], "[redacted]").redact("pw hunter22")).toBe("pw [redacted]");
    expect(createRedactor([]).redact("pw hunter22")).toBe("pw hunter22");
  });
});

describe("values with terminal escape sequences inside (issue 9, item 4)", () => {
  const p = PREFIX.stripeLive;
  const value = `${p}5fd20a9c1e7b`;
  const redactor = createRedactor([value]);
  const colored = [
    `${p}5f\x1b[31md20a9c1e7b`,
    `${p}5f\x1b[1;38;5;196md20\x1b[0ma9c1e7b`,
    `s\x1b[0mk\x1b[0m${p.slice(2)}5fd20a9c1e7b`,
    `${p}5f\x1b]8;;https://example.test\x1b\\d20a9c1e7b`,
    `${p}5f\x1b(Bd20a9c1e7b`,
  ];

  it.each(colored)("masks %j", (text) => {
    expect(redactor.redact(`a ${text} b`)).toBe("a ***** b");
  });

  it("masks them in a stream cut at every byte", async () => {
    for (const text of colored) {
      const bytes = Buffer.from(`x ${text} y`);
      for (let i = 0; i <= bytes.length; i++) {
        const out = (await throughStream(redactor, cut(bytes, [i]))).toString();
        expect(out, `${JSON.stringify(text)} split at ${i}`).toBe("x ***** y");
      }
    }
  });

  it("keeps escape sequences that are not inside a value", () => {
    expect(redactor.redact(`\x1b[31m${value}\x1b[0m ok\x1b[K`)).toBe("\x1b[31m*****\x1b[0m ok\x1b[K");
  });
});

describe("stream", () => {
  const values = ["pässwörd-€-🔑", "sk_live_abc123", "sk_live_abc123_and_more", "hunter22"];
  const redactor = createRedactor(values);
  const text = `a ü \x1b[33mpässwörd-€-🔑\x1b[0m b sk_live_abc123_and_more c sk_live_abc123 hunter22hunter22 ✓`;
  const bytes = Buffer.from(text);
  const expected = redactor.redact(text);

  it("matches redact for the text as one chunk", async () => {
    expect(expected).toBe("a ü \x1b[33m*****\x1b[0m b ***** c ***** ********** ✓");
    expect((await throughStream(redactor, [bytes])).toString()).toBe(expected);
  });

  it("masks values split at every byte position across two chunks", async () => {
    for (let i = 0; i <= bytes.length; i++) {
      const out = await throughStream(redactor, cut(bytes, [i]));
      expect(out.toString(), `split at ${i}`).toBe(expected);
    }
  });

  it("masks values split across three chunks", async () => {
    const from = text.indexOf("sk_live_abc123_and");
    const start = Buffer.byteLength(text.slice(0, from)) - 2;
    for (let i = start; i < start + 28; i++) {
      for (let j = i; j < start + 28; j++) {
        const out = await throughStream(redactor, cut(bytes, [i, j]));
        expect(out.toString(), `split at ${i}, ${j}`).toBe(expected);
      }
    }
  });

  it("passes bytes through unchanged, invalid UTF-8 included", async () => {
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x1b, 0x5b, 0x6d, 0xe2, 0x82]);
    const input = Buffer.concat([binary, Buffer.from("hunter22"), binary]);
    const out = await throughStream(redactor, cut(input, [3, 10]));
    expect(out).toEqual(Buffer.concat([binary, Buffer.from("*****"), binary]));
  });

  it("emits a chunk at once when its end cannot begin a value", () => {
    const stream = redactor.stream();
    stream.write(Buffer.from("Password: "));
    expect(stream.read()?.toString()).toBe("Password: ");
    stream.write(Buffer.from("\x1b[32m✓ 42%\x1b[0m\r"));
    expect(stream.read()?.toString()).toBe("\x1b[32m✓ 42%\x1b[0m\r");
    // A whole value at the end that no longer value extends is decided too.
    stream.write(Buffer.from("pw hunter22"));
    expect(stream.read()?.toString()).toBe("pw *****");
  });

  it("holds back only a tail that could begin a value", () => {
    const stream = redactor.stream();
    stream.write(Buffer.from("token=sk_li"));
    expect(stream.read()?.toString()).toBe("token=");
    stream.write(Buffer.from("ve_abc123 "));
    expect(stream.read()?.toString()).toBe("***** ");
    // The tail is a whole value that a longer one could still extend.
    stream.write(Buffer.from("x sk_live_abc123"));
    expect(stream.read()?.toString()).toBe("x ");
    stream.end();
    expect(stream.read()?.toString()).toBe("*****");
  });

  it("passes everything through when there is nothing to mask", async () => {
    const out = await throughStream(createRedactor(["ab"]), [Buffer.from("ab"), Buffer.from("cd")]);
    expect(out.toString()).toBe("abcd");
  });

  it("equals redact for any values and any chunking, and leaves no value visible", async () => {
    await fc.assert(
      fc.asyncProperty(
        secretsArb,
        piecesArb,
        fc.array(fc.nat({ max: 200 }), { maxLength: 6 }),
        async (secrets, pieces, offsets) => {
          const input = assemble(secrets, pieces);
          const masker = createRedactor(secrets);
          const out = (await throughStream(masker, cut(Buffer.from(input), offsets))).toString();
          expect(out).toBe(masker.redact(input));
          for (const secret of secrets) expect(out).not.toContain(secret);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("values longer than a RegExp can hold", () => {
  it("masks a 68,000-character value whole without throwing", () => {
    const big = Array.from({ length: 17_000 }, (_, i) => i.toString(36).padStart(4, "x")).join("");
    const redactor = createRedactor([big]);
    const out = redactor.redact(`before ${big} after`);
    expect(out.startsWith("before ")).toBe(true);
    expect(out.endsWith(" after")).toBe(true);
    for (const start of [0, 4096, 30_000, big.length - 40])
      expect(out).not.toContain(big.slice(start, start + 40));
    expect(redactor.redact("nothing here")).toBe("nothing here");
  });
});
