/**
 * Which scope (`<app>/<env>`) an env file's secrets live under, the one rule that migrate, inventory
 * and the runtime's scope check share (docs/layering.md):
 *
 * - **app**: the nearest folder, from the file's own up to the project root, that is a package (it
 *   holds package.json, pyproject.toml or requirements.txt) names the app — package.json's `name`,
 *   pyproject's `name`, else the folder name. Files of the root package (or of folders that are no
 *   package) take the project's app (appName). So per-service files never share a scope.
 * - **env**: what the file name says, one segment per layer so layers of one environment never
 *   collide: `.env` → `development`, `.env.local` → `development-local`, `.env.<E>` → `<E>`,
 *   `.env.<E>.local` → `<E>-local`. When the folder also holds `.env.development[.local]`, the
 *   unsuffixed `.env` / `.env.local` are the shared base and take `default` / `default-local`.
 *   A file mapped by --env-map (dotsecrets.json `environments`) takes the mapped name as is.
 * - A file already migrated keeps what dotsecrets.json `files` recorded for it.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { appName, type Project, toSegment } from "./project.js";

export interface FileScope {
  app: string;
  env: string;
}

/** What makes a folder a package of its own. */
export const PACKAGE_MARKERS = ["package.json", "pyproject.toml", "requirements.txt"] as const;

/** The package marker a folder holds, if any. Never throws. */
export function packageMarker(dir: string): (typeof PACKAGE_MARKERS)[number] | undefined {
  return PACKAGE_MARKERS.find((marker) => existsSync(join(dir, marker)));
}

/** A package folder's own name: package.json or pyproject.toml `name`, else the folder name. Never throws. */
export function packageName(dir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
    if (typeof pkg.name === "string" && pkg.name) return toSegment(pkg.name.replace(/^@[^/]+\//, ""));
  } catch {
    // no package.json, or not JSON
  }
  try {
    const toml = readFileSync(join(dir, "pyproject.toml"), "utf8");
    const name = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(toml)?.[1];
    if (name) return toSegment(name);
  } catch {
    // no pyproject.toml
  }
  return toSegment(basename(dir));
}

/**
 * The folder (relative to the root, `/`-separated, "" for the root) of the package a file belongs
 * to: the nearest package folder from the file's folder up, stopping at the root. Never throws.
 */
export function packageDir(root: string, path: string): string {
  for (let dir = dirname(path); dir !== "." && dir !== "" && dir !== "/"; dir = dirname(dir)) {
    if (packageMarker(join(root, dir))) return dir.split("\\").join("/");
  }
  return "";
}

/**
 * The app of a file: its package's name, or the project's app (`rootApp`, default appName) for the
 * root package and loose folders. Never throws.
 */
export function appOf(project: Project, path: string, rootApp = appName(project)): string {
  const dir = packageDir(project.root, path);
  return dir === "" ? rootApp : packageName(join(project.root, dir));
}

/**
 * The env segment of a layer from its file name (see the module comment); `env` is what inventory
 * read from the name. Never throws.
 */
export function layerSegment(root: string, path: string, env: string, local: boolean): string {
  const name = basename(path);
  const base = name === ".env" || name === ".env.local";
  if (base) {
    const folder = join(root, dirname(path));
    const split =
      existsSync(join(folder, ".env.development")) || existsSync(join(folder, ".env.development.local"));
    const shared = split ? "default" : "development";
    return local ? `${shared}-local` : shared;
  }
  return local ? `${env}-local` : env;
}

/**
 * The scope of one env file (relative path): what dotsecrets.json recorded, else the env-mapped
 * environment, else the name's layer; the app from its package. `rootApp` overrides the project's
 * app (migrate --app). Never throws.
 */
export function fileScope(
  project: Project,
  path: string,
  named: { env: string; local: boolean; mapped?: string },
  rootApp?: string,
): FileScope {
  const recorded = project.config.files?.[path];
  if (recorded && named.mapped === undefined) return { app: recorded.app, env: recorded.env };
  const app = appOf(project, path, rootApp ?? appName(project));
  if (named.mapped !== undefined) return { app, env: named.mapped };
  return { app, env: layerSegment(project.root, path, named.env, named.local) };
}
