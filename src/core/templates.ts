/**
 * The template loader: every file dotsecrets writes whole (agent files, headers, hooks) lives in
 * the package's top-level `templates/` folder, found relative to this module both from `src/`
 * (tests) and from `dist/` or `dist/chunks/` (the esbuild bundle).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "../errors.js";

let root: string | undefined;

/** The package's templates folder: the nearest `templates/` beside a package.json, walking up. */
function templatesDir(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "templates");
    if (existsSync(candidate) && existsSync(join(dir, "package.json"))) {
      root = candidate;
      return candidate;
    }
    dir = dirname(dir);
  }
  throw new InternalError("cannot find the templates folder of the dotsecrets package");
}

/**
 * Reads `templates/<name>` and replaces every `{{var}}` with `vars[var]`. Throws InternalError when
 * the template does not exist or names a variable that `vars` lacks (a bug, not a user error).
 */
export function loadTemplate(name: string, vars: Record<string, string> = {}): string {
  let text: string;
  try {
    text = readFileSync(join(templatesDir(), name), "utf8");
  } catch {
    throw new InternalError(`template '${name}' is missing from the dotsecrets package`);
  }
  return text.replace(/\{\{([A-Za-z0-9_]+)\}\}/g, (_match, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new InternalError(`template '${name}' needs a value for {{${key}}}`);
    return value;
  });
}
