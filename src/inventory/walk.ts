/**
 * One walk of a project tree, shared by .env discovery and the code usage scan so both skip the same
 * things: `node_modules`, VCS folders, Python virtualenvs, and git-ignored directories named like
 * build output (dist/, .next/, coverage/). Other git-ignored directories (config/, secrets/) are
 * walked, because that is where local secrets live; their files are marked `ignored`, so the code
 * scan passes over them. Symlinks are never followed out of
 * the project, and symlinked directories are never followed at all: what they point to inside the
 * project is walked at its real location, which also makes a symlink loop harmless.
 */
import type { Dirent } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { InventoryWarning } from "./types.js";

/** Directory names skipped wherever they appear, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set([
  "node_modules",
  ".git",
  ".hg",
  ".svn",
  ".jj",
  "bower_components",
  "jspm_packages",
  "__pycache__",
  ".pnpm-store",
  ".dotsecrets",
]);

/**
 * Directory names of build output, caches and vendored dependencies: skipped when git-ignored
 * (their .env files are copies, their code generated). A committed one is walked.
 */
const BUILD_OUTPUT = new Set([
  ...["dist", "build", "out", "output", ".output", "target", "coverage", ".nyc_output", "tmp", ".tmp"],
  ...[".next", ".nuxt", ".svelte-kit", ".astro", ".vercel", ".netlify", ".turbo", ".vite", ".angular"],
  ...[".cache", ".parcel-cache", ".webpack", ".serverless", ".expo", ".docusaurus", "storybook-static"],
  ...["vendor", ".venv", "venv", ".tox", ".mypy_cache", ".pytest_cache", ".gradle", ".terraform"],
  ...["bin", "obj", "DerivedData", "Pods", ".dart_tool", "logs", "generated", "__generated__"],
]);

/** Subdirectories of one directory listed ahead of their turn. */
const READ_AHEAD = 16;

export interface WalkOptions {
  /** Directory nesting below the root that is still read (default 24). */
  maxDepth?: number;
  /** Directory entries looked at before the walk stops with a `limit` warning (default 200 000). */
  maxEntries?: number;
}

export interface WalkedFile {
  /** Path relative to the root, `/`-separated. */
  rel: string;
  abs: string;
  name: string;
  /** True when a .gitignore rule matches the file itself or one of its directories. */
  ignored: boolean;
  /** For a symlink to a file inside the project: the target, relative to the root. */
  linkTarget?: string;
}

export interface WalkResult {
  /** Absolute, symlink-free path of the root. */
  root: string;
  files: WalkedFile[];
  warnings: InventoryWarning[];
}

interface Layer {
  base: string;
  ig: Ignore;
}

/**
 * Walks the tree under `root` and returns the files whose name passes `want`, in no particular order.
 * Problems with single entries (unreadable directories, bad symlinks, limits) become warnings.
 * Throws only when the root itself cannot be resolved (ENOENT and friends, as a Node error).
 */
export async function walkProject(
  root: string,
  want: (name: string) => boolean,
  options: WalkOptions = {},
): Promise<WalkResult> {
  const maxDepth = options.maxDepth ?? 24;
  const maxEntries = options.maxEntries ?? 200_000;
  const rootReal = await realpath(root);
  const files: WalkedFile[] = [];
  const warnings: InventoryWarning[] = [];
  const relOf = (abs: string) => relative(rootReal, abs).split(sep).join("/") || ".";
  // Paths of entries are built by concatenation (a directory's path is already normal, and an
  // entry's name holds no separator): path.join and path.relative per file cost more than the rest
  // of the walk.
  const rootPrefix = rootReal.endsWith(sep) ? rootReal : rootReal + sep;
  const relOfEntry = (abs: string) =>
    abs.startsWith(rootPrefix) ? toSlashes(abs.slice(rootPrefix.length)) : relOf(abs);
  let seen = 0;
  let limited = false;

  const walkDir = async (
    dir: string,
    depth: number,
    layers: Layer[],
    inIgnored: boolean,
    listing?: Promise<Dirent[]>,
  ): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await (listing ?? readdir(dir, { withFileTypes: true }));
    } catch (error) {
      warnings.push({
        code: "unreadable-dir",
        file: relOf(dir),
        message: `directory not read (${errorCode(error)})`,
      });
      return;
    }
    // A Python virtualenv holds thousands of library files that read os.environ: never ours.
    if (entries.some((e) => e.name === "pyvenv.cfg" && e.isFile())) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const here = entries.some((e) => e.name === ".gitignore") ? await loadLayer(dir) : undefined;
    const active = here ? [...layers, here] : layers;
    // Read ahead: list the first subdirectories that will be walked now, so their reads overlap
    // instead of waiting one after the other. They are still walked in order, one at a time.
    const ahead = new Map<string, Promise<Dirent[]>>();
    for (const entry of entries) {
      if (ahead.size >= READ_AHEAD) break;
      if (!entry.isDirectory() || ALWAYS_SKIPPED.has(entry.name) || depth + 1 > maxDepth) continue;
      const abs = childPath(dir, entry.name);
      if ((inIgnored || isIgnored(active, abs, true)) && BUILD_OUTPUT.has(entry.name)) continue;
      const listed = readdir(abs, { withFileTypes: true });
      // Read and failed but never awaited (the walk stopped at its limit): not an unhandled rejection.
      listed.catch(() => {});
      ahead.set(entry.name, listed);
    }

    for (const entry of entries) {
      if (++seen > maxEntries) {
        if (!limited) {
          limited = true;
          warnings.push({
            code: "limit",
            file: ".",
            message: `stopped after ${maxEntries} entries: files past this point were not inventoried`,
          });
        }
        return;
      }
      // Before any stat or realpath: node_modules is often a symlink (pnpm, workspaces, test copies).
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const abs = childPath(dir, entry.name);
      const type = entry.isSymbolicLink() ? "link" : (direntType(entry) ?? (await statType(abs)));
      if (type === "dir") {
        const ignoredDir = inIgnored || isIgnored(active, abs, true);
        if (ignoredDir && BUILD_OUTPUT.has(entry.name)) continue;
        if (depth + 1 > maxDepth) {
          warnings.push({
            code: "limit",
            file: relOf(abs),
            message: `not read: deeper than ${maxDepth} levels`,
          });
          continue;
        }
        await walkDir(abs, depth + 1, active, ignoredDir, ahead.get(entry.name));
      } else if (type === "file") {
        if (want(entry.name)) {
          const ignored = inIgnored || isIgnored(active, abs, false);
          files.push({ rel: relOfEntry(abs), abs, name: entry.name, ignored });
        }
      } else if (type === "link") {
        const linked = await resolveLink(abs, entry.name, want, rootReal, relOf, warnings);
        if (linked) files.push({ ...linked, ignored: inIgnored || isIgnored(active, abs, false) });
      }
    }
  };

  await walkDir(rootReal, 0, await ancestorLayers(rootReal), false);
  return { root: rootReal, files, warnings };
}

/** The entry's type as the listing reports it; undefined for DT_UNKNOWN (statType asks the inode). */
function direntType(entry: Dirent): "dir" | "file" | "other" | undefined {
  if (entry.isDirectory()) return "dir";
  if (entry.isFile()) return "file";
  if (entry.isSymbolicLink() || entry.isFIFO() || entry.isSocket()) return "other";
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return "other";
  return undefined;
}

/** `dir` joined with an entry name (no separator in it), as path.join would write it. */
function childPath(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

function toSlashes(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** Some file systems report DT_UNKNOWN: ask the inode. */
async function statType(abs: string): Promise<"dir" | "file" | "other"> {
  try {
    const s = await stat(abs);
    return s.isDirectory() ? "dir" : s.isFile() ? "file" : "other";
  } catch {
    return "other";
  }
}

async function resolveLink(
  abs: string,
  name: string,
  want: (name: string) => boolean,
  rootReal: string,
  relOf: (abs: string) => string,
  warnings: InventoryWarning[],
): Promise<Omit<WalkedFile, "ignored"> | undefined> {
  const rel = relOf(abs);
  let target: string;
  try {
    target = await realpath(abs);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ELOOP") {
      warnings.push({ code: "symlink-loop", file: rel, message: "symlink loop: skipped" });
    } else if (want(name)) {
      // Only a broken link that would have mattered is worth a line.
      warnings.push({
        code: "symlink-broken",
        file: rel,
        message: `symlink target missing (${code}): skipped`,
      });
    }
    return undefined;
  }
  if (target !== rootReal && !target.startsWith(rootReal + sep)) {
    let isDir = false;
    try {
      isDir = (await stat(target)).isDirectory();
    } catch {}
    if (isDir || want(name)) {
      warnings.push({
        code: "symlink-outside",
        file: rel,
        message: `symlink points outside the project: skipped${isDir ? " (directory not followed)" : ""}`,
      });
    }
    return undefined;
  }
  let isDir: boolean;
  try {
    isDir = (await stat(target)).isDirectory();
  } catch {
    return undefined;
  }
  if (isDir) {
    const linkDir = dirname(abs);
    if (linkDir === target || linkDir.startsWith(target + sep)) {
      warnings.push({
        code: "symlink-loop",
        file: rel,
        message: `symlink to its own ancestor '${relOf(target)}': not followed`,
      });
    }
    return undefined;
  }
  return want(name) ? { rel, abs, name, linkTarget: relOf(target) } : undefined;
}

function isIgnored(layers: Layer[], abs: string, isDir: boolean): boolean {
  // The deepest .gitignore that has an opinion wins, as in git.
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const base = layer.base.endsWith(sep) ? layer.base : layer.base + sep;
    const rel = abs.startsWith(base)
      ? toSlashes(abs.slice(base.length))
      : relative(layer.base, abs).split(sep).join("/");
    if (!rel || rel.startsWith("..")) continue;
    const result = layer.ig.test(isDir ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

async function loadLayer(dir: string): Promise<Layer | undefined> {
  try {
    const text = await readFile(join(dir, ".gitignore"), "utf8");
    if (text.length > 1024 * 1024) return undefined;
    return { base: dir, ig: ignore().add(text) };
  } catch {
    return undefined;
  }
}

/**
 * When the root sits inside a git work tree (`secrets inventory --root packages/api`), the
 * .gitignore files between the repository root and the scan root still apply.
 */
async function ancestorLayers(rootReal: string): Promise<Layer[]> {
  if (await exists(join(rootReal, ".git"))) return [];
  const chain: string[] = [];
  let dir = dirname(rootReal);
  for (let i = 0; i < 64; i++) {
    chain.unshift(dir);
    if (await exists(join(dir, ".git"))) {
      const layers = await Promise.all(chain.map(loadLayer));
      return layers.filter((l): l is Layer => l !== undefined);
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Not in a repository: nothing above the root applies.
  return [];
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? "error";
}
