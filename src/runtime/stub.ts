/**
 * Stub files: .env files whose secret lines hold references. Keeps every other byte of the file.
 */
import { existsSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { writeFileAtomic } from "../atomic-write.js";
import {
  applyEdits,
  detectEol,
  encodeForNewEntry,
  insertHeader,
  parseEnv,
  readEnvFile,
  toRecord,
} from "../envfile/index.js";
import { UserError } from "../errors.js";

/** The comment put at the top of a stub: says where values live and that the file is safe to read. */
export function stubHeader(where: string): string[] {
  return [
    `# Managed by dotsecrets: secret values live in ${where}, not in this file.`,
    "# Lines like KEY=secret://... are references. Safe to read and commit. Run apps with `secrets run -- <cmd>`.",
  ];
}

/** Where a provider keeps values, in words, for the stub header. */
export function describeProvider(kind: string, settings: Record<string, unknown> = {}): string {
  if (kind === "local") return "the dotsecrets local encrypted store (outside this project)";
  const region = typeof settings.region === "string" ? ` (${settings.region})` : "";
  return `the ${kind} provider${region}`;
}

/**
 * Computes a stub's new text with `key` set to `raw` reference text: replaces the value of every
 * assignment of the key (earlier duplicates too), or appends a line. Returns undefined when nothing
 * changes. Throws UserError(ENV_PARSE) when the reference cannot be written for dotenv.
 */
export function upsertLine(
  source: string,
  file: string,
  key: string,
  value: string,
  header: string[],
): string | undefined {
  const raw = encodeForNewEntry(value);
  if (raw === undefined) throw new UserError("ENV_PARSE", `${file}: cannot write ${key} in dotenv syntax`);
  const doc = parseEnv(source, file);
  const entries = doc.entries.filter((entry) => entry.key === key);
  if (entries.length > 0) {
    if (entries.every((entry) => entry.value === value)) return undefined;
    // References hold no quotes or line breaks, so inside existing quotes they go in as they are;
    // an unquoted entry gets the encoder's form (quoted when the reference carries a #version).
    if (/["'`\r\n]/.test(value))
      throw new UserError("ENV_PARSE", `${file}: cannot write ${key} into existing quotes`);
    const next = applyEdits(
      doc,
      entries.map((entry) => ({ entry, raw: entry.quote ? value : raw })),
    );
    // An edit can change how dotenv reads other lines (unclosed quotes): check the whole file.
    const expected = { ...toRecord(doc), [key]: value };
    if (!isDeepStrictEqual(toRecord(parseEnv(next, file)), expected)) {
      throw new UserError(
        "ENV_PARSE",
        `${file}: setting ${key} would change how other lines are read (an unclosed quote?)`,
        {
          hint: `fix the quoting in ${file} first (\`secrets inventory\` shows its warnings)`,
        },
      );
    }
    return next;
  }
  const eol = detectEol(source);
  const base = source === "" ? insertHeader("", header) : source;
  const separator = base === "" || base.endsWith("\n") ? "" : eol;
  return `${base}${separator}${key}=${raw}${eol}`;
}

/** A stub edit computed ahead of any write: the file and its new text (undefined: no change). */
export interface StubEdit {
  file: string;
  source: string;
  next: string | undefined;
}

/**
 * Reads a stub (empty when missing) and computes its text with `key` set to `reference`, writing
 * nothing. Throws UserError(ENV_PARSE) when the file cannot take the reference.
 */
export async function planReference(
  file: string,
  key: string,
  reference: string,
  header: string[],
): Promise<StubEdit> {
  const source = existsSync(file) ? (await readEnvFile(file)).source : "";
  return { file, source, next: upsertLine(source, file, key, reference, header) };
}

/**
 * Writes a planned edit atomically (a new stub is 0644: it is safe to read). Throws
 * UserError(ENV_PARSE) when the file changed since the edit was planned.
 */
export async function applyReference(edit: StubEdit): Promise<boolean> {
  if (edit.next === undefined) return false;
  const now = existsSync(edit.file) ? (await readEnvFile(edit.file)).source : "";
  if (now !== edit.source) {
    throw new UserError("ENV_PARSE", `${edit.file} changed while the command ran; it was not updated`, {
      hint: "run the command again",
    });
  }
  await writeFileAtomic(edit.file, edit.next, { mode: 0o644 });
  return true;
}
