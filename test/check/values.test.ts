/**
 * Exact values: a migrated value is found raw and in its encodings (base64 standalone and inside a
 * longer base64 text, base64url, URL-encoding, JSON and shell escaping, split across a quoted
 * multi-line string), with 1,000 values as with one, and reported with its key and no value.
 */
import { createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodedForms } from "../../src/check/encodings.js";
import { buildEngine, compiledValues, type EngineSpec, FINGERPRINT_WINDOW } from "../../src/check/engine.js";
import { redactValue } from "../../src/check/redact-value.js";
import { scanBuffer } from "../../src/check/scan-buffer.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

function spec(values: Array<{ key: string; value: string }>): EngineSpec {
  return {
    values: {
      mode: "exact",
      base: randomBytes(4).readInt32LE(0),
      items: values.map(({ key, value }) => ({
        key,
        preview: redactValue(value),
        forms: encodedForms(value).map((f) => ({ encoding: f.encoding, bytes: new Uint8Array(f.bytes) })),
      })),
    },
  };
}

const scan = (text: string, engine: ReturnType<typeof buildEngine>, name = "notes.txt") =>
  scanBuffer(Buffer.from(text, "utf8"), name, engine).findings;

describe("exact values", () => {
  // A password with no recognisable format: only exact matching can find it.
  const password = `p${randomAlnum(6)} ${randomAlnum(5)}'q"$${randomAlnum(8)}/+=`;
  const stripe = `${PREFIX.stripeLive}${randomAlnum(24)}`;
  const engine = buildEngine(
    spec([
      { key: "DB_PASSWORD", value: password },
      { key: "STRIPE_KEY", value: stripe },
    ]),
  );

  const cases: Array<[string, string, string]> = [
    ["raw", `x = ${password}\n`, "raw"],
    ["base64", `echo ${Buffer.from(password).toString("base64")} | base64 -d\n`, "base64"],
    [
      "base64 inside a longer blob",
      `data: ${Buffer.from(`{"pw":"${password}"}`).toString("base64")}\n`,
      "base64",
    ],
    ["base64url", `t=${Buffer.from(`${password}~~`).toString("base64url")}\n`, "base64url"],
    ["url-encoded", `https://h/?p=${encodeURIComponent(password)}\n`, "url"],
    ["JSON-escaped", `{"p": ${JSON.stringify(password)}}\n`, "json"],
    ["shell single quotes", `export P='${password.replaceAll("'", "'\\''")}'\n`, "shell"],
    [
      "split across a quoted string",
      `const p = "${password.slice(0, 12)}" +\n  "${password.slice(12)}";\n`,
      "split",
    ],
  ];
  for (const [name, text, encoding] of cases) {
    it(`finds the value ${name}`, () => {
      const found = scan(text, engine).filter((f) => f.rule === "exact-value");
      // base64 and base64url agree wherever the text has no + or /: either name is right then.
      const named = (e?: string) => (encoding === "base64url" && e === "base64" ? "base64url" : e);
      expect(found.map((f) => [f.key, named(f.encoding), f.line])).toEqual([["DB_PASSWORD", encoding, 1]]);
    });
  }

  it("prefers the exact value over the format rule, with the key and a redacted preview", () => {
    const [finding, ...rest] = scan(`// pasted\nconst k = "${stripe}";\n`, engine);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "exact-value",
      key: "STRIPE_KEY",
      line: 2,
      column: 12,
      preview: "sk_l…(32)",
    });
    expect(JSON.stringify(finding)).not.toContain(stripe);
  });

  it("finds a multi-line value indented in a YAML block", () => {
    const pem = `${randomAlnum(40)}\n${randomAlnum(40)}\n${randomAlnum(12)}`;
    const e = buildEngine(spec([{ key: "TLS_KEY", value: pem }]));
    const yaml = `tls:\n  key: |\n    ${pem.split("\n").join("\n    ")}\n`;
    expect(scan(yaml, e).map((f) => [f.key, f.line])).toEqual([["TLS_KEY", 3]]);
  });

  it("finds each of 1,000 values and nothing else", () => {
    const values = Array.from({ length: 1000 }, (_, i) => ({
      key: `KEY_${i}`,
      value: randomAlnum(16 + (i % 20)),
    }));
    const e = buildEngine(spec(values));
    const picked = [3, 250, 777, 999];
    const text = `${"lorem ipsum dolor sit amet\n".repeat(2000)}${picked.map((i) => `v${i}=${values[i]!.value}`).join("\n")}\n`;
    const found = scan(text, e).map((f) => f.key);
    expect(found).toEqual(picked.map((i) => `KEY_${i}`));
  });

  /**
   * `found` for `content` after 0 to 19 bytes of text, in a buffer at each of the 4 offsets from a
   * 4-aligned address: the scan reads aligned 32-bit words on a grid (4 to 16 bytes) set by the
   * buffer's offset in memory, so together these meet every grid offset.
   */
  function everyPlacement(content: string, engine: ReturnType<typeof buildEngine>) {
    const out: Array<{ where: string; found: Array<[string | undefined, string | undefined]> }> = [];
    for (let at = 0; at < 20; at++) {
      for (let shift = 0; shift < 4; shift++) {
        const text = Buffer.from(`${"~".repeat(at)}${content}~~~`, "latin1");
        const backing = Buffer.alloc(text.length + 8);
        text.copy(backing, shift);
        const view = backing.subarray(shift, shift + text.length);
        const findings = scanBuffer(view, "a.txt", engine).findings.filter((f) => f.rule === "exact-value");
        out.push({ where: `at ${at} shift ${shift}`, found: findings.map((f) => [f.key, f.encoding]) });
      }
    }
    return out;
  }

  it("finds a value of any length at any position, in a buffer at any memory offset", () => {
    for (const length of [8, 9, 14, 15, 16, 23, 40]) {
      const value = randomAlnum(length);
      const e = buildEngine(spec([{ key: "K", value }]));
      for (const { where, found } of everyPlacement(value, e)) {
        expect(found, `length ${length} ${where}`).toEqual([["K", "raw"]]);
      }
    }
  });

  it("finds an encoded form at any position, in a buffer at any memory offset", () => {
    // Encoded forms register only the windows at their first offsets: enough for any placement.
    for (const length of [8, 13, 21]) {
      const value = `${randomAlnum(length - 2)}/ `;
      const e = buildEngine(spec([{ key: "K", value }]));
      const forms: Array<[string, string]> = [
        ["base64", Buffer.from(value).toString("base64")],
        ["url", encodeURIComponent(value)],
      ];
      for (const [encoding, form] of forms) {
        for (const { where, found } of everyPlacement(form, e)) {
          expect(found, `${encoding} of length ${length} ${where}`).toEqual([["K", encoding]]);
        }
      }
    }
  });

  it("an engine built from another's compiled values (as a worker gets them) finds the same", () => {
    const values = [
      { key: "DB_PASSWORD", value: password },
      { key: "STRIPE_KEY", value: stripe },
      ...Array.from({ length: 300 }, (_, i) => ({ key: `K${i}`, value: randomAlnum(12 + (i % 30)) })),
    ];
    const main = buildEngine(spec(values));
    // structuredClone: what postMessage does to workerData.
    const worker = buildEngine({ compiled: structuredClone(compiledValues(main)!) });
    const text = [
      ...cases.map(([, t]) => t),
      `k = "${values[150]!.value}"\n`,
      `${Buffer.from(values[299]!.value).toString("base64")}\n`,
    ].join("");
    const findings = scan(text, main);
    expect(findings.length).toBeGreaterThan(cases.length);
    expect(scan(text, worker)).toEqual(findings);
  });

  it("the same holds for an engine of saved fingerprints", () => {
    const hmacKey = randomBytes(32);
    const base = randomBytes(4).readInt32LE(0) | 1;
    const head = (bytes: Buffer) => {
      let h = 0;
      for (let i = 0; i < FINGERPRINT_WINDOW; i++) h = (Math.imul(h, base) + bytes[i]!) | 0;
      return h;
    };
    const fingerprints: EngineSpec = {
      values: {
        mode: "fingerprints",
        base,
        hmacKey: hmacKey.toString("hex"),
        items: [{ key: "DB_PASSWORD", value: password }].map(({ key, value }) => ({
          key,
          preview: redactValue(value),
          forms: encodedForms(value).map((f) => ({
            encoding: f.encoding,
            length: f.bytes.length,
            head: head(f.bytes),
            hmac: createHmac("sha256", hmacKey).update(f.bytes).digest("hex"),
          })),
        })),
      },
    };
    const main = buildEngine(fingerprints);
    const worker = buildEngine({ compiled: structuredClone(compiledValues(main)!) });
    const text = `${cases[0]![1]}${cases[1]![1]}`;
    const findings = scan(text, main);
    expect(findings.map((f) => f.key)).toEqual(["DB_PASSWORD", "DB_PASSWORD"]);
    expect(scan(text, worker)).toEqual(findings);
  });

  it("does not report a value whose characters are spread over unrelated text", () => {
    const text = `${password.slice(0, 10)} and later, unrelated: ${password.slice(10)}\n`;
    expect(scan(text, engine).filter((f) => f.rule === "exact-value")).toEqual([]);
  });

  it("each escaped form is the UTF-8 of the escaped text, for values with and without non-ASCII characters", () => {
    const unit = fc.constantFrom(..."aZ9-_+/=~ '\"$`\\%é€🔑\n");
    fc.assert(
      fc.property(fc.string({ unit, minLength: 8, maxLength: 24 }), (value) => {
        const forms = encodedForms(value).map((f) => [f.encoding, f.bytes.toString("hex")]);
        const has = (encoding: string, text: string) =>
          expect(forms).toContainEqual([encoding, Buffer.from(text, "utf8").toString("hex")]);
        const raw = Buffer.from(value, "utf8").toString("hex");
        const url = encodeURIComponent(value);
        if (Buffer.from(url).toString("hex") !== raw) has("url", url);
        const json = JSON.stringify(value).slice(1, -1);
        if (Buffer.from(json, "utf8").toString("hex") !== raw) has("json", json);
        if (value.includes("'")) has("shell", value.replaceAll("'", "'\\''"));
      }),
      { numRuns: 300 },
    );
  });
});
