// readEnvFile / parseEnvBuffer: every failure is an EnvFileError naming the file (and line for bad bytes).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { EnvFileError, parseEnvBuffer, readEnvFile } from "../../src/envfile/index.js";

const dir = mkdtempSync(join(tmpdir(), "envfile-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readError(path: string): Promise<EnvFileError> {
  const error = await readEnvFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EnvFileError);
  expect(error).toBeInstanceOf(UserError);
  return error as EnvFileError;
}

describe("readEnvFile", () => {
  it("reads a UTF-8 file verbatim, BOM and CRLF included", async () => {
    const path = file("ok.env", "\uFEFFA=1\r\nB='é'\r\n");
    const doc = await readEnvFile(path);
    expect(doc.file).toBe(path);
    expect(doc.source).toBe("\uFEFFA=1\r\nB='é'\r\n");
    expect(doc.entries.map((e) => [e.key, e.value])).toEqual([
      ["A", "1"],
      ["B", "é"],
    ]);
  });

  it("names the file, line and column of invalid UTF-8 and never the value", async () => {
    const lines = ["A=1", "B=2", "C=3", "D=4", "E=5", "F=6"];
    const bad = Buffer.concat([
      Buffer.from(`${lines.join("\n")}\nPASSWORD=s`),
      Buffer.from([0xff]),
      Buffer.from("cret\n"),
    ]);
    const path = file("latin1.env", bad);
    const error = await readError(path);
    expect(error.code).toBe("ENV_PARSE");
    expect(error.file).toBe(path);
    expect(error.line).toBe(7);
    expect(error.message).toBe(`${path}:7: not valid UTF-8 (byte 0xff at column 11)`);
    // The path itself may spell "cret" (a temp dir under dotsecrets-tests-): only the rest counts.
    expect(error.message.replace(path, "")).not.toContain("cret");
    expect(error.hint).toMatch(/save the file as UTF-8/);
  });

  it("counts CRLF and lone CR as line ends and columns in characters", () => {
    const buf = Buffer.concat([Buffer.from("A=1\r\nB=2\rC=é"), Buffer.from([0xe9, 0x41])]);
    const error = (() => {
      try {
        parseEnvBuffer(buf, "win.env");
      } catch (e) {
        return e as EnvFileError;
      }
    })();
    expect(error?.line).toBe(3);
    expect(error?.message).toBe("win.env:3: not valid UTF-8 (byte 0xe9 at column 4)");
  });

  it("recognises a UTF-16 file by its byte-order mark", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("A=1\n", "utf16le")]);
    expect(() => parseEnvBuffer(utf16, "u16.env")).toThrowError(
      expect.objectContaining({ code: "ENV_PARSE", line: 1, hint: expect.stringMatching(/UTF-16 LE/) }),
    );
  });

  it("refuses a 10 MB file before reading it, naming size and limit", async () => {
    const path = join(dir, "huge.env");
    writeFileSync(path, "");
    truncateSync(path, 10 * 1000 * 1000);
    const error = await readError(path);
    expect(error.code).toBe("ENV_READ");
    expect(error.file).toBe(path);
    expect(error.message).toBe(`${path}: too large for a .env file (9.5 MiB; the limit is 1 MiB)`);
    expect(error.hint).toBeTruthy();
  });

  it("accepts a file of exactly 1 MiB", async () => {
    const path = file("limit.env", `A=${"x".repeat(1024 * 1024 - 3)}\n`);
    const doc = await readEnvFile(path);
    expect(doc.entries[0]!.value.length).toBe(1024 * 1024 - 3);
  });

  it("reports a missing file", async () => {
    const path = join(dir, "missing.env");
    const error = await readError(path);
    expect(error).toMatchObject({ code: "ENV_READ", file: path, message: `${path}: no such file` });
    expect(error.hint).toBe("check the path");
  });

  it("reports a directory", async () => {
    const path = join(dir, "adir");
    mkdirSync(path);
    const error = await readError(path);
    expect(error).toMatchObject({ code: "ENV_READ", file: path });
    expect(error.message).toMatch(/is a directory/);
  });

  it.skipIf(process.getuid?.() === 0)("reports a file it may not read", async () => {
    const path = file("secret.env", "A=1\n");
    chmodSync(path, 0o000);
    const error = await readError(path);
    expect(error).toMatchObject({ code: "ENV_READ", file: path, message: `${path}: permission denied` });
  });
});
