/**
 * Where the local store lives. Computed from the environment the provider was given (never
 * process.env), so tests and the CLI's injected context decide the location.
 */
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { UserError } from "../../src/core/errors.js";

export interface LocalPaths {
  /** The store directory (created 0700 on first write). */
  dir: string;
  /** The encrypted store. */
  store: string;
  /** The generated key, unless DOTSECRETS_LOCAL_KEY replaces it. */
  key: string;
}

const APP = "dotsecrets";

/**
 * Resolves the store directory: `$DOTSECRETS_HOME`, else `settings.home` (from dotsecrets.json;
 * a leading `~/` means the user's home), else the platform data directory.
 * Throws UserError(CONFIG) for a relative location or a `home` setting that is not a string.
 */
export function resolveLocalPaths(
  env: NodeJS.ProcessEnv,
  settings: Record<string, unknown>,
  platform: NodeJS.Platform = process.platform,
): LocalPaths {
  const dir = fromEnv(env) ?? fromSettings(env, settings) ?? platformDataDir(env, platform);
  return { dir, store: join(dir, "store.enc"), key: join(dir, "store.key") };
}

function fromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.DOTSECRETS_HOME;
  if (home === undefined || home === "") return undefined;
  // A relative home would most likely land inside the project, where an agent can read it.
  if (!isAbsolute(home)) {
    throw new UserError("CONFIG", `DOTSECRETS_HOME must be an absolute path (got '${home}')`, {
      hint: "point it at a directory outside the project, e.g. ~/.local/share/dotsecrets",
    });
  }
  return home;
}

function fromSettings(env: NodeJS.ProcessEnv, settings: Record<string, unknown>): string | undefined {
  const home = settings.home;
  if (home === undefined) return undefined;
  if (typeof home !== "string" || home === "") {
    throw new UserError("CONFIG", "providers.local.home in dotsecrets.json must be a non-empty string");
  }
  const expanded = home === "~" || home.startsWith("~/") ? join(userHome(env), home.slice(1)) : home;
  if (!isAbsolute(expanded)) {
    throw new UserError(
      "CONFIG",
      `providers.local.home must be an absolute path or start with ~/ (got '${home}')`,
      {
        hint: "the store belongs outside the project folder",
      },
    );
  }
  return expanded;
}

/**
 * The per-user data directory, as env-paths computes it with `{ suffix: "" }` but read from the
 * given env, and without env-paths' extra `Data` level on Windows.
 */
function platformDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === "win32") {
    return join(env.LOCALAPPDATA || join(userHome(env), "AppData", "Local"), APP);
  }
  if (platform === "darwin") return join(userHome(env), "Library", "Application Support", APP);
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(userHome(env), ".local", "share");
  return join(base, APP);
}

function userHome(env: NodeJS.ProcessEnv): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (!home) {
    throw new UserError("CONFIG", "cannot find the home directory for the local secret store", {
      hint: "set DOTSECRETS_HOME to a directory outside the project",
    });
  }
  return home;
}
