/**
 * The output boundary: a provider whose errors quote the values they were sent (as a cloud SDK's
 * message can) must not get a value into anything dotsecrets prints or writes — the journal's
 * failure records, the summary, --json, an internal error's message or stack.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SecretProvider } from "../../providers/types.js";
import { main } from "../../src/main.js";
import { readTree, tempDir } from "../helpers/cli.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

const fault = { put: false, afterPut: false, failMost: false };

vi.mock("../../providers/local.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../providers/local.js")>();
  const quoting = (options: Parameters<typeof original.createLocalProvider>[0]): SecretProvider => {
    const inner = original.openLocalProvider(options);
    return {
      ...inner,
      async put(name, value, putOptions) {
        if (fault.put) throw new Error(`ValidationException: value '${value}' was rejected`);
        // Three writes in four fail (a provider refusing most of a batch).
        if (fault.failMost && Number(name.split("_").pop()) % 4 !== 0) throw new Error("refused");
        const result = await inner.put(name, value, putOptions);
        if (fault.afterPut) throw new TypeError(`could not parse response for ${value}`);
        return result;
      },
      putMany: undefined,
    };
  };
  return { ...original, createLocalProvider: quoting };
});

async function cli(args: string[], cwd: string, home: string, input = "") {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await main(args, {
    cwd,
    env: { DOTSECRETS_HOME: home, NO_COLOR: "1", DOTSECRETS_DEBUG: "1", PATH: process.env.PATH },
    stdin,
    stdout,
    stderr,
  });
  return { code, out, err };
}

describe("no value crosses the output boundary", () => {
  let root: string;
  let home: string;
  const stripe = `${PREFIX.stripeLive}${randomAlnum(24)}`;
  const github = `${PREFIX.github}${randomAlnum(36)}`;
  beforeEach(() => {
    root = tempDir("dotsecrets-boundary-");
    home = tempDir("dotsecrets-boundary-home-");
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "shop" }));
    writeFileSync(join(root, ".env"), `STRIPE_SECRET_KEY=${stripe}\nGITHUB_TOKEN=${github}\nPORT=3000\n`);
    fault.put = false;
    fault.afterPut = false;
    fault.failMost = false;
  });

  it("records a failed write with our own words, and prints and journals no value", async () => {
    fault.put = true;
    const result = await cli(["migrate", "--yes", "--json"], root, home);
    expect(result.code).toBe(1);
    // Not one write succeeded: the migration stops, resumable, in our own words.
    expect(result.err).toContain("no secret could be written to the local provider");
    expect(result.err).toContain("an unexpected error occurred while writing");
    const journals = join(root, ".dotsecrets", "migrations");
    const written = readdirSync(journals).map((name) => readFileSync(join(journals, name), "utf8"));
    for (const text of [result.out, result.err, ...written]) {
      expect(text).not.toContain(stripe);
      expect(text).not.toContain(github);
    }
    expect(written.join("")).toContain("an unexpected error occurred while writing");
  });

  it("redacts a value an unexpected error quotes, stack included", async () => {
    fault.afterPut = true;
    const value = `${PREFIX.openai}${randomAlnum(40)}`;
    const result = await cli(["set", "OPENAI_API_KEY"], root, home, value);
    expect(result.code).toBe(70);
    expect(result.err).toContain("internal error: TypeError");
    expect(result.err).toContain("at "); // DOTSECRETS_DEBUG=1 shows the stack
    expect(result.err).not.toContain(value);
    expect(result.out).not.toContain(value);
    for (const [path, data] of readTree(root)) {
      if (!path.endsWith(".env")) expect(data.toString("utf8"), path).not.toContain(value);
    }
  });

  it("counts as written only what was verified: 75 of 100 writes failing never shows 100/100", async () => {
    fault.failMost = true;
    const lines = Array.from(
      { length: 100 },
      (_, i) => `API_SECRET_${i}=${PREFIX.stripeLive}${randomAlnum(24)}`,
    );
    writeFileSync(join(root, ".env"), `${lines.join("\n")}\n`);
    const result = await cli(["migrate", "--yes", "--batch-size", "10"], root, home);
    expect(result.code).toBe(1);
    expect(result.err).not.toContain("100/100");
    expect(result.err).toContain("moved to local: 25 key(s)");
  });
});
