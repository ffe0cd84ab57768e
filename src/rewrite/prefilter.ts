/**
 * Which files the codemod looks at, and the cheap substring test that keeps every other file from
 * being parsed: a file without one of the tokens cannot load an env file.
 */

export type FileKind = "js" | "package-json" | "python" | "dockerfile" | "compose" | "shell" | "mcp";

/** Substrings a JavaScript file must contain to be parsed at all. */
export const JS_TOKENS = ["dotenv", "env-cmd", "--env-file", "loadEnvFile", "ConfigModule"] as const;

const JS_EXT = /\.(?:[cm]?[jt]sx?)$/;

/** The kind of file a path is, or undefined when the codemod never looks at it. Never throws. */
export function fileKind(path: string): FileKind | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "package.json") return "package-json";
  if (name === ".mcp.json" || name === "mcp.json") return "mcp";
  if (/^(?:docker-)?compose(?:\.[\w-]+)*\.ya?ml$/.test(name)) return "compose";
  if (/^Dockerfile(?:\.[\w-]+)?$|\.Dockerfile$|^Containerfile$/.test(name)) return "dockerfile";
  if (name.endsWith(".py")) return "python";
  if (/\.(?:sh|bash|zsh)$/.test(name) || name === ".envrc") return "shell";
  if (JS_EXT.test(name) && !name.endsWith(".d.ts") && !/\.min\.[cm]?js$/.test(name)) return "js";
  return undefined;
}

/** True when a file of this kind and text may hold a loader (so is worth parsing). Never throws. */
export function mayLoadEnv(kind: FileKind, text: string): boolean {
  switch (kind) {
    case "js":
      return JS_TOKENS.some((token) => text.includes(token));
    case "package-json":
      return /dotenv|env-cmd|--env-file|prisma|"next|"vite|sequelize|\.env\b/.test(text);
    case "python":
      return text.includes("dotenv");
    case "dockerfile":
      return /^\s*ENV\s/im.test(text);
    case "compose":
      return text.includes("env_file") || text.includes("${");
    case "shell":
      return text.includes(".env");
    case "mcp":
      return text.includes("env-file") || text.includes(".env");
  }
}

/** Folders holding build output: a loader there is reported (edit the source), never edited. */
const OUTPUT_DIRS = new Set(["dist", "build", "out", ".next", ".output", ".nuxt", ".svelte-kit"]);

/** True when the path lies in a build output folder or the text is a bundle with a source map. */
export function isCompiledOutput(path: string, text: string): boolean {
  if (
    path
      .split("/")
      .slice(0, -1)
      .some((dir) => OUTPUT_DIRS.has(dir))
  )
    return true;
  return /\n\/\/# sourceMappingURL=\S+\s*$/.test(text);
}
