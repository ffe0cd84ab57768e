/**
 * Project scans for the doctor: which source files import dotsecrets, and which pre-commit hook
 * runs `secrets check`.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { codeLanguage } from "../inventory/usage.js";
import { walkProject } from "../inventory/walk.js";

const IMPORT = /(?:from\s*|import\s*\(?\s*|require\s*\(\s*)["']dotsecrets(?:\/[\w./-]*)?["']/;
const CHECK = /\bsecrets\s+check\b/;

/** Source files (relative paths) that import or require `dotsecrets`. Throws nothing. */
export async function findImporters(root: string): Promise<string[]> {
  try {
    const walk = await walkProject(root, (name) => codeLanguage(name) === "js");
    const found: string[] = [];
    for (const file of walk.files) {
      if (statSync(file.abs).size > 1_000_000) continue;
      if (IMPORT.test(readFileSync(file.abs, "utf8"))) found.push(file.rel);
    }
    return found.sort();
  } catch {
    return [];
  }
}

/** Where a pre-commit hook runs `secrets check`: git's hook, husky or lefthook. Throws nothing. */
export function findHook(root: string): { git: boolean; where?: string } {
  const git = existsSync(join(root, ".git"));
  const candidates = [
    ".git/hooks/pre-commit",
    ".husky/pre-commit",
    "lefthook.yml",
    "lefthook.yaml",
    ".lefthook.yml",
    ".lefthook.yaml",
  ];
  for (const path of candidates) {
    try {
      if (CHECK.test(readFileSync(join(root, path), "utf8"))) return { git, where: path };
    } catch {
      // absent
    }
  }
  return { git };
}
