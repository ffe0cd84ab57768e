import {
  UserError
} from "./chunk-RPGY3AMR.js";

// providers/local/paths.ts
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
var APP = "dotsecrets";
function resolveLocalPaths(env, settings, platform = process.platform) {
  const dir = fromEnv(env) ?? fromSettings(env, settings) ?? platformDataDir(env, platform);
  return { dir, store: join(dir, "store.enc"), key: join(dir, "store.key") };
}
function fromEnv(env) {
  const home = env.DOTSECRETS_HOME;
  if (home === void 0 || home === "") return void 0;
  if (!isAbsolute(home)) {
    throw new UserError("CONFIG", `DOTSECRETS_HOME must be an absolute path (got '${home}')`, {
      hint: "point it at a directory outside the project, e.g. ~/.local/share/dotsecrets"
    });
  }
  return home;
}
function fromSettings(env, settings) {
  const home = settings.home;
  if (home === void 0) return void 0;
  if (typeof home !== "string" || home === "") {
    throw new UserError("CONFIG", "providers.local.home in dotsecrets.json must be a non-empty string");
  }
  const expanded = home === "~" || home.startsWith("~/") ? join(userHome(env), home.slice(1)) : home;
  if (!isAbsolute(expanded)) {
    throw new UserError(
      "CONFIG",
      `providers.local.home must be an absolute path or start with ~/ (got '${home}')`,
      {
        hint: "the store belongs outside the project folder"
      }
    );
  }
  return expanded;
}
function platformDataDir(env, platform) {
  if (platform === "win32") {
    return join(env.LOCALAPPDATA || join(userHome(env), "AppData", "Local"), APP);
  }
  if (platform === "darwin") return join(userHome(env), "Library", "Application Support", APP);
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(userHome(env), ".local", "share");
  return join(base, APP);
}
function userHome(env) {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (!home) {
    throw new UserError("CONFIG", "cannot find the home directory for the local secret store", {
      hint: "set DOTSECRETS_HOME to a directory outside the project"
    });
  }
  return home;
}

// src/atomic-write.ts
import { randomBytes } from "node:crypto";
import { chmod, open, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join as join2 } from "node:path";
var TEMP_PREFIX = ".dotsecrets-tmp-";
async function writeFileAtomic(path, data, options = {}) {
  const dir = dirname(path);
  const existing = await stat(path).catch(() => void 0);
  const mode = existing ? existing.mode & 4095 : options.mode ?? 420;
  const temp = join2(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}-${basename(path)}`);
  try {
    const handle = await open(temp, "wx", 384);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}
async function syncDir(dir) {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
  }
}

export {
  writeFileAtomic,
  resolveLocalPaths
};
