/**
 * Finds where code reads environment variables: `process.env.X`, `process.env["X"]`, destructuring
 * from `process.env` / `import.meta.env`, `import.meta.env.X`, `Bun.env.X`, `Deno.env.get("X")`, and
 * Python's `os.environ[...]`, `os.environ.get(...)`, `os.getenv(...)`. Regular expressions over the
 * source with comments blanked: fast and good enough for an inventory (dynamic keys such as
 * `process.env[name]` are out of reach; the codemods of a later stage use real parsers).
 */
import { readFile, stat } from "node:fs/promises";
import { type Language, maskComments } from "./mask-comments.js";
import type { InventoryWarning, Usage } from "./types.js";
import type { WalkedFile } from "./walk.js";

const JS_EXTENSIONS = ["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx"];
const HTML_JS_EXTENSIONS = ["vue", "svelte", "astro"];
/** Source files over this size are skipped with a warning: real code is rarely this big, bundles are. */
export const MAX_CODE_BYTES = 1024 * 1024;

/** The language a file name is scanned as, or undefined when it is not scanned. */
export function codeLanguage(name: string): Language | undefined {
  if (/\.min\.[cm]?js$/.test(name) || name.endsWith(".d.ts")) return undefined;
  const ext = name.slice(name.lastIndexOf(".") + 1);
  if (name.lastIndexOf(".") <= 0) return undefined;
  if (JS_EXTENSIONS.includes(ext)) return "js";
  if (HTML_JS_EXTENSIONS.includes(ext)) return "html-js";
  if (ext === "py") return "py";
  return undefined;
}

const KEY = "[A-Za-z_][A-Za-z0-9_]*";
const JS_ENV = String.raw`(?:\bprocess\s*\.\s*env|\bimport\s*\.\s*meta\s*\.\s*env|\bBun\s*\.\s*env)`;
const JS_PATTERNS = [
  // Not `process.env.hasOwnProperty(...)`: a method call, not a key.
  new RegExp(String.raw`${JS_ENV}\s*(?:\?\.|\.)\s*(${KEY})\b(?!\s*\()`, "g"),
  new RegExp(String.raw`${JS_ENV}\s*(?:\?\.)?\s*\[\s*(["'\x60])(${KEY})\1\s*\]`, "g"),
  new RegExp(String.raw`\bDeno\s*\.\s*env\s*\.\s*get\s*\(\s*(["'\x60])(${KEY})\1`, "g"),
];
const JS_DESTRUCTURE = new RegExp(String.raw`\{([^{}]{0,4000})\}\s*=\s*${JS_ENV}(?![\w$.\[])`, "g");
/** `os.environ`, or a bare `environ`/`getenv` imported from os (not `request.environ`). */
const PY_OS = String.raw`(?:\bos\s*\.\s*|(?<![\w.]))`;
const PY_PATTERNS = [
  new RegExp(String.raw`${PY_OS}environ\s*\[\s*(["'])(${KEY})\1\s*\]`, "g"),
  new RegExp(String.raw`${PY_OS}environ\s*\.\s*(?:get|setdefault|pop)\s*\(\s*(["'])(${KEY})\1`, "g"),
  new RegExp(String.raw`${PY_OS}getenv\s*\(\s*(["'])(${KEY})\1`, "g"),
];

export interface FoundUsage {
  key: string;
  line: number;
}

/**
 * Finds the environment keys a source text reads, with 1-based lines, in source order, one entry per
 * key and line. Pure; never throws.
 */
export function findUsages(source: string, language: Language): FoundUsage[] {
  const code = maskComments(source, language);
  const lineAt = lineIndex(code);
  const found: { key: string; offset: number }[] = [];
  const collect = (re: RegExp) => {
    for (const m of code.matchAll(re)) {
      const key = m[m.length - 1]!;
      found.push({ key, offset: m.index! + m[0].lastIndexOf(key) });
    }
  };
  if (language === "py") {
    PY_PATTERNS.forEach(collect);
  } else {
    JS_PATTERNS.forEach(collect);
    for (const m of code.matchAll(JS_DESTRUCTURE)) {
      found.push(...destructuredKeys(m[1]!, m.index! + 1));
    }
  }
  found.sort((a, b) => a.offset - b.offset);
  const seen = new Set<string>();
  const result: FoundUsage[] = [];
  for (const { key, offset } of found) {
    const line = lineAt(offset);
    if (seen.has(`${key}:${line}`)) continue;
    seen.add(`${key}:${line}`);
    result.push({ key, line });
  }
  return result;
}

/** `A, B: b, "C": c, D = 1, ...rest` → A, B, C, D with their offsets. */
function destructuredKeys(body: string, base: number): { key: string; offset: number }[] {
  const keys: { key: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  const take = (end: number) => {
    const item = body.slice(start, end);
    const m = /^\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1\s*(?=[:=]|$)/.exec(item);
    if (m && !item.trimStart().startsWith("...")) {
      keys.push({ key: m[2]!, offset: base + start + item.indexOf(m[2]!) });
    }
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      take(i);
      start = i + 1;
    }
  }
  take(body.length);
  return keys;
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Long lines on average: a bundle or minified file, whose env reads are copies of the source's. */
function looksMinified(source: string): boolean {
  if (source.length < 4096) return false;
  const lines = source.split("\n", 2000).length;
  return source.length / lines > 300;
}

export interface UsageScan {
  /** Key → usages sorted by file then line. */
  usages: Map<string, Usage[]>;
  warnings: InventoryWarning[];
  filesScanned: number;
}

/**
 * Scans the walked source files (git-ignored ones and bundles skipped) for env reads. Unreadable or
 * oversized files become `code-skipped` warnings; never throws.
 */
export async function scanUsages(files: readonly WalkedFile[]): Promise<UsageScan> {
  const targets = files.filter((f) => !f.ignored && codeLanguage(f.name));
  const usages = new Map<string, Usage[]>();
  const warnings: InventoryWarning[] = [];
  let filesScanned = 0;
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const file = targets[next++]!;
      try {
        const size = (await stat(file.abs)).size;
        if (size > MAX_CODE_BYTES) {
          warnings.push({
            code: "code-skipped",
            file: file.rel,
            message: "not scanned for env reads: over 1 MiB",
          });
          continue;
        }
        const source = await readFile(file.abs, "utf8");
        if (looksMinified(source)) continue;
        filesScanned++;
        for (const { key, line } of findUsages(source, codeLanguage(file.name)!)) {
          const list = usages.get(key) ?? [];
          list.push({ file: file.rel, line });
          usages.set(key, list);
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException)?.code ?? "error";
        warnings.push({
          code: "code-skipped",
          file: file.rel,
          message: `not scanned for env reads (${code})`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, targets.length) }, worker));
  for (const list of usages.values()) {
    list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  }
  warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { usages, warnings, filesScanned };
}
