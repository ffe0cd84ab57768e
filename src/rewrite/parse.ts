/**
 * @babel/parser 7 with the plugins each extension needs: `typescript` for .ts/.mts/.cts (never `jsx`,
 * where `<T>x` is a cast), `typescript` + `jsx` for .tsx, `jsx` for plain JavaScript, and
 * `decorators-legacy` everywhere (Nest). Error recovery is off: a file that does not parse is
 * reported and left untouched rather than edited from a guess.
 */
import { createRequire } from "node:module";
import type { ParserPlugin } from "@babel/parser";
import type { File } from "@babel/types";

/**
 * The parser, required on first use: a migration of a project with no candidate source file never
 * loads it (importing its 0.5 MB of CommonJS from ESM cost ~75 ms of every migrate).
 */
let parser: typeof import("@babel/parser") | undefined;
function babel(): typeof import("@babel/parser") {
  parser ??= createRequire(import.meta.url)("@babel/parser") as typeof import("@babel/parser");
  return parser;
}

/** The parser plugins for a file name. Never throws. */
export function pluginsFor(path: string): ParserPlugin[] {
  const ext = path.slice(path.lastIndexOf(".") + 1);
  const base: ParserPlugin[] = ["decorators-legacy"];
  if (ext === "ts" || ext === "mts" || ext === "cts") return ["typescript", ...base];
  if (ext === "tsx") return ["typescript", "jsx", ...base];
  return ["jsx", ...base];
}

export type ParseResult =
  | { ok: true; ast: File }
  | { ok: false; line: number; column: number; reason: string };

/** Parses a JavaScript or TypeScript source. Never throws: a syntax error comes back as data. */
export function parseSource(path: string, text: string): ParseResult {
  const ext = path.slice(path.lastIndexOf(".") + 1);
  try {
    const ast = babel().parse(text, {
      sourceType: ext === "cjs" || ext === "cts" ? "script" : "unambiguous",
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: false,
      errorRecovery: false,
      plugins: pluginsFor(path),
    });
    return { ok: true, ast };
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    // The parser's message names a token, never a value; keep only its first line.
    const reason = String((error as Error).message ?? error)
      .split("\n")[0]!
      .replace(/\s*\(\d+:\d+\)$/, "");
    return { ok: false, line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, reason };
  }
}
