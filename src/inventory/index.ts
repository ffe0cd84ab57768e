/**
 * `buildInventory`: every dotenv file under a root, every key in them with its class and reason,
 * and where the code reads it. Returns plain data with no values in it (previews only), sorted the
 * same way on every run. A file that cannot be read or parsed becomes a warning; the rest of the
 * inventory is still produced.
 */
import { stat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { UserError } from "../core/errors.js";
import type { Project } from "../core/project.js";
import { fileScope } from "../core/scopes.js";
import { EnvFileError, readEnvFile } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import { classify, preview } from "./classify.js";
import { compare, type DiscoveredFile, isEnvCandidate, selectEnvFiles } from "./discover.js";
import type {
  Inventory,
  InventoryFile,
  InventoryKey,
  InventoryWarning,
  KeyClass,
  Occurrence,
  UndeclaredKey,
  Usage,
} from "./types.js";
import { codeLanguage, scanUsages } from "./usage.js";
import { type WalkOptions, walkProject } from "./walk.js";

export { classify, preview } from "./classify.js";
export { discoverEnvFiles, parseEnvFileName } from "./discover.js";
export type * from "./types.js";
export { findUsages } from "./usage.js";

export interface BuildOptions extends WalkOptions {
  root: string;
  /** Relative path → environment, overriding the name-based mapping. */
  envMap?: Record<string, string>;
  /** Scan source files for env reads (default true). */
  scanCode?: boolean;
  /** The project, to say each file's scope (`<app>/<env>`); `app` overrides its root app. */
  project?: Project;
  app?: string;
}

/**
 * Variables the platform or the toolchain sets: reading them without defining them in a .env file is
 * normal, so they are left out of `undeclared`. Vite's import.meta.env built-ins are among them.
 */
const PLATFORM_KEYS = new Set(
  "NODE_ENV CI HOME PATH PWD USER SHELL TERM TZ LANG TMPDIR TEMP TMP NODE_OPTIONS NODE_DEBUG NO_COLOR FORCE_COLOR MODE DEV PROD SSR BASE_URL".split(
    " ",
  ),
);

const RANK: Record<KeyClass, number> = { secret: 3, public: 2, config: 1 };

/**
 * Builds the inventory of `options.root`. Throws UserError(CONFIG) when the root is not a directory
 * or an envMap entry names no discovered file; every per-file problem is a warning instead.
 */
export async function buildInventory(options: BuildOptions): Promise<Inventory> {
  const rootArg = resolve(options.root);
  const info = await stat(rootArg).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UserError("CONFIG", `${options.root}: not a directory`, {
      hint: "pass the project root with --root",
    });
  }
  const scanCode = options.scanCode ?? true;
  const walk = await walkProject(
    rootArg,
    (name) => isEnvCandidate(name) || (scanCode && codeLanguage(name) !== undefined),
    options,
  );
  const discovery = selectEnvFiles(walk, { envMap: options.envMap });
  const warnings: InventoryWarning[] = [...discovery.warnings];
  const docs = await Promise.all(discovery.files.map((f) => readOne(f, walk.root, warnings)));

  const files: InventoryFile[] = discovery.files.map((f, i) => ({
    path: f.path,
    env: f.env,
    kind: f.kind,
    readable: docs[i] !== undefined,
    entries: docs[i]?.entries.length ?? 0,
    notes: f.notes,
    ...(f.mapped && { mapped: true as const }),
    ...(options.project && f.kind !== "template" && f.env !== null && { scope: scopeOf(options, f) }),
  }));

  const occurrences = new Map<string, Occurrence[]>();
  discovery.files.forEach((file, i) => {
    const doc = docs[i];
    if (doc) collectOccurrences(file, doc, occurrences, warnings);
  });

  const scan = scanCode ? await scanUsages(walk.files) : { usages: new Map<string, Usage[]>(), warnings: [] };
  warnings.push(...scan.warnings);

  const keys = [...occurrences.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([key, occ]) => summarise(key, occ, scan.usages.get(key) ?? []));
  const undeclared: UndeclaredKey[] = [...scan.usages.entries()]
    .filter(([key]) => !occurrences.has(key) && !PLATFORM_KEYS.has(key) && !key.startsWith("npm_"))
    .sort(([a], [b]) => compare(a, b))
    .map(([key, usages]) => ({ key, usages }));

  warnings.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
  const count = (cls: KeyClass) => keys.filter((k) => k.class === cls).length;
  return {
    root: walk.root,
    files,
    keys,
    undeclared,
    warnings,
    summary: {
      files: files.length,
      keys: keys.length,
      secret: count("secret"),
      config: count("config"),
      public: count("public"),
    },
  };
}

function scopeOf(options: BuildOptions, file: DiscoveredFile): string {
  const scope = fileScope(
    options.project!,
    file.path,
    { env: file.env!, local: file.kind === "local", ...(file.mapped && { mapped: file.env! }) },
    options.app,
  );
  return `${scope.app}/${scope.env}`;
}

async function readOne(
  file: DiscoveredFile,
  root: string,
  warnings: InventoryWarning[],
): Promise<EnvDocument | undefined> {
  try {
    const doc = await readEnvFile(file.abs);
    for (const w of doc.warnings)
      warnings.push({ code: "env-syntax", file: file.path, line: w.line, message: w.message });
    return doc;
  } catch (error) {
    if (!(error instanceof EnvFileError)) throw error;
    const warning: InventoryWarning = {
      code: error.code === "ENV_PARSE" ? "env-parse" : "env-read",
      file: file.path,
      // The parse hint says how to fix the encoding; the read hints are about naming a file by hand.
      message: `${withoutPath(error.message, file.abs, root)}: no keys read from this file${error.code === "ENV_PARSE" && error.hint ? `; ${error.hint}` : ""}`,
    };
    if (error.line > 0) warning.line = error.line;
    warnings.push(warning);
    return undefined;
  }
}

/** EnvFileError messages start with the path we passed (absolute): the warning carries it already. */
function withoutPath(message: string, abs: string, root: string): string {
  const rel = relative(root, abs).split(sep).join("/");
  for (const p of [abs, rel]) {
    if (message.startsWith(`${p}:`))
      return message
        .slice(p.length + 1)
        .replace(/^\d+:/, "")
        .trim();
  }
  return message;
}

function collectOccurrences(
  file: DiscoveredFile,
  doc: EnvDocument,
  into: Map<string, Occurrence[]>,
  warnings: InventoryWarning[],
): void {
  const lastLine = new Map<string, number>();
  for (const e of doc.entries) lastLine.set(e.key, e.line);
  for (const entry of doc.entries) {
    const c = classify(entry.key, entry.value);
    const occurrence: Occurrence = {
      file: file.path,
      line: entry.line,
      env: file.env,
      kind: file.kind,
      class: c.class,
      reason: c.reason,
      preview: preview(entry.value, c.publicWarning ? "public-secret" : c.class),
      empty: c.empty,
      placeholder: c.placeholder,
    };
    if (c.publicWarning) occurrence.publicWarning = c.publicWarning;
    if (lastLine.get(entry.key) !== entry.line) occurrence.overridden = true;
    const list = into.get(entry.key) ?? [];
    list.push(occurrence);
    into.set(entry.key, list);
    const at = { file: file.path, line: entry.line };
    if (c.publicWarning)
      warnings.push({ ...at, code: "public-secret", message: `${entry.key}: ${c.publicWarning}` });
    if (file.kind === "template" && c.valueLooksSecret) {
      warnings.push({
        ...at,
        code: "template-secret",
        message: `${entry.key}: a real-looking secret in a template (${c.reason}); templates are committed, use a placeholder`,
      });
    }
  }
}

function summarise(key: string, occurrences: Occurrence[], usages: Usage[]): InventoryKey {
  occurrences.sort((a, b) => compare(a.file, b.file) || a.line - b.line);
  // Templates hold placeholders: they decide the class only for keys found nowhere else.
  const real = occurrences.filter((o) => o.kind !== "template");
  const pool = real.length > 0 ? real : occurrences;
  const top = pool.reduce((best, o) => (RANK[o.class] > RANK[best.class] ? o : best), pool[0]!);
  const result: InventoryKey = { key, class: top.class, reason: top.reason, occurrences, usages };
  const warned = occurrences.find((o) => o.publicWarning);
  if (warned) result.publicWarning = warned.publicWarning;
  return result;
}
