/**
 * The inventory as plain data. Nothing here holds a value: only key names, paths, line numbers,
 * reasons and redacted previews, so an Inventory is always safe to JSON.stringify and print.
 */

export type KeyClass = "secret" | "config" | "public";

/** `env`: a real settings file; `local`: a machine-local override (`.env.local`, `.env.<name>.local`); `template`: a committed example. */
export type FileKind = "env" | "template" | "local";

export type WarningCode =
  | "env-parse" // the file could not be parsed (invalid UTF-8): no keys from it
  | "env-read" // the file could not be read (permissions, over the size limit): no keys from it
  | "env-syntax" // a line dotenv ignores or reads differently than it looks (from src/envfile)
  | "public-secret" // a browser-exposed key whose name or value looks secret
  | "template-secret" // a template holding a value that looks like a real secret
  | "symlink-outside" // a symlink pointing outside the project: skipped
  | "symlink-loop" // a symlink that loops or points at one of its own ancestors: skipped
  | "symlink-broken" // a symlink whose target does not exist: skipped
  | "unsupported-file" // a .env.* file that is not a plain dotenv file (dotenvx / dotenv-vault): skipped
  | "unreadable-dir" // a directory that could not be listed: skipped
  | "limit" // the walk stopped at a depth or count limit
  | "code-skipped"; // a source file not scanned for usages (too large, unreadable)

export interface InventoryWarning {
  code: WarningCode;
  /** Path relative to the root ("." for the root itself). */
  file: string;
  /** 1-based line, when the warning is about one line. */
  line?: number;
  /** One line, names keys and files only: never a value. */
  message: string;
}

export interface InventoryFile {
  /** Path relative to the root, with `/` separators. */
  path: string;
  /** The environment the file configures; null for a template that names none (`.env.example`). */
  env: string | null;
  kind: FileKind;
  /** False when the file could not be read or parsed (see the warnings for why). */
  readable: boolean;
  /** Number of assignments read from it. */
  entries: number;
  /** Facts worth knowing that are not problems: "symlinked from x/.env", "backup copy". */
  notes: string[];
  /** Set when --env-map (or dotsecrets.json `environments`) chose the environment. */
  mapped?: true;
  /**
   * `<app>/<env>`: the scope its secrets go to (or went to: dotsecrets.json `files`), for files that
   * are not templates, when the inventory was built for a project (src/core/scopes.ts).
   */
  scope?: string;
}

export interface Occurrence {
  file: string;
  line: number;
  env: string | null;
  kind: FileKind;
  class: KeyClass;
  reason: string;
  /** Redacted: see preview() in classify.ts. */
  preview: string;
  empty: boolean;
  /** True when the value looks like a placeholder (`changeme`, `your-key-here`, `sk_test_xxxx`). */
  placeholder: boolean;
  /** For a public key whose name or value here looks secret: why. */
  publicWarning?: string;
  /** Set when the same file assigns the key again further down (dotenv keeps the last). */
  overridden?: true;
}

export interface Usage {
  file: string;
  line: number;
}

export interface InventoryKey {
  key: string;
  /** The most sensitive class over the key's non-template occurrences (secret > public > config). */
  class: KeyClass;
  reason: string;
  /** Set for public-prefixed keys whose name or value looks secret: why. */
  publicWarning?: string;
  occurrences: Occurrence[];
  usages: Usage[];
}

export interface UndeclaredKey {
  key: string;
  usages: Usage[];
}

export interface Inventory {
  /** Absolute path of the project root that was scanned. */
  root: string;
  files: InventoryFile[];
  keys: InventoryKey[];
  /** Keys the code reads that no .env file defines (well-known platform variables left out). */
  undeclared: UndeclaredKey[];
  warnings: InventoryWarning[];
  summary: { files: number; keys: number; secret: number; config: number; public: number };
}
