/**
 * Reading .env files from disk: size limit first, strict UTF-8, then the lossless parser. Every failure
 * is an EnvFileError naming the file (and the line, for bad bytes); nothing else escapes.
 */
import { readFile, stat } from "node:fs/promises";
import { type ErrorCode, UserError } from "../core/errors.js";
import { parseEnv } from "./parse.js";
import type { EnvDocument } from "./types.js";
import { locateInvalidUtf8 } from "./utf8.js";

/** .env files hold a few kilobytes; anything past this is not one (a dump, a binary, a log). */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** A .env file that cannot be read or decoded. `line` is 1-based, or 0 when the whole file is at fault. */
export class EnvFileError extends UserError {
  override name = "EnvFileError";
  readonly file: string;
  readonly line: number;

  constructor(
    code: Extract<ErrorCode, "ENV_PARSE" | "ENV_READ">,
    file: string,
    line: number,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.file = file;
    this.line = line;
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function tooLarge(file: string, size: number): EnvFileError {
  return new EnvFileError(
    "ENV_READ",
    file,
    0,
    `${file}: too large for a .env file (${mib(size)}; the limit is 1 MiB)`,
    {
      hint: "point dotsecrets at the .env file itself: .env files hold a few kilobytes",
    },
  );
}

function readFailure(file: string, error: unknown): EnvFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const [what, hint] =
    code === "ENOENT"
      ? ["no such file", "check the path"]
      : code === "EACCES" || code === "EPERM"
        ? ["permission denied", "check the file's owner and mode (ls -l)"]
        : code === "EISDIR"
          ? ["is a directory, not a .env file", "name the file inside it, e.g. dir/.env"]
          : [`cannot be read (${code ?? "unknown error"})`, "check that the file exists and is readable"];
  return new EnvFileError("ENV_READ", file, 0, `${file}: ${what}`, { hint, cause: error });
}

/**
 * Reads and parses a .env file. Throws EnvFileError: code ENV_READ when the file is missing,
 * unreadable, not a regular file or larger than 1 MiB (checked with stat before reading), code
 * ENV_PARSE when its bytes are not UTF-8. Throws nothing else.
 */
export async function readEnvFile(path: string): Promise<EnvDocument> {
  let buf: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
    if (!info.isFile()) {
      // A FIFO or device could block forever or never end.
      throw new EnvFileError("ENV_READ", path, 0, `${path}: not a regular file`, {
        hint: "name a regular .env file",
      });
    }
    if (info.size > MAX_ENV_FILE_BYTES) throw tooLarge(path, info.size);
    buf = await readFile(path);
  } catch (error) {
    throw error instanceof EnvFileError ? error : readFailure(path, error);
  }
  // The file may have grown between stat and read.
  if (buf.length > MAX_ENV_FILE_BYTES) throw tooLarge(path, buf.length);
  return parseEnvBuffer(buf, path);
}

/**
 * Decodes bytes as strict UTF-8 (a BOM is kept in `source`) and parses them. Throws EnvFileError
 * (ENV_PARSE) naming the file, line and column of the first invalid byte; throws nothing else.
 */
export function parseEnvBuffer(buf: Buffer | Uint8Array, file: string): EnvDocument {
  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buf);
  } catch (error) {
    const bad = locateInvalidUtf8(buf);
    const utf16 = buf[0] === 0xff && buf[1] === 0xfe ? "LE" : buf[0] === 0xfe && buf[1] === 0xff ? "BE" : "";
    const where =
      bad === undefined ? "" : ` (byte 0x${bad.byte.toString(16).padStart(2, "0")} at column ${bad.column})`;
    const hint = utf16
      ? `the file is UTF-16 ${utf16} (it starts with a byte-order mark); save it as UTF-8`
      : "save the file as UTF-8 (it may be Latin-1 or Windows-1252)";
    throw new EnvFileError(
      "ENV_PARSE",
      file,
      bad?.line ?? 1,
      `${file}:${bad?.line ?? 1}: not valid UTF-8${where}`,
      {
        hint,
        cause: error,
      },
    );
  }
  return parseEnv(source, file);
}
