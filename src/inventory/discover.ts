/**
 * Finds the project's dotenv files and says which environment each one configures.
 *
 * A git-ignored `.env` is the normal case and exactly what we are looking for, and so is one in a
 * git-ignored folder (config/, secrets/): local secrets live there. Only ignored folders named like
 * build output (dist/, .next/, coverage/) are skipped: their copies are not the source of truth.
 */
import { UserError } from "../core/errors.js";
import type { FileKind, InventoryWarning } from "./types.js";
import { type WalkOptions, type WalkResult, walkProject } from "./walk.js";

export interface DiscoveredFile {
  /** Relative to the root, `/`-separated. */
  path: string;
  abs: string;
  env: string | null;
  kind: FileKind;
  notes: string[];
  /** Set when --env-map (or dotsecrets.json `environments`) chose the environment. */
  mapped?: true;
}

export interface DiscoverOptions extends WalkOptions {
  /** Relative path → environment, overriding the name-based mapping. */
  envMap?: Record<string, string>;
  /** Most dotenv files listed before a `limit` warning (default 1000). */
  maxFiles?: number;
}

export interface Discovery {
  root: string;
  files: DiscoveredFile[];
  warnings: InventoryWarning[];
}

export type EnvFileName =
  | { type: "dotenv"; env: string | null; kind: FileKind; notes: string[] }
  | { type: "unsupported"; why: string };

const TEMPLATE_WORDS = new Set(["example", "sample", "template", "tpl", "dist", "defaults", "schema"]);
const BACKUP_WORDS = new Set(["bak", "backup", "old", "orig", "save", "copy", "tmp"]);
/** `.env.d.ts`, `.env.json`, `.env.swp`...: named like a dotenv file but something else. */
const OTHER_FORMATS = new Set([
  ...["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "json", "json5", "yml", "yaml", "toml"],
  ...["sh", "bash", "zsh", "fish", "ps1", "py", "rb", "md", "swp", "swo", "lock", "enc", "gpg", "age"],
]);
/**
 * dotenvx and dotenv-vault files: `.env.vault` is ciphertext, `.env.keys` / `.env.me` hold the keys
 * that decrypt it. They are listed as a warning (so nobody forgets they are there and secret) but
 * not inventoried: they are managed by their own tool, and classifying DOTENV_PRIVATE_KEY_* adds nothing.
 */
const UNSUPPORTED: Record<string, string> = {
  ".env.vault": "dotenv-vault encrypted file",
  ".env.keys": "dotenvx private keys file: keep it out of git",
  ".env.me": "dotenv-vault identity token file: keep it out of git",
};

/**
 * Reads what a file name says: whether it is a dotenv file, its kind and environment. Returns
 * undefined for names that are not dotenv files at all (`.envrc`, `.env.d.ts`). Never throws.
 */
export function parseEnvFileName(name: string): EnvFileName | undefined {
  if (name === ".env") return { type: "dotenv", env: "development", kind: "env", notes: [] };
  // `.env-example`, `.env_sample`: templates under another separator (seen in real projects).
  const dashed = /^\.env[-_]([A-Za-z]+)$/.exec(name)?.[1]?.toLowerCase();
  if (dashed !== undefined) {
    return TEMPLATE_WORDS.has(dashed)
      ? { type: "dotenv", env: null, kind: "template", notes: [] }
      : undefined;
  }
  if (!name.startsWith(".env.")) return undefined;
  const unsupported = UNSUPPORTED[name];
  if (unsupported) return { type: "unsupported", why: unsupported };
  const parts = name.slice(".env.".length).split(".");
  if (parts.some((p) => p === "") || OTHER_FORMATS.has(parts.at(-1)!.toLowerCase())) return undefined;
  const notes: string[] = [];
  while (parts.length > 0 && BACKUP_WORDS.has(parts.at(-1)!.toLowerCase())) {
    parts.pop();
    if (notes.length === 0) notes.push("backup copy of a dotenv file");
  }
  let kind: FileKind = "env";
  const templateAt = parts.findIndex((p) => TEMPLATE_WORDS.has(p.toLowerCase()));
  if (templateAt >= 0) {
    kind = "template";
    parts.splice(templateAt, 1);
  } else if (parts.at(-1)?.toLowerCase() === "local") {
    kind = "local";
    parts.pop();
    notes.push("machine-local override");
  }
  const named = parts.join(".");
  const env = named || (kind === "template" ? null : "development");
  return { type: "dotenv", env, kind, notes };
}

/** True for names discovery looks at (including the unsupported dotenvx files it warns about). */
export function isEnvCandidate(name: string): boolean {
  return name === ".env" || (/^\.env[._-]/.test(name) && parseEnvFileName(name) !== undefined);
}

/**
 * Walks `root` and lists its dotenv files, sorted by path. Throws UserError(CONFIG) when an envMap
 * entry names no discovered file, and a Node error when the root cannot be resolved.
 */
export async function discoverEnvFiles(root: string, options: DiscoverOptions = {}): Promise<Discovery> {
  return selectEnvFiles(await walkProject(root, isEnvCandidate, options), options);
}

/**
 * Picks the dotenv files out of a walk (shared with the usage scan so the tree is read once).
 * Symlinks to a listed file collapse into that file, with a note. Throws UserError(CONFIG) for an
 * envMap entry that names no discovered file.
 */
export function selectEnvFiles(walk: WalkResult, options: DiscoverOptions = {}): Discovery {
  const warnings = [...walk.warnings];
  const candidates = walk.files
    .filter((f) => isEnvCandidate(f.name))
    .sort((a, b) => compare(a.rel, b.rel))
    // Real files first, so a link collapses into the file it points at.
    .sort((a, b) => Number(a.linkTarget !== undefined) - Number(b.linkTarget !== undefined));
  const byTarget = new Map<string, DiscoveredFile>();
  const files: DiscoveredFile[] = [];
  const maxFiles = options.maxFiles ?? 1000;
  for (const f of candidates) {
    const parsed = parseEnvFileName(f.name)!;
    if (parsed.type === "unsupported") {
      warnings.push({ code: "unsupported-file", file: f.rel, message: `${parsed.why}: not inventoried` });
      continue;
    }
    const real = f.linkTarget ?? f.rel;
    const existing = byTarget.get(real);
    if (existing) {
      existing.notes.push(`also reached through symlink ${f.rel}`);
      continue;
    }
    if (files.length >= maxFiles) {
      warnings.push({
        code: "limit",
        file: f.rel,
        message: `more than ${maxFiles} dotenv files: the rest were skipped`,
      });
      break;
    }
    const notes = [...parsed.notes];
    if (f.linkTarget) notes.push(`symlink to ${f.linkTarget}`);
    const file: DiscoveredFile = { path: f.rel, abs: f.abs, env: parsed.env, kind: parsed.kind, notes };
    byTarget.set(real, file);
    files.push(file);
  }
  applyEnvMap(files, options.envMap);
  files.sort((a, b) => compare(a.path, b.path));
  warnings.sort(
    (a, b) => compare(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compare(a.message, b.message),
  );
  return { root: walk.root, files, warnings };
}

function applyEnvMap(files: DiscoveredFile[], envMap: Record<string, string> | undefined): void {
  if (!envMap) return;
  for (const [rawPath, env] of Object.entries(envMap)) {
    const path = rawPath.replaceAll("\\", "/").replace(/^(\.\/)+/, "");
    const file = files.find((f) => f.path === path);
    if (!file) {
      throw new UserError("CONFIG", `env map: '${rawPath}' is not a dotenv file found under the root`, {
        hint: "use a path relative to the root, as `secrets inventory` lists it",
      });
    }
    file.env = env;
    file.mapped = true;
    file.notes.push("environment set by --env-map");
  }
}

/** Plain code-unit comparison: the same order on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
