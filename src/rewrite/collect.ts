/**
 * Reads the files the codemod looks at from a project tree, with the same walk as the inventory
 * (node_modules, VCS folders and gitignored directories skipped). Files whose text cannot load an
 * env file are dropped here already, so callers hold only candidates (and every package.json).
 */
import { readFile } from "node:fs/promises";
import { walkProject } from "../inventory/walk.js";
import { fileKind, mayLoadEnv } from "./prefilter.js";
import type { SourceFile } from "./types.js";

/** Source files over this size are skipped: real code is rarely this big, bundles are. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export interface Collected {
  root: string;
  files: SourceFile[];
  /** Files looked at (read), including those the prefilter dropped. */
  scanned: number;
  /** Paths skipped as too large or unreadable. */
  skipped: string[];
}

/**
 * Walks `root` and returns the candidate files with their text. Throws the Node error when the
 * root itself cannot be read; unreadable single files are listed in `skipped`.
 */
export async function collectSources(root: string): Promise<Collected> {
  const walked = await walkProject(root, (name) => fileKind(name) !== undefined);
  const out: Collected = { root: walked.root, files: [], scanned: 0, skipped: [] };
  await Promise.all(
    walked.files.map(async (f) => {
      if (f.ignored || f.linkTarget) return;
      const kind = fileKind(f.rel)!;
      try {
        const bytes = await readFile(f.abs);
        if (bytes.length > MAX_SOURCE_BYTES) return void out.skipped.push(f.rel);
        const text = bytes.toString("utf8");
        out.scanned++;
        if (kind === "package-json" || mayLoadEnv(kind, text)) out.files.push({ path: f.rel, text });
      } catch {
        out.skipped.push(f.rel);
      }
    }),
  );
  out.files.sort((a, b) => (a.path < b.path ? -1 : 1));
  out.skipped.sort();
  return out;
}
