/**
 * Reads the options of a loader call statically: which env file it loads (when that can be known
 * without running the code), whether it overrides, and whether it loads into process.env at all.
 */
import { posix } from "node:path";
import type { Expression, Node } from "@babel/types";

export type OptionsVerdict =
  | { ok: true; override: boolean }
  | {
      ok: false;
      override: boolean;
      problem: "custom-path" | "computed-path" | "custom-target";
      path?: string;
    };

/** The default file every loader (and dotsecrets/config) reads: `.env` at the project root. */
export const DEFAULT_FILE = ".env";

const keyName = (node: Node): string | undefined =>
  node.type === "Identifier" ? node.name : node.type === "StringLiteral" ? node.value : undefined;

/**
 * Judges `config(...)` / `safe.config(...)` arguments for a file at `file` (root-relative). Loaders
 * resolve relative paths from the working directory, taken to be the project root. Never throws.
 */
export function judgeOptions(args: readonly Node[], file: string, pathKey = "path"): OptionsVerdict {
  if (args.length === 0) return { ok: true, override: false };
  const arg = args[0]!;
  if (args.length > 1 || arg.type !== "ObjectExpression") {
    return { ok: false, override: false, problem: "computed-path" };
  }
  let override = false;
  let problem: "custom-path" | "computed-path" | "custom-target" | undefined;
  let path: string | undefined;
  for (const prop of arg.properties) {
    if (prop.type !== "ObjectProperty" || prop.computed) {
      problem ??= "computed-path";
      continue;
    }
    const key = keyName(prop.key);
    if (key === "override") {
      override ||= !(prop.value.type === "BooleanLiteral" && !prop.value.value);
    } else if (key === pathKey) {
      const resolved = staticPath(prop.value as Expression, file);
      if (resolved === undefined) problem ??= "computed-path";
      else if (resolved !== DEFAULT_FILE) {
        problem ??= "custom-path";
        path = resolved;
      }
    } else if (key === "processEnv") {
      problem = "custom-target";
    }
  }
  return problem ? { ok: false, override, problem, ...(path ? { path } : {}) } : { ok: true, override };
}

/**
 * The root-relative file a path expression names, or undefined when it is computed at run time
 * (template with a variable, array, identifier, call other than path.resolve/join). Never throws.
 */
export function staticPath(node: Node, file: string): string | undefined {
  const fileDir = posix.dirname(file);
  const parts = pathParts(node, fileDir);
  if (!parts) return undefined;
  const joined = posix.normalize(posix.join(...parts.map((p) => p || ".")));
  return joined.startsWith("/") ? undefined : joined;
}

function pathParts(node: Node, fileDir: string): string[] | undefined {
  switch (node.type) {
    case "StringLiteral":
      return [node.value];
    case "TemplateLiteral": {
      const [head, tail] = node.quasis.map((q) => q.value.cooked ?? "");
      if (node.expressions.length === 0) return [head ?? ""];
      // `${__dirname}/../.env`: one folder expression first, then a literal tail.
      const dir =
        node.expressions.length === 1 && head === "" ? baseDir(node.expressions[0]!, fileDir) : undefined;
      return dir === undefined ? undefined : [dir, tail ?? ""];
    }
    case "CallExpression": {
      const callee = node.callee;
      const name =
        callee.type === "Identifier"
          ? callee.name
          : callee.type === "MemberExpression" &&
              callee.object.type === "Identifier" &&
              callee.property.type === "Identifier"
            ? `${callee.object.name}.${callee.property.name}`
            : "";
      if (!/^(?:path\.)?(?:resolve|join)$/.test(name)) return undefined;
      const out: string[] = [];
      for (const arg of node.arguments) {
        const dir = baseDir(arg, fileDir);
        if (dir !== undefined) {
          out.length = 0;
          out.push(dir);
        } else if (arg.type === "StringLiteral") out.push(arg.value);
        else return undefined;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** `__dirname`, `import.meta.dirname` → the file's folder; `process.cwd()` → the root. */
function baseDir(node: Node, fileDir: string): string | undefined {
  if (node.type === "Identifier" && node.name === "__dirname") return fileDir;
  if (
    node.type === "MemberExpression" &&
    node.object.type === "MetaProperty" &&
    node.property.type === "Identifier" &&
    node.property.name === "dirname"
  )
    return fileDir;
  if (
    node.type === "CallExpression" &&
    node.arguments.length === 0 &&
    node.callee.type === "MemberExpression" &&
    node.callee.object.type === "Identifier" &&
    node.callee.object.name === "process" &&
    node.callee.property.type === "Identifier" &&
    node.callee.property.name === "cwd"
  )
    return ".";
  return undefined;
}
