/**
 * The template loader: every file content the tool writes (stub header, .gitignore blocks, agent
 * files, hook scripts) lives in the package's top-level `templates/` folder and comes through here,
 * so wording changes in one place and `src/` holds no multi-line file content.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "./errors.js";

let folder: string | undefined;
const cache = new Map<string, string>();

/**
 * The templates folder: the nearest `templates/` beside a package.json, from this module upwards
 * (src/core/ under the tests, dist/ or dist/chunks/ once bundled).
 */
function templatesDir(): string {
  if (folder) return folder;
  const start = typeof import.meta?.url === "string" ? dirname(fileURLToPath(import.meta.url)) : __dirname;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "templates")) && existsSync(join(dir, "package.json"))) {
      folder = join(dir, "templates");
      return folder;
    }
    if (dirname(dir) === dir) throw new InternalError(`templates/ not found above ${start}`);
  }
}

/**
 * Returns template `name` (a path inside templates/) with every `{{var}}` replaced. Throws
 * InternalError when the template is missing or uses a variable not given.
 */
export function loadTemplate(name: string, vars: Record<string, string> = {}): string {
  let text = cache.get(name);
  if (text === undefined) {
    const file = join(templatesDir(), name);
    if (!existsSync(file)) throw new InternalError(`template ${name} is missing`);
    text = readFileSync(file, "utf8");
    cache.set(name, text);
  }
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new InternalError(`template ${name} needs {{${key}}}`);
    return value;
  });
}

/** A template as lines, without the final line ending (for headers and blocks joined with the file's EOL). */
export function templateLines(name: string, vars: Record<string, string> = {}): string[] {
  return loadTemplate(name, vars)
    .replace(/\r?\n$/, "")
    .split(/\r?\n/);
}
