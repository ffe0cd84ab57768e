var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// src/errors.ts
var EXIT, UserError;
var init_errors = __esm({
  "src/errors.ts"() {
    "use strict";
    EXIT = { ok: 0, findings: 1, usage: 2, notFound: 127, cancelled: 130 };
    UserError = class extends Error {
      name = "UserError";
      code;
      hint;
      exitCode;
      constructor(code, message, options = {}) {
        super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
        this.code = code;
        this.hint = options.hint;
        this.exitCode = options.exitCode ?? EXIT.usage;
      }
    };
  }
});

// src/atomic-write.ts
import { randomBytes } from "node:crypto";
import { chmod, open, readdir as readdir2, rename, rm, stat as stat2 } from "node:fs/promises";
import { basename, dirname as dirname2, join as join2 } from "node:path";
async function writeFileAtomic(path, data, options = {}) {
  const dir = dirname2(path);
  const existing = await stat2(path).catch(() => void 0);
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
var TEMP_PREFIX;
var init_atomic_write = __esm({
  "src/atomic-write.ts"() {
    "use strict";
    TEMP_PREFIX = ".dotsecrets-tmp-";
  }
});

// providers/local/paths.ts
import { homedir } from "node:os";
import { isAbsolute, join as join4 } from "node:path";
function resolveLocalPaths(env, settings, platform = process.platform) {
  const dir = fromEnv(env) ?? fromSettings(env, settings) ?? platformDataDir(env, platform);
  return { dir, store: join4(dir, "store.enc"), key: join4(dir, "store.key") };
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
  const expanded = home === "~" || home.startsWith("~/") ? join4(userHome(env), home.slice(1)) : home;
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
    return join4(env.LOCALAPPDATA || join4(userHome(env), "AppData", "Local"), APP);
  }
  if (platform === "darwin") return join4(userHome(env), "Library", "Application Support", APP);
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join4(userHome(env), ".local", "share");
  return join4(base, APP);
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
var APP;
var init_paths = __esm({
  "providers/local/paths.ts"() {
    "use strict";
    init_errors();
    APP = "dotsecrets";
  }
});

// providers/local/data.ts
function encodeStore(data) {
  const encoded = { secrets: [...data.values()] };
  return Buffer.from(JSON.stringify(encoded), "utf8");
}
function decodeStore(json, storePath) {
  const corrupt2 = (what) => new UserError(
    "STORE_CORRUPT",
    `local store ${storePath} decrypted but its content is invalid (${what})`,
    {
      hint: "restore store.enc from a backup, or report a bug if this dotsecrets version wrote it"
    }
  );
  let parsed;
  try {
    parsed = JSON.parse(json.toString("utf8"));
  } catch {
    throw corrupt2("not JSON");
  }
  const secrets = parsed?.secrets;
  if (!Array.isArray(secrets)) throw corrupt2("no secrets list");
  const data = /* @__PURE__ */ new Map();
  for (const record of secrets) {
    if (!isRecord(record)) throw corrupt2("malformed secret record");
    data.set(record.name, record);
  }
  return data;
}
function isRecord(value) {
  if (typeof value !== "object" || value === null) return false;
  if (typeof value.name !== "string" || typeof value.createdAt !== "string") return false;
  if (!Array.isArray(value.versions) || value.versions.length === 0) return false;
  return value.versions.every(
    (v) => typeof v?.id === "string" && typeof v.value === "string" && typeof v.createdAt === "string"
  );
}
function latest(record) {
  return record.versions[record.versions.length - 1];
}
function applyPut(data, item, now) {
  const { name, value, options } = item;
  const at = now.toISOString();
  const existing = data.get(name);
  if (!existing) {
    const record = { name, createdAt: at, versions: [{ id: "1", value, createdAt: at }] };
    applyMetadata(record, options);
    data.set(name, record);
    return { result: { name, version: "1", created: true, unchanged: false }, changed: true };
  }
  const metadataChanged = applyMetadata(existing, options);
  const current = latest(existing);
  if (current.value === value) {
    return {
      result: { name, version: current.id, created: false, unchanged: true },
      changed: metadataChanged
    };
  }
  const id = String(Number(current.id) + 1);
  existing.versions.push({ id, value, createdAt: at });
  if (existing.versions.length > MAX_VERSIONS)
    existing.versions.splice(0, existing.versions.length - MAX_VERSIONS);
  return { result: { name, version: id, created: false, unchanged: false }, changed: true };
}
function applyMetadata(record, options) {
  let changed = false;
  if (options?.labels !== void 0 && JSON.stringify(options.labels) !== JSON.stringify(record.labels)) {
    record.labels = { ...options.labels };
    changed = true;
  }
  if (options?.description !== void 0 && options.description !== record.description) {
    record.description = options.description;
    changed = true;
  }
  return changed;
}
function resolveRequest(data, request) {
  const { name, version } = request;
  const record = data.get(name);
  if (!record) {
    return version === void 0 ? { ok: false, name, reason: "not-found" } : { ok: false, name, version, reason: "not-found" };
  }
  const found = version === void 0 ? latest(record) : record.versions.find((v) => v.id === version);
  if (!found) return { ok: false, name, version, reason: "version-not-found" };
  return { ok: true, name, version: found.id, value: found.value };
}
function toInfo(record) {
  const current = latest(record);
  const info = {
    name: record.name,
    version: current.id,
    versionCount: record.versions.length,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(current.createdAt)
  };
  if (record.labels) info.labels = { ...record.labels };
  return info;
}
var MAX_VERSIONS;
var init_data = __esm({
  "providers/local/data.ts"() {
    "use strict";
    init_errors();
    MAX_VERSIONS = 100;
  }
});

// providers/local/lock.ts
import lockfile from "proper-lockfile";
async function withStoreLock(storePath, timeoutMs, fn) {
  const previous = queues.get(storePath) ?? Promise.resolve();
  let done;
  const mine = new Promise((resolve2) => {
    done = resolve2;
  });
  const tail = previous.then(() => mine);
  queues.set(storePath, tail);
  await previous;
  try {
    return await withFileLock(storePath, timeoutMs, fn);
  } finally {
    done();
    if (queues.get(storePath) === tail) queues.delete(storePath);
  }
}
async function withFileLock(storePath, timeoutMs, fn) {
  let compromised;
  const release = await acquire(storePath, timeoutMs, (error) => {
    compromised = error;
  });
  const held = {
    assertHeld() {
      if (compromised) {
        throw new UserError(
          "STORE_LOCKED",
          `lost the lock on ${storePath} (held too long, another writer took over)`,
          {
            hint: "nothing was written; retry the command",
            cause: compromised
          }
        );
      }
    }
  };
  try {
    return await fn(held);
  } finally {
    await release().catch(() => {
    });
  }
}
async function acquire(storePath, timeoutMs, onCompromised) {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (; ; ) {
    try {
      return await lockfile.lock(storePath, { realpath: false, stale: STALE_MS, retries: 0, onCompromised });
    } catch (error) {
      if (error.code !== "ELOCKED") {
        throw new UserError("STORE_LOCKED", `cannot lock ${storePath}`, {
          hint: "check that the store directory is writable",
          cause: error
        });
      }
      if (Date.now() >= deadline) {
        throw new UserError("STORE_LOCKED", `local store ${storePath} is locked by another process`, {
          hint: `another secrets command is writing; retry when it ends (a crashed writer's lock expires after ${STALE_MS / 1e3} s)`
        });
      }
      await sleep(Math.min(delay * (0.5 + Math.random()), deadline - Date.now()));
      delay = Math.min(delay * 2, MAX_POLL_MS);
    }
  }
}
function sleep(ms) {
  return new Promise((resolve2) => setTimeout(resolve2, Math.max(ms, 0)));
}
var STALE_MS, DEFAULT_LOCK_TIMEOUT_MS, MAX_POLL_MS, queues;
var init_lock = __esm({
  "providers/local/lock.ts"() {
    "use strict";
    init_errors();
    STALE_MS = 5e3;
    DEFAULT_LOCK_TIMEOUT_MS = 1e4;
    MAX_POLL_MS = 50;
    queues = /* @__PURE__ */ new Map();
  }
});

// providers/local/key.ts
import { createHmac as createHmac2, randomBytes as randomBytes2 } from "node:crypto";
import { constants } from "node:fs";
import { link as link2, open as open2, unlink } from "node:fs/promises";
function decodeKey(text) {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === KEY_BYTES) return bytes;
  }
  return void 0;
}
function keyId(key) {
  return createHmac2("sha256", key).update("dotsecrets local store key id").digest().subarray(0, KEY_ID_BYTES);
}
function storeKey(key, source) {
  return { key, id: keyId(key), source };
}
async function loadKey(env, keyPath) {
  const fromEnv2 = env[KEY_ENV];
  if (fromEnv2 !== void 0 && fromEnv2 !== "") {
    const key2 = decodeKey(fromEnv2);
    if (!key2) {
      throw new UserError("STORE_KEY", `${KEY_ENV} is not a 32-byte key in hex (64 digits) or base64`, {
        hint: `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`
      });
    }
    return storeKey(key2, KEY_ENV);
  }
  let text;
  try {
    const handle = await open2(keyPath, constants.O_RDONLY);
    try {
      const { mode } = await handle.stat();
      if (process.platform !== "win32" && (mode & 63) !== 0) {
        throw new UserError(
          "STORE_KEY",
          `key file ${keyPath} is accessible by other users (mode ${(mode & 511).toString(8)})`,
          { hint: `restrict it with: chmod 600 '${keyPath}'` }
        );
      }
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    if (error instanceof UserError) throw error;
    throw new UserError("STORE_KEY", `cannot read key file ${keyPath}`, { cause: error });
  }
  const key = decodeKey(text);
  if (!key) {
    throw new UserError("STORE_KEY", `key file ${keyPath} does not hold a 32-byte key`, {
      hint: `restore it from a backup, or set ${KEY_ENV}`
    });
  }
  return storeKey(key, keyPath);
}
async function createKeyFile(env, keyPath) {
  const key = randomBytes2(KEY_BYTES);
  const temp = `${keyPath}.${process.pid}.${randomBytes2(4).toString("hex")}.tmp`;
  try {
    const handle = await open2(temp, "wx", 384);
    try {
      await handle.writeFile(`${key.toString("hex")}
`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link2(temp, keyPath);
  } catch (error) {
    if (error.code !== "EEXIST") {
      throw new UserError("STORE_KEY", `cannot create key file ${keyPath}`, { cause: error });
    }
    const existing = await loadKey({ ...env, [KEY_ENV]: void 0 }, keyPath);
    if (existing) return existing;
    throw new UserError("STORE_KEY", `key file ${keyPath} vanished while being created`);
  } finally {
    await unlink(temp).catch(() => {
    });
  }
  return storeKey(key, keyPath);
}
var KEY_ENV, KEY_BYTES, KEY_ID_BYTES;
var init_key = __esm({
  "providers/local/key.ts"() {
    "use strict";
    init_errors();
    KEY_ENV = "DOTSECRETS_LOCAL_KEY";
    KEY_BYTES = 32;
    KEY_ID_BYTES = 8;
  }
});

// providers/local/format.ts
import { createCipheriv, createDecipheriv, randomBytes as randomBytes3 } from "node:crypto";
function seal(plaintext, key) {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[VERSION_AT] = FORMAT_VERSION;
  key.id.copy(header, KEY_ID_AT);
  randomBytes3(12).copy(header, IV_AT);
  const cipher = createCipheriv("aes-256-gcm", key.key, header.subarray(IV_AT, HEADER_BYTES));
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}
function checkHeader(file, storePath) {
  if (file.length < HEADER_BYTES + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    const what = file.length < HEADER_BYTES + TAG_BYTES ? `truncated (${file.length} bytes)` : "not a dotsecrets store";
    throw corrupt(storePath, what);
  }
  const version = file[VERSION_AT];
  if (version !== FORMAT_VERSION) {
    throw new UserError("STORE_CORRUPT", `local store ${storePath} has format version ${version}`, {
      hint: `this dotsecrets reads format ${FORMAT_VERSION}: upgrade dotsecrets, or restore store.enc from a backup`
    });
  }
}
function open3(file, key, storePath) {
  const header = file.subarray(0, HEADER_BYTES);
  const plaintext = decrypt(file, header, key);
  if (plaintext) return plaintext;
  if (header.subarray(KEY_ID_AT, IV_AT).equals(key.id)) throw corrupt(storePath, "authentication failed");
  const repaired = Buffer.from(header);
  key.id.copy(repaired, KEY_ID_AT);
  if (decrypt(file, repaired, key)) throw corrupt(storePath, "header was modified");
  const fromEnv2 = key.source === KEY_ENV;
  throw new UserError(
    "STORE_KEY",
    `local store ${storePath} was encrypted with a different key than ${fromEnv2 ? KEY_ENV : `the key file ${key.source}`}`,
    {
      hint: fromEnv2 ? `check ${KEY_ENV} (unset it to use the key file), or point DOTSECRETS_HOME at the store it belongs to` : `restore the matching store.key from a backup, or set ${KEY_ENV} to the key this store was written with`
    }
  );
}
function decrypt(file, aad, key) {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, file.subarray(IV_AT, HEADER_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)),
      decipher.final()
    ]);
  } catch {
    return void 0;
  }
}
function corrupt(storePath, what) {
  return new UserError("STORE_CORRUPT", `local store ${storePath} is damaged: ${what}`, {
    hint: `restore store.enc from a backup; if ${KEY_ENV} is set, check it is the key this store was written with`
  });
}
var MAGIC, FORMAT_VERSION, VERSION_AT, KEY_ID_AT, IV_AT, HEADER_BYTES, TAG_BYTES;
var init_format = __esm({
  "providers/local/format.ts"() {
    "use strict";
    init_errors();
    init_key();
    MAGIC = Buffer.from("dotsecrets-store", "ascii");
    FORMAT_VERSION = 1;
    VERSION_AT = MAGIC.length;
    KEY_ID_AT = VERSION_AT + 1;
    IV_AT = KEY_ID_AT + 8;
    HEADER_BYTES = IV_AT + 12;
    TAG_BYTES = 16;
  }
});

// providers/local/store-file.ts
import { mkdir as mkdir2, readFile as readFile5 } from "node:fs/promises";
import { dirname as dirname5 } from "node:path";
async function loadStore(paths, env) {
  let file;
  try {
    file = await readFile5(paths.store);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT") return { data: /* @__PURE__ */ new Map(), key: await loadKey(env, paths.key) };
    throw new UserError("STORE_CORRUPT", `cannot read local store ${paths.store}`, { cause: error });
  }
  checkHeader(file, paths.store);
  const key = await loadKey(env, paths.key);
  if (!key) {
    throw new UserError(
      "STORE_KEY",
      `local store ${paths.store} exists but its key file ${paths.key} is missing`,
      {
        hint: `restore store.key from a backup, or set ${KEY_ENV} to the key this store was written with`
      }
    );
  }
  const plaintext = open3(file, key, paths.store);
  try {
    return { data: decodeStore(plaintext, paths.store), key };
  } finally {
    plaintext.fill(0);
  }
}
async function ensureStoreDir(paths) {
  try {
    await mkdir2(dirname5(paths.dir), { recursive: true });
    await mkdir2(paths.dir, { mode: 448 });
  } catch (error) {
    if (error.code === "EEXIST") return;
    throw new UserError("CONFIG", `cannot create the local store directory ${paths.dir}`, {
      hint: "set DOTSECRETS_HOME to a writable directory outside the project",
      cause: error
    });
  }
}
async function saveStore(paths, env, loaded) {
  const key = loaded.key ?? await createKeyFile(env, paths.key);
  const plaintext = encodeStore(loaded.data);
  let file;
  try {
    file = seal(plaintext, key);
  } finally {
    plaintext.fill(0);
  }
  try {
    await writeFileAtomic(paths.store, file, { mode: 384 });
  } catch (error) {
    throw new UserError("CONFIG", `cannot write local store ${paths.store}`, {
      hint: "check free space and permissions of the store directory",
      cause: error
    });
  }
}
var init_store_file = __esm({
  "providers/local/store-file.ts"() {
    "use strict";
    init_atomic_write();
    init_errors();
    init_data();
    init_format();
    init_key();
  }
});

// providers/types.ts
function valueBytes(value) {
  return Buffer.byteLength(value, "utf8");
}
var init_types = __esm({
  "providers/types.ts"() {
    "use strict";
  }
});

// providers/local.ts
var local_exports = {};
__export(local_exports, {
  LOCAL_LIMITS: () => LOCAL_LIMITS,
  checkLocalName: () => checkLocalName,
  createLocalProvider: () => createLocalProvider,
  openLocalProvider: () => openLocalProvider
});
function checkLocalName(name) {
  if (name.length === 0) return "the name is empty";
  if (name.length > LOCAL_LIMITS.maxNameLength) {
    return `the name is ${name.length} characters long; the limit is ${LOCAL_LIMITS.maxNameLength}`;
  }
  for (const segment of name.split("/")) {
    if (segment === "") return "the name has an empty segment (a leading, trailing or doubled '/')";
    if (segment === "." || segment === "..") return `the name has a '${segment}' segment`;
    if (!SEGMENT.test(segment)) {
      return `the segment ${JSON.stringify(segment)} has a character other than letters, digits, '_', '.' and '-'`;
    }
  }
  return void 0;
}
function openLocalProvider(options) {
  const { env, settings } = options;
  const paths = resolveLocalPaths(env, settings);
  const lockTimeoutMs = readTimeout(settings.lockTimeoutMs);
  const load = () => loadStore(paths, env);
  async function update(change) {
    await ensureStoreDir(paths);
    return withStoreLock(paths.store, lockTimeoutMs, async (lock) => {
      const loaded = await load();
      const { value, changed } = change(loaded);
      if (changed) {
        lock.assertHeld();
        await saveStore(paths, env, loaded);
      }
      return value;
    });
  }
  async function putMany(items) {
    for (const item of items) validatePut(item);
    if (items.length === 0) return [];
    return update((loaded) => {
      const now = /* @__PURE__ */ new Date();
      let changed = false;
      const results = items.map((item) => {
        const applied = applyPut(loaded.data, item, now);
        changed ||= applied.changed;
        return applied.result;
      });
      return { value: results, changed };
    });
  }
  return {
    kind: "local",
    limits: LOCAL_LIMITS,
    paths,
    checkName: checkLocalName,
    putMany,
    async put(name, value, putOptions) {
      const [result] = await putMany([
        putOptions === void 0 ? { name, value } : { name, value, options: putOptions }
      ]);
      return result;
    },
    async getMany(requests) {
      if (requests.length === 0) return [];
      const { data } = await load();
      return requests.map((request) => resolveRequest(data, request));
    },
    async list(prefix) {
      const { data } = await load();
      return [...data.values()].filter((record) => record.name.startsWith(prefix)).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0).map(toInfo);
    },
    async describe(name) {
      const record = (await load()).data.get(name);
      return record && toInfo(record);
    },
    async delete(name) {
      if (!(await load()).data.has(name)) return;
      await update((loaded) => ({ value: void 0, changed: loaded.data.delete(name) }));
    }
  };
}
function validatePut(item) {
  const reason = checkLocalName(item.name);
  if (reason !== void 0) {
    throw new UserError("PROVIDER_NAME", `cannot store secret ${shown(item.name)}: ${reason}`, {
      hint: `local secret names are ${LOCAL_LIMITS.nameRules}, at most ${LOCAL_LIMITS.maxNameLength} characters`
    });
  }
  const bytes = valueBytes(item.value);
  if (bytes > LOCAL_LIMITS.maxValueBytes) {
    throw new UserError(
      "PROVIDER_SIZE",
      `cannot store secret ${shown(item.name)}: its value is ${bytes} bytes; the limit is ${LOCAL_LIMITS.maxValueBytes}`,
      { hint: "store large files elsewhere and keep only a path or URL in the secret" }
    );
  }
}
function shown(name) {
  return name.length > 80 ? `${JSON.stringify(name.slice(0, 60))}\u2026(${name.length} chars)` : JSON.stringify(name);
}
function readTimeout(value) {
  if (value === void 0) return DEFAULT_LOCK_TIMEOUT_MS;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new UserError(
      "CONFIG",
      "providers.local.lockTimeoutMs in dotsecrets.json must be a number of milliseconds"
    );
  }
  return value;
}
var LOCAL_LIMITS, SEGMENT, createLocalProvider;
var init_local = __esm({
  "providers/local.ts"() {
    "use strict";
    init_errors();
    init_data();
    init_lock();
    init_paths();
    init_store_file();
    init_types();
    LOCAL_LIMITS = {
      maxValueBytes: 65536,
      maxNameLength: 512,
      nameRules: "segments of letters, digits, '_', '.' and '-', separated by '/' (no empty, '.' or '..' segment)"
    };
    SEGMENT = /^[A-Za-z0-9_.-]+$/;
    createLocalProvider = openLocalProvider;
  }
});

// src/check/git.ts
init_errors();
import { spawn } from "node:child_process";
function git(cwd, args) {
  return new Promise((resolve2, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    let err = "";
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => {
      err += chunk.toString();
    });
    child.on(
      "error",
      (error) => reject(new UserError("CONFIG", `git could not be started: ${error.message}`))
    );
    child.on("close", (code) => {
      if (code === 0) resolve2(Buffer.concat(out));
      else
        reject(
          new UserError("CONFIG", `git ${args[0]} failed: ${err.trim().split("\n")[0] ?? `exit ${code}`}`, {
            hint: "run secrets check inside a git repository"
          })
        );
    });
  });
}
var ZERO = /^0+$/;
async function stagedBlobs(cwd) {
  const raw = await git(cwd, [
    "diff",
    "--cached",
    "--raw",
    "-z",
    "--no-abbrev",
    "--no-renames",
    "--diff-filter=ACMT"
  ]);
  return parseRaw(raw.toString("utf8")).map(({ id, path }) => ({ id, path }));
}
async function historyBlobs(cwd) {
  const raw = await git(cwd, [
    "log",
    "--all",
    "--reverse",
    "--raw",
    "--no-abbrev",
    "--no-renames",
    "-z",
    "--diff-merges=first-parent",
    "--format=%x01%H%x02%cI"
  ]);
  const blobs = /* @__PURE__ */ new Map();
  let commit = "";
  let date = "";
  const tokens = raw.toString("utf8").split("\0");
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n/, "");
    if (token.startsWith("")) {
      [commit, date] = token.slice(1).split("");
      continue;
    }
    if (!token.startsWith(":")) continue;
    const [, newMode, , id] = token.slice(1).split(" ");
    const path = tokens[++i] ?? "";
    if (!id || ZERO.test(id) || newMode === "160000" || blobs.has(id)) continue;
    blobs.set(id, { id, path, commit, commitDate: date });
  }
  return [...blobs.values()];
}
function parseRaw(text) {
  const tokens = text.split("\0");
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n/, "");
    if (!token.startsWith(":")) continue;
    const [, newMode, , id] = token.slice(1).split(" ");
    const path = tokens[++i] ?? "";
    if (id && !ZERO.test(id) && newMode !== "160000") out.push({ id, path });
  }
  return out;
}
async function* catBlobs(cwd, refs2, maxBytes) {
  if (refs2.length === 0) return;
  const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let failed;
  child.on("error", (error) => {
    failed = error;
  });
  child.stderr.resume();
  child.stdin.on("error", () => {
  });
  child.stdin.end(`${refs2.map((r2) => r2.id).join("\n")}
`);
  let pending = Buffer.alloc(0);
  let index = 0;
  let want = -1;
  let size = 0;
  let body;
  let filled = 0;
  for await (const chunk of child.stdout) {
    let data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (want < 0) {
        const nl = data.indexOf(10);
        if (nl < 0) {
          pending = Buffer.from(data);
          break;
        }
        const header = data.toString("latin1", 0, nl).split(" ");
        data = data.subarray(nl + 1);
        if (header[1] === "missing" || header.length < 3) {
          index++;
          continue;
        }
        size = Number(header[2]);
        want = size + 1;
        body = size <= maxBytes ? new Uint8Array(size) : void 0;
        filled = 0;
        continue;
      }
      const take = Math.min(want, data.length);
      if (body && filled < size) {
        const part = data.subarray(0, Math.min(take, size - filled));
        body.set(part, filled);
        filled += part.length;
      }
      want -= take;
      data = data.subarray(take);
      if (want === 0) {
        want = -1;
        const content = { ref: refs2[index++], size };
        if (body) content.bytes = body;
        yield content;
      }
    }
  }
  if (failed) throw new UserError("CONFIG", `git cat-file failed: ${failed.message}`);
}

// src/check/index.ts
import { createHash as createHash4 } from "node:crypto";
import { resolve } from "node:path";

// src/inventory/discover.ts
init_errors();

// src/inventory/walk.ts
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import ignore from "ignore";
var ALWAYS_SKIPPED = /* @__PURE__ */ new Set([
  "node_modules",
  ".git",
  ".hg",
  ".svn",
  ".jj",
  "bower_components",
  "jspm_packages",
  "__pycache__",
  ".pnpm-store",
  ".dotsecrets"
]);
async function walkProject(root, want, options = {}) {
  const maxDepth = options.maxDepth ?? 24;
  const maxEntries = options.maxEntries ?? 2e5;
  const rootReal = await realpath(root);
  const files = [];
  const warnings = [];
  const relOf = (abs) => relative(rootReal, abs).split(sep).join("/") || ".";
  let seen = 0;
  let limited = false;
  const walkDir = async (dir, depth, layers) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      warnings.push({
        code: "unreadable-dir",
        file: relOf(dir),
        message: `directory not read (${errorCode(error)})`
      });
      return;
    }
    if (entries.some((e) => e.name === "pyvenv.cfg" && e.isFile())) return;
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const here = entries.some((e) => e.name === ".gitignore") ? await loadLayer(dir) : void 0;
    const active = here ? [...layers, here] : layers;
    for (const entry of entries) {
      if (++seen > maxEntries) {
        if (!limited) {
          limited = true;
          warnings.push({
            code: "limit",
            file: ".",
            message: `stopped after ${maxEntries} entries: files past this point were not inventoried`
          });
        }
        return;
      }
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const abs = join(dir, entry.name);
      const type = entry.isSymbolicLink() ? "link" : await entryType(entry, abs);
      if (type === "dir") {
        if (isIgnored(active, abs, true)) continue;
        if (depth + 1 > maxDepth) {
          warnings.push({
            code: "limit",
            file: relOf(abs),
            message: `not read: deeper than ${maxDepth} levels`
          });
          continue;
        }
        await walkDir(abs, depth + 1, active);
      } else if (type === "file") {
        if (want(entry.name)) {
          files.push({ rel: relOf(abs), abs, name: entry.name, ignored: isIgnored(active, abs, false) });
        }
      } else if (type === "link") {
        const linked = await resolveLink(abs, entry.name, want, rootReal, relOf, warnings);
        if (linked) files.push({ ...linked, ignored: isIgnored(active, abs, false) });
      }
    }
  };
  await walkDir(rootReal, 0, await ancestorLayers(rootReal));
  return { root: rootReal, files, warnings };
}
async function entryType(entry, abs) {
  if (entry.isDirectory()) return "dir";
  if (entry.isFile()) return "file";
  if (entry.isSymbolicLink()) return "other";
  try {
    const s = await stat(abs);
    return s.isDirectory() ? "dir" : s.isFile() ? "file" : "other";
  } catch {
    return "other";
  }
}
async function resolveLink(abs, name, want, rootReal, relOf, warnings) {
  const rel = relOf(abs);
  let target;
  try {
    target = await realpath(abs);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ELOOP") {
      warnings.push({ code: "symlink-loop", file: rel, message: "symlink loop: skipped" });
    } else if (want(name)) {
      warnings.push({
        code: "symlink-broken",
        file: rel,
        message: `symlink target missing (${code}): skipped`
      });
    }
    return void 0;
  }
  if (target !== rootReal && !target.startsWith(rootReal + sep)) {
    let isDir2 = false;
    try {
      isDir2 = (await stat(target)).isDirectory();
    } catch {
    }
    if (isDir2 || want(name)) {
      warnings.push({
        code: "symlink-outside",
        file: rel,
        message: `symlink points outside the project: skipped${isDir2 ? " (directory not followed)" : ""}`
      });
    }
    return void 0;
  }
  let isDir;
  try {
    isDir = (await stat(target)).isDirectory();
  } catch {
    return void 0;
  }
  if (isDir) {
    const linkDir = dirname(abs);
    if (linkDir === target || linkDir.startsWith(target + sep)) {
      warnings.push({
        code: "symlink-loop",
        file: rel,
        message: `symlink to its own ancestor '${relOf(target)}': not followed`
      });
    }
    return void 0;
  }
  return want(name) ? { rel, abs, name, linkTarget: relOf(target) } : void 0;
}
function isIgnored(layers, abs, isDir) {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const rel = relative(layer.base, abs).split(sep).join("/");
    if (!rel || rel.startsWith("..")) continue;
    const result = layer.ig.test(isDir ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}
async function loadLayer(dir) {
  try {
    const text = await readFile(join(dir, ".gitignore"), "utf8");
    if (text.length > 1024 * 1024) return void 0;
    return { base: dir, ig: ignore().add(text) };
  } catch {
    return void 0;
  }
}
async function ancestorLayers(rootReal) {
  if (await exists(join(rootReal, ".git"))) return [];
  const chain = [];
  let dir = dirname(rootReal);
  for (let i = 0; i < 64; i++) {
    chain.unshift(dir);
    if (await exists(join(dir, ".git"))) {
      const layers = await Promise.all(chain.map(loadLayer));
      return layers.filter((l) => l !== void 0);
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return [];
}
async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
function errorCode(error) {
  return error?.code ?? "error";
}

// src/inventory/discover.ts
var TEMPLATE_WORDS = /* @__PURE__ */ new Set(["example", "sample", "template", "tpl", "dist", "defaults", "schema"]);
var BACKUP_WORDS = /* @__PURE__ */ new Set(["bak", "backup", "old", "orig", "save", "copy", "tmp"]);
var OTHER_FORMATS = /* @__PURE__ */ new Set([
  ...["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "json", "json5", "yml", "yaml", "toml"],
  ...["sh", "bash", "zsh", "fish", "ps1", "py", "rb", "md", "swp", "swo", "lock", "enc", "gpg", "age"]
]);
var UNSUPPORTED = {
  ".env.vault": "dotenv-vault encrypted file",
  ".env.keys": "dotenvx private keys file: keep it out of git",
  ".env.me": "dotenv-vault identity token file: keep it out of git"
};
function parseEnvFileName(name) {
  if (name === ".env") return { type: "dotenv", env: "development", kind: "env", notes: [] };
  if (!name.startsWith(".env.")) return void 0;
  const unsupported = UNSUPPORTED[name];
  if (unsupported) return { type: "unsupported", why: unsupported };
  const parts = name.slice(".env.".length).split(".");
  if (parts.some((p) => p === "") || OTHER_FORMATS.has(parts.at(-1).toLowerCase())) return void 0;
  const notes = [];
  while (parts.length > 0 && BACKUP_WORDS.has(parts.at(-1).toLowerCase())) {
    parts.pop();
    if (notes.length === 0) notes.push("backup copy of a dotenv file");
  }
  let kind = "env";
  const templateAt = parts.findIndex((p) => TEMPLATE_WORDS.has(p.toLowerCase()));
  if (templateAt >= 0) {
    kind = "template";
    parts.splice(templateAt, 1);
  } else if (parts.at(-1)?.toLowerCase() === "local") {
    kind = "local";
    parts.pop();
    notes.push("machine-local override");
  }
  const named = parts.join(".");
  const env = named || (kind === "template" ? null : "development");
  return { type: "dotenv", env, kind, notes };
}
function isEnvCandidate(name) {
  return name === ".env" || name.startsWith(".env.") && parseEnvFileName(name) !== void 0;
}

// src/check/baseline.ts
init_atomic_write();
init_errors();
import { readFile as readFile2 } from "node:fs/promises";
async function readBaseline(path) {
  let data;
  try {
    data = JSON.parse(await readFile2(path, "utf8"));
  } catch (error) {
    throw new UserError(
      "CONFIG",
      `${path}: baseline not readable (${error.code ?? "not JSON"})`,
      {
        hint: "create it with `secrets check --write-baseline FILE`"
      }
    );
  }
  if (data?.version !== 1 || !Array.isArray(data.fingerprints)) {
    throw new UserError("CONFIG", `${path}: not a dotsecrets baseline (expected version 1 and fingerprints)`);
  }
  return new Set(data.fingerprints.filter((f2) => typeof f2 === "string"));
}

// src/check/gitignore.ts
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile as readFile3 } from "node:fs/promises";
import { join as join3 } from "node:path";
import ignore2 from "ignore";
var SAMPLES = [".env.local", ".env.production.local"];
async function gitignoreFinding(root) {
  if (!existsSync(join3(root, ".git"))) return void 0;
  const text = await readFile3(join3(root, ".gitignore"), "utf8").catch(() => "");
  const ig = ignore2().add(text);
  const missing = SAMPLES.filter((name) => !ig.ignores(name));
  if (missing.length === 0) return void 0;
  return {
    rule: "gitignore-env-local",
    message: `.gitignore does not ignore ${missing.join(" or ")}: add \`.env.local\` and \`.env.*.local\``,
    line: 1,
    column: 1,
    preview: "-",
    secretHash: createHash("sha256").update(`gitignore-env-local\0${missing.join(",")}`).digest("hex")
  };
}

// src/check/pool.ts
import { existsSync as existsSync2 } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// src/inventory/formats.ts
var f = (id, label, pattern, shown2, keywords, secret = true) => ({ id, label, pattern, secret, shown: shown2, keywords });
var FORMATS = [
  f("aws-access-key-id", "an AWS access key id", /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/, 4, [
    "AKIA",
    "ASIA",
    "ABIA",
    "ACCA"
  ]),
  f("stripe-secret-key", "a Stripe secret key", /^sk_(live|test)_[A-Za-z0-9]{16,}$/, 4, [
    "sk_live_",
    "sk_test_"
  ]),
  f("stripe-restricted-key", "a Stripe restricted key", /^rk_(live|test)_[A-Za-z0-9]{16,}$/, 4, [
    "rk_live_",
    "rk_test_"
  ]),
  f("stripe-webhook-secret", "a Stripe webhook secret", /^whsec_[A-Za-z0-9+/=]{16,}$/, 4, ["whsec_"]),
  f(
    "stripe-publishable-key",
    "a Stripe publishable key",
    /^pk_(live|test)_[A-Za-z0-9]{16,}$/,
    4,
    ["pk_live_", "pk_test_"],
    false
  ),
  f("github-token", "a GitHub token", /^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$/, 4, [
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_"
  ]),
  f("github-pat", "a GitHub fine-grained token", /^github_pat_[A-Za-z0-9_]{30,}$/, 4, ["github_pat_"]),
  f("gitlab-token", "a GitLab token", /^glpat-[A-Za-z0-9_-]{20,}$/, 4, ["glpat-"]),
  f("slack-token", "a Slack token", /^xox[abposr]-[A-Za-z0-9-]{10,}$/, 4, [
    "xoxa-",
    "xoxb-",
    "xoxp-",
    "xoxo-",
    "xoxs-",
    "xoxr-"
  ]),
  f(
    "slack-webhook",
    "a Slack webhook URL",
    /^https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/\S+$/,
    0,
    ["https://hooks.slack.com/"]
  ),
  f("google-api-key", "a Google API key", /^AIza[0-9A-Za-z_-]{35}$/, 4, ["AIza"]),
  f("google-oauth-secret", "a Google OAuth client secret", /^GOCSPX-[A-Za-z0-9_-]{20,}$/, 4, ["GOCSPX-"]),
  f("anthropic-key", "an Anthropic API key", /^sk-ant-[A-Za-z0-9_-]{20,}$/, 4, ["sk-ant-"]),
  f("openai-key", "an OpenAI API key", /^sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}$/, 3, ["sk-"]),
  f("mapbox-secret", "a Mapbox secret token", /^sk\.eyJ[A-Za-z0-9_.-]{20,}$/, 3, ["sk.eyJ"]),
  f("mapbox-public", "a Mapbox public token", /^pk\.eyJ[A-Za-z0-9_.-]{20,}$/, 3, ["pk.eyJ"], false),
  f("jwt", "a JSON Web Token", /^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/, 3, ["eyJ"]),
  f("sendgrid-key", "a SendGrid API key", /^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/, 3, ["SG."]),
  f("twilio-api-key", "a Twilio API key", /^SK[0-9a-f]{32}$/, 2, ["SK"]),
  // An account SID is an identifier, but it looks random enough to trip the entropy rule.
  f("twilio-account-sid", "a Twilio account SID (an identifier)", /^AC[0-9a-f]{32}$/, 2, ["AC"], false),
  f("npm-token", "an npm token", /^npm_[A-Za-z0-9]{36}$/, 4, ["npm_"]),
  f("pypi-token", "a PyPI token", /^pypi-AgE[A-Za-z0-9_-]{40,}$/, 4, ["pypi-AgE"]),
  f("huggingface-token", "a Hugging Face token", /^hf_[A-Za-z0-9]{30,}$/, 3, ["hf_"]),
  f("mailgun-key", "a Mailgun API key", /^key-[0-9a-f]{32}$/, 4, ["key-"]),
  f("shopify-token", "a Shopify token", /^shp(at|ss|ca|pa)_[a-fA-F0-9]{32}$/, 4, [
    "shpat_",
    "shpss_",
    "shpca_",
    "shppa_"
  ]),
  f("digitalocean-token", "a DigitalOcean token", /^do[por]_v1_[a-f0-9]{64}$/, 4, [
    "dop_v1_",
    "doo_v1_",
    "dor_v1_"
  ]),
  f("vault-token", "a HashiCorp Vault token", /^hv[sb]\.[A-Za-z0-9_-]{20,}$/, 4, ["hvs.", "hvb."]),
  f("doppler-token", "a Doppler token", /^dp\.(st|sa|ct|pt|scim|audit)\.[A-Za-z0-9_.-]{20,}$/, 3, ["dp."]),
  f("linear-key", "a Linear API key", /^lin_(api|oauth)_[A-Za-z0-9]{30,}$/, 4, ["lin_api_", "lin_oauth_"]),
  f("supabase-secret", "a Supabase secret key", /^(sbp_[a-f0-9]{30,}|sb_secret_[A-Za-z0-9_-]{20,})$/, 3, [
    "sbp_",
    "sb_secret_"
  ]),
  f(
    "supabase-publishable",
    "a Supabase publishable key",
    /^sb_publishable_[A-Za-z0-9_-]{20,}$/,
    3,
    ["sb_publishable_"],
    false
  ),
  f("groq-key", "a Groq API key", /^gsk_[A-Za-z0-9]{40,}$/, 4, ["gsk_"]),
  f("replicate-token", "a Replicate token", /^r8_[A-Za-z0-9]{30,}$/, 3, ["r8_"]),
  f("age-secret-key", "an age secret key", /^AGE-SECRET-KEY-1[A-Z0-9]{50,}$/, 4, ["AGE-SECRET-KEY-1"]),
  f("telegram-bot-token", "a Telegram bot token", /^\d{8,10}:[A-Za-z0-9_-]{35}$/, 0, [])
];
var PEM_PRIVATE = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
var URL_USERINFO = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^\s/?#@:]*):([^\s/?#@]+)@/;
var URL_QUERY_CREDENTIAL = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S*[?&](password|passwd|pwd|pass|token|access_token|api_key|apikey|key|secret|client_secret|sig|signature|x-amz-signature|auth)=[^&\s]+/i;
var CONNECTION_STRING_SECRET = /(^|;)\s*(AccountKey|SharedAccessKey|Password|Pwd)\s*=\s*[^;\s]+/i;
var PASSWORD_URL_SCHEMES = [
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "amqp",
  "amqps"
];
var PEM_PRIVATE_KEY = f("pem-private-key", "a PEM private key", PEM_PRIVATE, 0, [
  "-----BEGIN "
]);
var URL_PASSWORD = f(
  "url-password",
  "a URL with a password",
  URL_USERINFO,
  0,
  PASSWORD_URL_SCHEMES.map((s) => `${s}://`)
);
var URL_QUERY = f(
  "url-query-credential",
  "a URL with a credential in its query",
  URL_QUERY_CREDENTIAL,
  0,
  []
);
var CONNECTION_STRING = f(
  "connection-string",
  "a connection string with a password or account key",
  CONNECTION_STRING_SECRET,
  0,
  []
);
function matchFormat(value) {
  for (const format of FORMATS) {
    if (format.pattern.test(value)) return { format, prefix: value.slice(0, format.shown) };
  }
  if (PEM_PRIVATE.test(value)) return { format: PEM_PRIVATE_KEY, prefix: "" };
  const userinfo = URL_USERINFO.exec(value);
  if (userinfo) {
    return { format: URL_PASSWORD, prefix: `${userinfo[1]}://`, secretPart: userinfo[3] };
  }
  const query = URL_QUERY_CREDENTIAL.exec(value);
  if (query) {
    return {
      format: { ...URL_QUERY, label: `${URL_QUERY.label} (${query[1].toLowerCase()}=)` },
      prefix: `${value.slice(0, value.indexOf("://"))}://`
    };
  }
  if (CONNECTION_STRING_SECRET.test(value) && value.includes(";")) {
    return { format: CONNECTION_STRING, prefix: "" };
  }
  return void 0;
}
function urlScheme(value) {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/[^\s]/.exec(value);
  return m ? `${m[1]}://` : void 0;
}

// src/inventory/names.ts
var words = (list) => new Set(list.trim().split(/\s+/));
var PUBLIC_PREFIXES = [
  "NEXT_PUBLIC_",
  "NUXT_PUBLIC_",
  "EXPO_PUBLIC_",
  "REACT_APP_",
  "VITE_",
  "GATSBY_",
  "VUE_APP_",
  "PUBLIC_"
];
var SECRET_WORDS = words(`
  KEY KEYS APIKEY ACCESSKEY SECRETKEY PRIVATEKEY SECRET SECRETS CLIENTSECRET COOKIESECRET SESSIONSECRET
  TOKEN TOKENS AUTHTOKEN ACCESSTOKEN REFRESHTOKEN PASSWORD PASSWORDS PASSWD PASS PWD PASSPHRASE
  PRIVATE CREDENTIAL CREDENTIALS CREDS AUTH DSN SALT PEPPER SIGNATURE HMAC`);
var SECRET_NAME_KEYWORDS = [
  "key",
  "secret",
  "token",
  "pass",
  "pwd",
  "private",
  "cred",
  "auth",
  "dsn",
  "salt",
  "pepper",
  "signature",
  "hmac"
];
var GLUED_SUFFIX = /^[A-Z0-9]{2,}(PASSWORD|PASSWD|SECRET|TOKEN|APIKEY)$/;
var JOINERS = words("ACCESS API CLIENT SIGNING ENCRYPTION MASTER SERVICE REFRESH BEARER");
var QUALIFIERS = words(`
  URL URI URLS HOST HOSTNAME PORT DOMAIN ENDPOINT PATH FILE FILENAME DIR LOCATION
  ENABLED DISABLED ENABLE DISABLE REQUIRED MODE TYPE NAME REGION TTL TIMEOUT
  EXPIRES EXPIRY EXPIRATION EXPIRE LIFETIME MAX MIN LENGTH LEN SIZE COUNT LIMIT RETRIES ATTEMPTS
  ALGORITHM ALG ALGO STRATEGY PROVIDER ISSUER AUDIENCE SCOPE SCOPES CALLBACK REDIRECT
  VERSION HEADER PREFIX FORMAT IN SECONDS MS MINUTES HOURS DAYS POLICY ROTATION LOGIN USER USERNAME`);
var NOT_CREDENTIAL_KEY = words("PRIMARY PARTITION SORT CACHE FOREIGN HOT SHORTCUT ROUTING");
var IDENTIFIER_WORDS = words(`
  ID IDS SHA HASH COMMIT REV REVISION CHECKSUM DIGEST UUID GUID SID FINGERPRINT THUMBPRINT ETAG BUILD`);
var CONFIG_NAMES = words(`
  PORT NODE_ENV APP_ENV ENV ENVIRONMENT RAILS_ENV RACK_ENV FLASK_ENV LOG_LEVEL DEBUG TZ HOST HOSTNAME
  LANG NODE_OPTIONS DJANGO_SETTINGS_MODULE`);
var CONFIG_SUFFIXES = words("PORT HOST HOSTNAME URL URI ENDPOINT DOMAIN REGION LEVEL");
function isSecretWord(segment) {
  return SECRET_WORDS.has(segment) || GLUED_SUFFIX.test(segment);
}
function nameSegments(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").split(/[_.-]+/).filter(Boolean).map((s) => s.toUpperCase());
}
function publicPrefix(key) {
  if (/^PUBLIC_KEYS?(_|$)/.test(key)) return void 0;
  return PUBLIC_PREFIXES.find((p) => key.startsWith(p) && key.length > p.length);
}
function judgeName(key) {
  if (key.toUpperCase() === "PWD") return { notSecret: "the shell's working-directory variable" };
  const segs = nameSegments(key);
  let at = segs.length - 1;
  while (at >= 0 && !isSecretWord(segs[at])) at--;
  if (at < 0) return {};
  let from = at;
  while (from > 0 && (isSecretWord(segs[from - 1]) || JOINERS.has(segs[from - 1]))) from--;
  const word = segs.slice(from, at + 1).join("_");
  const after = segs.slice(at + 1).find((s) => QUALIFIERS.has(s));
  if (after) return { secretWord: word, notSecret: `a setting of ${word} (\u2026_${after}), not a credential` };
  if (segs[at] === "KEY" || segs[at] === "KEYS") {
    const saysPublic = segs.includes("PUBLIC") || segs.includes("PUBLISHABLE") || segs.includes("ANON");
    if (saysPublic && !segs.includes("SECRET") && !segs.includes("PRIVATE")) {
      return { secretWord: word, notSecret: "a public/publishable/anon key by name" };
    }
    const before = segs[at - 1];
    if (before && NOT_CREDENTIAL_KEY.has(before)) {
      return { secretWord: word, notSecret: `a ${before.toLowerCase()} key, not a credential` };
    }
  }
  return { secretWord: word };
}

// src/inventory/value-shape.ts
function shannonEntropy(value) {
  const chars = [...value];
  if (chars.length === 0) return 0;
  const counts = /* @__PURE__ */ new Map();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
var TOKEN_CHARS = /^[A-Za-z0-9+/=_.~!@#$%^&*:,;?|-]+$/;
var HEX = /^[0-9a-fA-F]+$/;
var ENTROPY = {
  /** Minimum length for a mixed-alphabet value. */
  minLength: 20,
  /** Bits per character a mixed-alphabet value must reach. */
  minBits: 3.5,
  /** Hex values are judged on a 16-letter alphabet: longer, and a lower bar. */
  hexMinLength: 32,
  hexMinBits: 3,
  /** Share of adjacent characters that change class (lower/upper/digit/symbol): random text changes often, words rarely. */
  minSwitchRatio: 0.3,
  /** The same for one-case alphabets (hex, base36), where a random string changes class less often. */
  singleCaseMinSwitchRatio: 0.2
};
function highEntropy(value) {
  const length = [...value].length;
  if (length < ENTROPY.minLength || !TOKEN_CHARS.test(value)) return void 0;
  if (UUID.test(value) || value.includes("://") || looksLikePath(value) || looksLikeEmail(value))
    return void 0;
  if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value) && !/\d{3,}/.test(value)) return void 0;
  const bits = shannonEntropy(value);
  const switches = switchRatio(value);
  const alnumSwitches = switchRatio(value.replace(/[-_]/g, ""));
  if (HEX.test(value)) {
    const mixed = /[0-9]/.test(value) && /[a-fA-F]/.test(value);
    return mixed && length >= ENTROPY.hexMinLength && bits >= ENTROPY.hexMinBits && alnumSwitches >= ENTROPY.singleCaseMinSwitchRatio ? { bits, length } : void 0;
  }
  const digits = /[0-9]/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value) && digits;
  const singleCaseAlnum = (/^[a-z0-9_-]+$/.test(value) || /^[A-Z0-9_-]+$/.test(value)) && digits && /[A-Za-z]/.test(value) && length >= 24;
  if (!mixedCase && !singleCaseAlnum) return void 0;
  const enough = mixedCase ? switches >= ENTROPY.minSwitchRatio : alnumSwitches >= ENTROPY.singleCaseMinSwitchRatio;
  return bits >= ENTROPY.minBits && enough ? { bits, length } : void 0;
}
function switchRatio(value) {
  const cls = (c) => /[a-z]/.test(c) ? 0 : /[A-Z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 3;
  let switches = 0;
  for (let i = 1; i < value.length; i++) if (cls(value[i]) !== cls(value[i - 1])) switches++;
  return value.length > 1 ? switches / (value.length - 1) : 0;
}
var PLACEHOLDER_WORDS = "xxxx your change replace placeholder example dummy todo fixme insert redacted **** ... < > ${".split(" ");
var PLACEHOLDER_VALUES = new Set(
  "secret password pass passwd token key none null nil empty test testing admin root postgres mysql user guest changeme 1234 12345 123456 12345678 abc abc123".split(
    " "
  )
);
function isPlaceholder(value) {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true;
  const tail = value.replace(/^[A-Za-z]{1,8}[_-]((live|test)[_-])?/, "");
  return tail.length >= 8 && new Set(tail).size <= 2;
}
function configShape(value) {
  if (/^(true|false|yes|no|on|off|enabled|disabled)$/i.test(value)) return "boolean value";
  if (/^-?\d{1,10}(\.\d+)?$/.test(value)) return "number";
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/.test(value)) return "URL without credentials";
  if (/^(\d{1,3}\.){3}\d{1,3}(:\d{1,5})?$/.test(value)) return "IP address";
  if (/^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d{1,5})?$/i.test(value)) return "host name";
  if (looksLikeEmail(value)) return "email address";
  if (/^(\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value)) return "file path";
  if (/^\d+(\.\d+){1,3}([-+][\w.]+)?$/.test(value)) return "version";
  if (/^[a-zA-Z][a-zA-Z0-9_.:-]{0,31}$/.test(value) && !/\d.*[a-zA-Z].*\d/.test(value)) return "plain word";
  if (/\s/.test(value.trim())) return "text";
  return void 0;
}
function isBoolean(value) {
  return /^(true|false|yes|no|on|off)$/i.test(value);
}
function looksLikePath(value) {
  if (!/^(~|\.{1,2})?\//.test(value)) return false;
  const slashes = value.split("/").length - 1;
  return /^[\w.@~/-]*$/.test(value) && (slashes >= 2 || !/[a-zA-Z]\d|\d[a-zA-Z]/.test(value));
}
function looksLikeEmail(value) {
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value);
}

// src/inventory/text-rules.ts
function textSource(pattern) {
  return pattern.source.replace(/^\^/, "").replace(/\$$/, "").replaceAll("\\S", "[^\\s\"'`<>),;\\]]");
}
var fromFormats = FORMATS.filter((f2) => f2.secret && f2.keywords.length > 0).map((f2) => ({
  id: f2.id,
  label: f2.label,
  shown: f2.shown,
  keywords: f2.keywords,
  mode: "at",
  regex: new RegExp(`(?:${textSource(f2.pattern)})(?![A-Za-z0-9])`, "y"),
  secretGroup: 0,
  accept: (m) => !isPlaceholder(m[0])
}));
var LOCAL_HOSTS = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal|db|postgres|mysql|redis|mongo|rabbitmq)$/i;
var TEMPLATED = /^[$%{<[]|^\*+$/;
var QUOTE = "[\"'`]";
var TYPE_ANNOTATION = "(?:\\s*:\\s*[A-Za-z_][\\w.<>|\\[\\] ]*?(?=\\s*=[^=>]))?";
var urlPassword = {
  id: URL_PASSWORD.id,
  label: URL_PASSWORD.label,
  shown: 0,
  keywords: URL_PASSWORD.keywords,
  mode: "at",
  regex: new RegExp(
    `(${PASSWORD_URL_SCHEMES.map((s) => s.replace("+", "\\+")).join("|")})://([^\\s/?#@:"'\`]*):([^\\s/?#@"'\`]+)@([^\\s/?#"'\`:,]+)`,
    "dy"
  ),
  secretGroup: 3,
  // `user:password@localhost` and `${DB_PASSWORD}` are how docs and compose files spell "none".
  accept: (m) => {
    const password = m[3];
    if (isPlaceholder(password) || TEMPLATED.test(password)) return false;
    return !(LOCAL_HOSTS.test(m[4]) && password.length < 16 && !highEntropy(password));
  },
  previewPrefix: (m) => `${m[1]}://`
};
var pem = {
  id: PEM_PRIVATE_KEY.id,
  label: PEM_PRIVATE_KEY.label,
  shown: 0,
  keywords: PEM_PRIVATE_KEY.keywords,
  mode: "at",
  // A header alone (in docs, in a parser's source) is not a key: a body must follow it.
  regex: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----(?:\s|\\[nr]|["'`+,])*(?:[A-Za-z0-9+/=]{40,}|Proc-Type:)/y,
  secretGroup: 0,
  accept: (m) => !isPlaceholder(m[0].slice(m[0].lastIndexOf("-----") + 5))
};
var awsSecret = {
  id: "aws-secret-access-key",
  label: "an AWS secret access key",
  shown: 0,
  keywords: [
    "aws_secret",
    "aws-secret",
    "awssecret",
    "secret_access_key",
    "secretaccesskey",
    "secret-access-key"
  ],
  mode: "name",
  regex: new RegExp(
    `([A-Za-z0-9_.-]*?(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key)${QUOTE}?${TYPE_ANNOTATION}\\s*(?::=|=>|=|:|,)\\s*${QUOTE}?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    "dyi"
  ),
  secretGroup: 2,
  nameGroup: 1,
  accept: (m) => !isPlaceholder(m[2]) && highEntropy(m[2]) !== void 0
};
var generic = {
  id: "generic-secret",
  label: "a random-looking value assigned to a secret-looking name",
  shown: 0,
  keywords: SECRET_NAME_KEYWORDS,
  mode: "name",
  regex: new RegExp(
    `([A-Za-z_][A-Za-z0-9_.-]*)${QUOTE}?\\]?${TYPE_ANNOTATION}\\s*(?::=|=>|=|:)\\s*(?:[rbuf]?${QUOTE})?([^\\s"'\`,;)}\\]]{16,})`,
    "dy"
  ),
  secretGroup: 2,
  nameGroup: 1,
  accept: (m) => {
    const name = m[1];
    const value = m[2];
    const verdict = judgeName(name);
    if (!verdict.secretWord || verdict.notSecret) return false;
    if (isPlaceholder(value) || value.startsWith("secret://")) return false;
    const format = matchFormat(value);
    if (format && !format.format.secret) return false;
    return highEntropy(value) !== void 0;
  }
};
var TEXT_RULES = [...fromFormats, pem, urlPassword, awsSecret, generic];

// src/check/automaton.ts
function foldByte(b) {
  return b >= 65 && b <= 90 ? b + 32 : b;
}
var KeywordAutomaton = class {
  keywords;
  /** byte → alphabet class. */
  classes;
  width;
  /** state + class → next state, states premultiplied by `width` (one add per byte, no multiply). */
  next;
  /** Non-zero for (premultiplied) states where a keyword ends. */
  accepts;
  /** Keyword ids that end in each (premultiplied) state, suffix outputs included. */
  outputs;
  /** Builds the automaton. Keywords are ASCII; an empty list matches nothing. Never throws. */
  constructor(keywords) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    const classes = new Uint8Array(256);
    let width = 1;
    for (const k of this.keywords) {
      for (let i = 0; i < k.length; i++) {
        const b = k.charCodeAt(i) & 255;
        if (classes[b] === 0) {
          classes[b] = width;
          if (b >= 97 && b <= 122) classes[b - 32] = width;
          width++;
        }
      }
    }
    this.classes = classes;
    this.width = width;
    const goto = [/* @__PURE__ */ new Map()];
    const out = [[]];
    this.keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = classes[foldByte(k.charCodeAt(i) & 255)];
        let next = goto[s].get(c);
        if (next === void 0) {
          next = goto.length;
          goto.push(/* @__PURE__ */ new Map());
          out.push([]);
          goto[s].set(c, next);
        }
        s = next;
      }
      out[s].push(id);
    });
    const delta = new Int32Array(goto.length * width);
    const fail = new Int32Array(goto.length);
    const queue = [];
    for (let c = 0; c < width; c++) {
      const next = goto[0].get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      out[s].push(...out[fail[s]]);
      for (let c = 0; c < width; c++) {
        const next = goto[s].get(c);
        if (next === void 0) {
          delta[s * width + c] = delta[fail[s] * width + c];
        } else {
          fail[next] = delta[fail[s] * width + c];
          delta[s * width + c] = next;
          queue.push(next);
        }
      }
    }
    this.next = delta.map((state) => state * width);
    this.accepts = new Uint8Array(delta.length);
    this.outputs = /* @__PURE__ */ new Map();
    out.forEach((ids, state) => {
      if (ids.length === 0) return;
      this.accepts[state * width] = 1;
      this.outputs.set(state * width, ids);
    });
  }
};
var BLOOM_BITS = 1 << 23;
var ValueIndex = class {
  base;
  stride;
  mode;
  /** base^stride mod 2^32, to drop the byte leaving a rolling window. */
  drop;
  bloom = new Uint8Array(BLOOM_BITS >>> 3);
  candidates = /* @__PURE__ */ new Map();
  /** `base` is made odd; callers pick it at random (or from the fingerprint file) so hashes are not portable. */
  constructor(base, stride, mode) {
    this.base = base | 1;
    this.stride = stride;
    this.mode = mode;
    let drop = 1;
    for (let i = 0; i < stride; i++) drop = Math.imul(drop, this.base);
    this.drop = drop;
  }
  /** The hash of `bytes[from, from + stride)`, as the scan computes it. */
  hash(bytes, from) {
    let h = 0;
    for (let i = from; i < from + this.stride; i++) h = Math.imul(h, this.base) + bytes[i] | 0;
    return h;
  }
  /** Registers a window of a pattern under its hash. */
  add(hash, window) {
    const slot = bloomSlot(hash);
    this.bloom[slot >>> 3] |= 1 << (slot & 7);
    const list = this.candidates.get(hash);
    if (list) list.push(window);
    else this.candidates.set(hash, [window]);
  }
  get size() {
    return this.candidates.size;
  }
};
function bloomSlot(hash) {
  return Math.imul(hash, 2654435761) >>> 9;
}
function scanKeywords(bytes, automaton) {
  const { classes, next, accepts } = automaton;
  const hits = [];
  let s = 0;
  for (let i = 0, n = bytes.length; i < n; i++) {
    s = next[s + classes[bytes[i]]];
    if (accepts[s] !== 0) hits.push(i + 1, s);
  }
  return hits;
}
function scanWindows(bytes, index) {
  const { base, stride, bloom, candidates } = index;
  const hits = [];
  const n = bytes.length;
  if (index.size === 0 || n < stride) return hits;
  if (index.mode === "aligned") {
    for (let q = 0; q + stride <= n; q += stride) {
      let h2 = 0;
      for (let i = q; i < q + stride; i++) h2 = Math.imul(h2, base) + bytes[i] | 0;
      const slot = bloomSlot(h2);
      if ((bloom[slot >>> 3] & 1 << (slot & 7)) !== 0 && candidates.has(h2)) hits.push(q, h2);
    }
    return hits;
  }
  const drop = index.drop;
  let h = 0;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h, base) + bytes[i] | 0;
    if (i >= stride) h = h - Math.imul(drop, bytes[i - stride]) | 0;
    if (i >= stride - 1) {
      const slot = bloomSlot(h);
      if ((bloom[slot >>> 3] & 1 << (slot & 7)) !== 0 && candidates.has(h)) hits.push(i + 1 - stride, h);
    }
  }
  return hits;
}

// src/check/engine.ts
var FINGERPRINT_WINDOW = 8;
function buildEngine(spec) {
  const keywords = [];
  const ids = /* @__PURE__ */ new Map();
  const rulesByKeyword = [];
  for (const rule of TEXT_RULES) {
    for (const raw of rule.keywords) {
      const keyword = raw.toLowerCase();
      let id = ids.get(keyword);
      if (id === void 0) {
        id = keywords.length;
        ids.set(keyword, id);
        keywords.push(keyword);
        rulesByKeyword.push([]);
      }
      if (!rulesByKeyword[id].includes(rule)) rulesByKeyword[id].push(rule);
    }
  }
  const engine = {
    automaton: new KeywordAutomaton(keywords),
    rulesByKeyword,
    ruleRank: new Map(TEXT_RULES.map((rule, i) => [rule, i])),
    patterns: [],
    values: []
  };
  const values = spec.values;
  if (!values || values.items.length === 0) return engine;
  engine.values = values.items.map(({ key, preview }) => ({ key, preview }));
  if (values.mode === "exact") {
    const lengths = values.items.flatMap((v) => v.forms.map((f2) => f2.bytes.length));
    const stride = Math.max(2, Math.min(8, Math.floor((Math.min(...lengths) + 1) / 2)));
    const index = new ValueIndex(values.base, stride, "aligned");
    values.items.forEach((item, valueId) => {
      for (const form of item.forms) {
        const bytes = Buffer.from(form.bytes.buffer, form.bytes.byteOffset, form.bytes.byteLength);
        const id = engine.patterns.length;
        engine.patterns.push({ valueId, encoding: form.encoding, length: bytes.length, bytes });
        for (let offset = 0; offset + stride <= bytes.length; offset++) {
          index.add(index.hash(bytes, offset), { id, offset });
        }
      }
    });
    engine.index = index;
  } else {
    const index = new ValueIndex(values.base, FINGERPRINT_WINDOW, "rolling");
    values.items.forEach((item, valueId) => {
      for (const form of item.forms) {
        const id = engine.patterns.length;
        engine.patterns.push({ valueId, encoding: form.encoding, length: form.length, hmac: form.hmac });
        index.add(form.head, { id, offset: 0 });
      }
    });
    engine.index = index;
    engine.hmacKey = Buffer.from(values.hmacKey, "hex");
  }
  return engine;
}

// src/check/jobs.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

// src/check/scan-buffer.ts
import { createHash as createHash2, createHmac } from "node:crypto";
import { basename as basename2 } from "node:path";

// src/envfile/offsets.ts
function normalise(source) {
  const crlfAt = [];
  let removed = 0;
  for (let i = source.indexOf("\r"); i !== -1; i = source.indexOf("\r", i + 1)) {
    if (source.charCodeAt(i + 1) === 10) {
      crlfAt.push(i - removed);
      removed++;
    }
  }
  const text = source.replace(/\r\n?/g, "\n");
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return { text, crlfAt, lineStarts };
}
function countBelow(sorted, x, inclusive) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    const v = sorted[mid];
    if (v < x || inclusive && v === x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function toOriginal(norm, offset) {
  return offset + countBelow(norm.crlfAt, offset, false);
}
function lineOf(norm, offset) {
  return countBelow(norm.lineStarts, offset, true);
}

// src/envfile/warnings.ts
var MAX_WARNINGS = 200;
var LOOKS_LIKE_ASSIGNMENT = /\n[ \t]*(?:export[ \t]+)?[\w.-]+[ \t]*=/;
function collectWarnings(norm, scanned) {
  const warnings = [];
  const text = norm.text;
  const warnAt = (offset, message) => warnings.push({ line: lineOf(norm, offset), message });
  let pos = 0;
  for (const s of scanned) {
    ignoredLines(text, pos, s.matchStart, warnAt);
    pos = s.matchEnd;
  }
  ignoredLines(text, pos, text.length, warnAt);
  const last = /* @__PURE__ */ new Map();
  for (const s of scanned) last.set(s.entry.key, s);
  for (const s of scanned) {
    for (const message of entryWarnings(text, s, norm)) warnings.push({ line: s.entry.line, message });
    const final = last.get(s.entry.key);
    if (final !== s) {
      warnings.push({
        line: s.entry.line,
        message: `${s.entry.key} is set again on line ${final.entry.line}; dotenv keeps the last value`
      });
    }
  }
  const nul = text.indexOf("\0");
  if (nul !== -1)
    warnAt(nul, "the file contains NUL bytes: is it UTF-16 or binary rather than a UTF-8 .env file?");
  warnings.sort((a, b) => a.line - b.line);
  if (warnings.length <= MAX_WARNINGS) return warnings;
  const more = warnings.length - MAX_WARNINGS;
  const firstHidden = warnings[MAX_WARNINGS].line;
  return [
    ...warnings.slice(0, MAX_WARNINGS),
    { line: firstHidden, message: `${more} more warnings not shown` }
  ];
}
function ignoredLines(text, from, to, warnAt) {
  let lineStart2 = from;
  while (lineStart2 < to) {
    let lineEnd = text.indexOf("\n", lineStart2);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const piece = text.slice(lineStart2, lineEnd).trim();
    if (piece !== "" && !piece.startsWith("#")) {
      warnAt(
        lineStart2,
        "dotenv ignores this line: it is not KEY=value (keys may use letters, digits, _, . and - only)"
      );
    }
    lineStart2 = lineEnd + 1;
  }
}
function entryWarnings(text, s, norm) {
  const { key, quote } = s.entry;
  const out = [];
  const valueFrom = s.from < s.to ? s.from : s.sepEnd;
  if (text.slice(s.start, valueFrom).includes("\n")) {
    out.push(`${key}: the key and its value are on different lines; dotenv reads them as one assignment`);
  }
  if (quote === null && s.from < s.to && /["'`]/.test(text[s.from])) {
    out.push(
      `${key}: the value starts with ${text[s.from]} but is not one quoted string (the quote is not closed, or text follows it); dotenv keeps the quote characters in the value`
    );
  }
  if (quote === null && text[s.from < s.to ? s.to : s.sepEnd] === "#") {
    out.push(
      `${key}: the value stops at a # with no space before it; dotenv reads the rest of the line as a comment (quote the value if the # belongs to it)`
    );
  }
  if (quote !== null && LOOKS_LIKE_ASSIGNMENT.test(text.slice(s.from, s.to))) {
    const first = lineOf(norm, s.from);
    out.push(
      `${key}: the quoted value runs from line ${first} to line ${lineOf(norm, s.to)} over lines that look like assignments; is a closing ${quote} missing on line ${first}?`
    );
  }
  if (quote !== null && text[s.to - 2] === "\\" && s.to - s.from > 2) {
    out.push(
      `${key}: the value ends with a backslash right before its closing ${quote}; dotenv reads that quote as escaped first, so a later line with a quote can change this value`
    );
  }
  if (key === "__proto__") out.push("dotenv cannot set the key __proto__: it is dropped");
  return out;
}

// src/envfile/parse.ts
var LINE = /(?:^|^)\s*(export\s+)?([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;
function dotenvValue(captured) {
  let value = captured.trim();
  const maybeQuote = value[0];
  value = value.replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
  if (maybeQuote === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
  return value;
}
function isQuote(ch) {
  return ch === '"' || ch === "'" || ch === "`";
}
function parseEnv(source, file = "<input>") {
  const norm = normalise(source);
  const scanned = [];
  for (const match of norm.text.matchAll(LINE)) scanned.push(scan(norm, match));
  return { file, source, entries: scanned.map((s) => s.entry), warnings: collectWarnings(norm, scanned) };
}
function scan(norm, match) {
  const indices = match.indices;
  const keyStart = indices[2][0];
  const start = indices[1]?.[0] ?? keyStart;
  const sepEnd = indices[3][1];
  const captured = match[4];
  let from = sepEnd;
  let to = sepEnd;
  let quote = null;
  if (captured !== void 0) {
    const groupStart = indices[4][0];
    const trimmed = captured.trim();
    from = trimmed === "" ? groupStart : groupStart + captured.length - captured.trimStart().length;
    to = from + trimmed.length;
    const first = trimmed[0];
    if (trimmed.length >= 2 && isQuote(first) && trimmed.endsWith(first)) quote = first;
  }
  const inner = quote === null ? 0 : 1;
  const entry = {
    key: match[2],
    value: dotenvValue(captured ?? ""),
    line: lineOf(norm, start),
    exported: indices[1] !== void 0,
    quote,
    start: toOriginal(norm, start),
    end: toOriginal(norm, to),
    valueStart: toOriginal(norm, from + inner),
    valueEnd: toOriginal(norm, to - inner)
  };
  return { entry, matchStart: match.index, matchEnd: match.index + match[0].length, start, sepEnd, from, to };
}

// src/envfile/write.ts
init_errors();

// src/envfile/format.ts
init_errors();

// src/envfile/read.ts
init_errors();
var MAX_ENV_FILE_BYTES = 1024 * 1024;

// src/inventory/classify.ts
function classify(key, value) {
  const empty = value === "";
  const secretPart = value ? matchFormat(value)?.secretPart : void 0;
  const placeholder = !empty && isPlaceholder(secretPart ?? value);
  const prefix = publicPrefix(key);
  const signal = secretSignal(prefix ? key.slice(prefix.length) : key, value, placeholder);
  const suffix = empty ? " (empty value)" : placeholder && signal.secret ? " (placeholder)" : "";
  if (prefix) {
    const result = {
      class: "public",
      reason: `${prefix} prefix: built into browser bundles${suffix}`,
      valueLooksSecret: signal.fromValue,
      placeholder,
      empty
    };
    const designedPublic = signal.word === "DSN" && !signal.fromValue || signal.formatId === "jwt" && signal.publishableName;
    if (signal.secret && !designedPublic) {
      const has = signal.word ? "has" : placeholder ? "holds a placeholder for" : "holds";
      result.publicWarning = `${prefix} keys ship to every browser, and this one ${has} ${signal.what}`;
    }
    return result;
  }
  if (signal.secret) {
    return {
      class: "secret",
      reason: `${signal.reason}${suffix}`,
      valueLooksSecret: signal.fromValue,
      placeholder,
      empty
    };
  }
  return {
    class: "config",
    reason: `${signal.reason}${empty ? " (empty value)" : ""}`,
    valueLooksSecret: false,
    placeholder,
    empty
  };
}
function secretSignal(name, value, placeholder) {
  const match = value ? matchFormat(value) : void 0;
  if (match?.format.secret) {
    const real = !placeholder;
    const mode = /^(sk|rk)_test_/.test(value) ? " (test mode)" : /^(sk|rk)_live_/.test(value) ? " (live mode)" : "";
    const what = `${match.format.label}${mode}`;
    const publishableName = /public|publishable|anon/.test(judgeName(name).notSecret ?? "");
    return {
      secret: true,
      reason: `value is ${what}`,
      what,
      fromValue: real,
      formatId: match.format.id,
      publishableName
    };
  }
  if (match) {
    return {
      secret: false,
      reason: `value is ${match.format.label} (public by design)`,
      what: "",
      fromValue: false
    };
  }
  const verdict = judgeName(name);
  if (verdict.secretWord && !verdict.notSecret) {
    if (isBoolean(value)) {
      return {
        secret: false,
        reason: `boolean flag (name mentions ${verdict.secretWord})`,
        what: "",
        fromValue: false
      };
    }
    const what = `a secret-looking name (${verdict.secretWord})`;
    return {
      secret: true,
      reason: `name contains ${verdict.secretWord}`,
      what,
      word: verdict.secretWord,
      fromValue: false
    };
  }
  const last = nameSegments(name).at(-1) ?? "";
  if (!verdict.secretWord && IDENTIFIER_WORDS.has(last) && value && highEntropy(value)) {
    return { secret: false, reason: `identifier by name (\u2026_${last})`, what: "", fromValue: false };
  }
  const random = value ? highEntropy(value) : void 0;
  if (random && !placeholder) {
    const reason = `high-entropy value (${random.bits.toFixed(1)} bits/char over ${random.length} chars)`;
    return { secret: true, reason, what: "a random-looking value", fromValue: true };
  }
  return { secret: false, reason: configReason(name, value, verdict.notSecret), what: "", fromValue: false };
}
function configReason(name, value, notSecret) {
  if (notSecret) return notSecret;
  const upper = name.toUpperCase();
  if (CONFIG_NAMES.has(upper)) return `config name (${upper})`;
  const last = nameSegments(name).at(-1);
  const shape = value ? configShape(value) : void 0;
  if (shape && shape !== "plain word" && shape !== "text") return shape;
  if (last && CONFIG_SUFFIXES.has(last)) return `config name (\u2026_${last})`;
  return shape ?? "no secret signal in name or value";
}
var SHOWABLE_WORDS = new Set(
  "development dev production prod staging stage test testing local preview ci debug info warn warning error fatal trace silent verbose none json pretty".split(
    " "
  )
);

// src/runtime/reference.ts
init_errors();
var REFERENCE_SCHEME = "secret://";
function isReference(value) {
  return value.startsWith(REFERENCE_SCHEME);
}

// src/check/redact-value.ts
function redactValue(value) {
  const match = matchFormat(value);
  return `${match ? match.prefix : urlScheme(value) ?? ""}\u2026(${[...value].length})`;
}

// src/check/env-rules.ts
var MAX_ENV_BYTES = 1024 * 1024;
function envFileMatches(bytes, name) {
  const parsed = parseEnvFileName(name);
  if (parsed?.type !== "dotenv" || bytes.length > MAX_ENV_BYTES) return [];
  const source = bytes.toString("utf8");
  const toByte = (index) => Buffer.byteLength(source.slice(0, index), "utf8");
  const out = [];
  for (const entry of parseEnv(source).entries) {
    const value = entry.value;
    if (value === "" || isReference(value)) continue;
    const c = classify(entry.key, value);
    const template = parsed.kind === "template";
    const fires = template ? c.valueLooksSecret : c.class === "secret" && !c.placeholder;
    if (!fires) continue;
    const at = toByte(entry.valueStart);
    out.push({
      rule: template ? "template-secret" : "env-plaintext",
      message: template ? `a real-looking secret in a template (${c.reason}): templates are committed, use a placeholder` : `a plaintext secret in a dotenv file (${c.reason}): move it with \`secrets migrate\` or \`secrets set ${entry.key}\``,
      at,
      start: at,
      end: toByte(entry.valueEnd),
      secret: value,
      key: entry.key,
      preview: redactValue(value),
      rank: 1e3
    });
  }
  return out;
}

// src/check/split-walk.ts
var MAX_GAP = 48;
function isJoinByte(b) {
  return b === 32 || b === 9 || b === 10 || b === 13 || b === 34 || b === 39 || b === 96 || b === 43 || b === 92;
}
function isQuoteOrEscape(b) {
  return b === 34 || b === 39 || b === 96 || b === 92;
}
function splitWalk(text, pattern, at, offset, width) {
  let joins = 0;
  let t = at - 1;
  let p = offset - 1;
  while (p >= 0) {
    if (t >= 0 && text[t] === pattern[p]) {
      t--;
      p--;
      continue;
    }
    const gapEnd = t;
    let quoted = false;
    while (t >= 0 && gapEnd - t < MAX_GAP && isJoinByte(text[t]) && text[t] !== pattern[p]) {
      quoted ||= isQuoteOrEscape(text[t]);
      t--;
    }
    if (t === gapEnd || t < 0 || text[t] !== pattern[p]) return void 0;
    if (!quoted && pattern[p] !== 10) return void 0;
    joins++;
  }
  const start = t + 1;
  t = at + width;
  p = offset + width;
  while (p < pattern.length) {
    if (t < text.length && text[t] === pattern[p]) {
      t++;
      p++;
      continue;
    }
    const gapStart = t;
    let quoted = false;
    while (t < text.length && t - gapStart < MAX_GAP && isJoinByte(text[t]) && text[t] !== pattern[p]) {
      quoted ||= isQuoteOrEscape(text[t]);
      t++;
    }
    if (t === gapStart || t >= text.length || text[t] !== pattern[p]) return void 0;
    if (!quoted && !(p > 0 && pattern[p - 1] === 10)) return void 0;
    joins++;
  }
  return { start, end: t, joins };
}

// src/check/scan-buffer.ts
var ALLOW_MARKER = "dotsecrets-allow";
function redact(secret, shown2, prefix) {
  return `${prefix ?? secret.slice(0, shown2)}\u2026(${[...secret].length})`;
}
function isBinary(bytes) {
  return bytes.subarray(0, 8e3).indexOf(0) >= 0;
}
function scanBuffer(bytes, path, engine) {
  if (isBinary(bytes)) return { findings: [], allowed: 0, skipped: "binary" };
  const keywordHits = scanKeywords(bytes, engine.automaton);
  const windowHits = engine.index ? scanWindows(bytes, engine.index) : [];
  const env = envFileMatches(bytes, basename2(path));
  if (keywordHits.length === 0 && windowHits.length === 0 && env.length === 0) {
    return { findings: [], allowed: 0 };
  }
  const text = bytes.toString("latin1");
  const matches = [...ruleMatches(text, keywordHits, engine), ...valueMatches(bytes, windowHits, engine)];
  const kept = resolveOverlaps(matches);
  const lines = new Set(kept.map((m) => lineStart(text, m.at)));
  for (const m of env) if (!lines.has(lineStart(text, m.at))) kept.push(m);
  return place(text, kept);
}
function ruleMatches(text, hits, engine) {
  const out = [];
  const namesDone = /* @__PURE__ */ new Set();
  for (let h = 0; h < hits.length; h += 2) {
    const end = hits[h];
    for (const keywordId of engine.automaton.outputs.get(hits[h + 1]) ?? []) {
      const start = end - engine.automaton.keywords[keywordId].length;
      for (const rule of engine.rulesByKeyword[keywordId]) {
        const rank = engine.ruleRank.get(rule);
        if (rule.mode === "at") {
          if (start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
          rule.regex.lastIndex = start;
          const m2 = rule.regex.exec(text);
          if (m2 && (!rule.accept || rule.accept(m2))) out.push(toMatch(rule.id, rule.label, m2, 0, rule, rank));
          continue;
        }
        let from = start;
        while (from > 0 && isNameCode(text.charCodeAt(from - 1))) from--;
        const done = from * 128 + rank;
        if (namesDone.has(done)) continue;
        namesDone.add(done);
        rule.regex.lastIndex = from;
        const m = rule.regex.exec(text);
        if (m && (!rule.accept || rule.accept(m))) out.push(toMatch(rule.id, rule.label, m, 0, rule, rank));
      }
    }
  }
  return out;
}
function isWordCode(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122;
}
function isNameCode(c) {
  return isWordCode(c) || c === 95 || c === 46 || c === 45;
}
function toMatch(id, label, m, base, rule, rank) {
  const secret = m[rule.secretGroup];
  const span = m.indices?.[rule.secretGroup] ?? [m.index, m.index + m[0].length];
  const named = rule.nameGroup !== void 0 ? m[rule.nameGroup] : void 0;
  const match = {
    rule: id,
    message: label,
    at: base + (named ? span[0] : m.index),
    start: base + span[0],
    end: base + span[1],
    secret,
    preview: redact(secret, rule.shown, rule.previewPrefix?.(m)),
    rank
  };
  if (named) match.key = named;
  return match;
}
function valueMatches(bytes, hits, engine) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const stride = engine.index?.stride ?? 0;
  for (let h = 0; h < hits.length; h += 2) {
    const at = hits[h];
    for (const window of engine.index.candidates.get(hits[h + 1]) ?? []) {
      const pattern = engine.patterns[window.id];
      const start = at - window.offset;
      let span;
      if (pattern.bytes) {
        const whole = start >= 0 && start + pattern.length <= bytes.length && bytes.subarray(start, start + pattern.length).equals(pattern.bytes);
        if (whole) span = { start, end: start + pattern.length, encoding: pattern.encoding };
        else if (pattern.encoding === "raw") {
          const split = splitWalk(bytes, pattern.bytes, at, window.offset, stride);
          if (split && split.joins > 0) span = { start: split.start, end: split.end, encoding: "split" };
        }
      } else if (start + pattern.length <= bytes.length) {
        const hmac = createHmac("sha256", engine.hmacKey).update(bytes.subarray(start, start + pattern.length)).digest("hex");
        if (hmac === pattern.hmac) span = { start, end: start + pattern.length, encoding: pattern.encoding };
      }
      if (!span || seen.has(`${pattern.valueId}:${span.start}:${span.encoding}`)) continue;
      seen.add(`${pattern.valueId}:${span.start}:${span.encoding}`);
      const value = engine.values[pattern.valueId];
      const how = span.encoding === "raw" ? "" : ` (${span.encoding === "split" ? "split across lines" : span.encoding})`;
      out.push({
        rule: "exact-value",
        message: `the migrated value of ${value.key}${how}`,
        at: span.start,
        start: span.start,
        end: span.end,
        secret: `${value.key}\0${bytes.toString("latin1", span.start, span.end)}`,
        key: value.key,
        preview: value.preview,
        encoding: span.encoding,
        rank: -1
      });
    }
  }
  return out.filter(
    (m) => m.encoding !== "split" || !out.some((o) => o.encoding !== "split" && o.key === m.key && o.start < m.end && m.start < o.end)
  );
}
function resolveOverlaps(matches) {
  const sorted = [...matches].sort((a, b) => a.rank - b.rank || a.start - b.start);
  const kept = [];
  for (const m of sorted) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept;
}
function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
function place(text, matches) {
  matches.sort((a, b) => a.at - b.at);
  const findings = [];
  let allowed = 0;
  let line = 1;
  let scanned = 0;
  for (const m of matches) {
    for (let i = text.indexOf("\n", scanned); i >= 0 && i < m.at; i = text.indexOf("\n", i + 1)) {
      line++;
      scanned = i + 1;
    }
    const from = lineStart(text, m.at);
    const lineEnd = text.indexOf("\n", m.at);
    if (text.slice(from, lineEnd < 0 ? text.length : lineEnd).includes(ALLOW_MARKER)) {
      allowed++;
      continue;
    }
    const column = Buffer.from(text.slice(from, m.at), "latin1").toString("utf8").length + 1;
    const finding = {
      rule: m.rule,
      message: m.message,
      line,
      column,
      preview: m.preview,
      secretHash: createHash2("sha256").update(`${m.rule}\0${m.secret}`, "latin1").digest("hex")
    };
    if (m.key) finding.key = m.key;
    if (m.encoding) finding.encoding = m.encoding;
    findings.push(finding);
  }
  return { findings, allowed };
}

// src/check/jobs.ts
function runJobs(jobs, engine, maxBytes) {
  return jobs.map((job) => {
    let bytes;
    if (job.bytes) {
      bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    } else {
      const read = readCapped(job.abs, maxBytes);
      if (typeof read === "string") return { findings: [], allowed: 0, bytes: 0, skipped: read };
      bytes = read;
    }
    if (bytes.length > maxBytes) return { findings: [], allowed: 0, bytes: 0, skipped: "too-large" };
    const scan2 = scanBuffer(bytes, job.name, engine);
    const result = { findings: scan2.findings, allowed: scan2.allowed, bytes: bytes.length };
    if (scan2.skipped) result.skipped = scan2.skipped;
    return result;
  });
}
function readCapped(path, maxBytes) {
  let fd;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    if (size > maxBytes) return "too-large";
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? buf : buf.subarray(0, off);
  } catch {
    return "unreadable";
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}

// src/check/pool.ts
function workerScript() {
  for (const rel of ["./check-worker.js", "../check-worker.js"]) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync2(path)) return path;
  }
  return void 0;
}
var ScanPool = class _ScanPool {
  constructor(options) {
    this.options = options;
  }
  options;
  engine;
  threads = [];
  idle = [];
  waiting = [];
  nextId = 0;
  /** Opens a pool. Never throws: without a worker script it scans in-process. */
  static open(options) {
    const pool = new _ScanPool(options);
    const count = Math.min(options.workers ?? availableParallelism(), availableParallelism());
    const script = count > 1 ? workerScript() : void 0;
    if (script) {
      for (let i = 0; i < count; i++) {
        const worker = new Worker(script, { workerData: { spec: options.spec, maxBytes: options.maxBytes } });
        worker.unref();
        pool.threads.push(worker);
        pool.idle.push(worker);
      }
    }
    return pool;
  }
  get workers() {
    return this.threads.length;
  }
  /** Scans one batch on the next free worker (or in-process). Rejects when a worker dies. */
  async scan(jobs) {
    if (this.threads.length === 0) {
      this.engine ??= buildEngine(this.options.spec);
      return runJobs(jobs, this.engine, this.options.maxBytes);
    }
    const worker = this.idle.pop() ?? await new Promise((resolve2) => this.waiting.push(resolve2));
    const id = this.nextId++;
    const transfer = jobs.flatMap((j) => j.bytes ? [j.bytes.buffer] : []);
    try {
      return await new Promise((resolve2, reject) => {
        const onMessage = (message) => {
          if (message.id !== id) return;
          worker.off("message", onMessage);
          worker.off("error", reject);
          resolve2(message.results);
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
        worker.postMessage({ id, jobs }, transfer);
      });
    } finally {
      const waiter = this.waiting.shift();
      if (waiter) waiter(worker);
      else this.idle.push(worker);
    }
  }
  /** Stops the threads. */
  async close() {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
};

// src/check/values.ts
init_paths();
init_atomic_write();
import { createHash as createHash3, createHmac as createHmac3, randomBytes as randomBytes4 } from "node:crypto";
import { readFile as readFile6 } from "node:fs/promises";
import { join as join7 } from "node:path";

// src/migrate/journal.ts
import { existsSync as existsSync3 } from "node:fs";
import { link, mkdir, readdir as readdir3, readFile as readFile4, rm as rm2, writeFile } from "node:fs/promises";
init_atomic_write();
init_errors();
import { dirname as dirname3, join as join5 } from "node:path";
var STATE_DIR = ".dotsecrets";
function migrationsDir(root) {
  return join5(root, STATE_DIR, "migrations");
}
async function loadJournals(root) {
  const dir = migrationsDir(root);
  if (!existsSync3(dir)) return [];
  const names = (await readdir3(dir)).filter((name) => name.endsWith(".json") && !name.startsWith(".")).sort();
  const journals = [];
  for (const name of names) {
    const file = join5(dir, name);
    try {
      const journal = JSON.parse(await readFile4(file, "utf8"));
      if (journal.version !== 1 || !journal.plan) throw new Error("unknown journal format");
      journals.push(journal);
    } catch (error) {
      throw new UserError("JOURNAL", `${file}: unreadable migration journal (${error.message})`, {
        hint: "restore it from a backup, or move it aside if that migration is no longer needed"
      });
    }
  }
  return journals;
}

// src/migrate/values.ts
init_errors();

// src/runtime/bundle.ts
function parseBundle(text) {
  try {
    const data = JSON.parse(text);
    if (typeof data !== "object" || data === null || Array.isArray(data)) return void 0;
    return Object.values(data).every((value) => typeof value === "string") ? data : void 0;
  } catch {
    return void 0;
  }
}

// src/migrate/retry.ts
init_errors();
var TRANSIENT = /* @__PURE__ */ new Set(["PROVIDER_UNAVAILABLE", "STORE_LOCKED"]);
function isTransient(error) {
  return error instanceof UserError && TRANSIENT.has(error.code);
}
async function withRetry(fn, attempts = 4, baseMs = 100) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve2) => setTimeout(resolve2, Math.random() * baseMs * 2 ** attempt));
    }
  }
}

// src/migrate/values.ts
async function fetchWritten(provider, journal, names) {
  const wanted = [...new Set(names)].filter((name) => journal.written[name]);
  const values = /* @__PURE__ */ new Map();
  if (wanted.length === 0) return values;
  const results = await withRetry(
    () => provider.getMany(wanted.map((name) => ({ name, version: journal.written[name].version })))
  );
  const missing = [];
  results.forEach((result, index) => {
    if (result?.ok) values.set(wanted[index], result.value);
    else missing.push(`${wanted[index]} (version ${journal.written[wanted[index]].version})`);
  });
  if (missing.length > 0) {
    throw new UserError(
      "PROVIDER_NOT_FOUND",
      `the ${provider.kind} provider no longer has: ${missing.join(", ")}`,
      {
        hint: "restore those secrets in the provider (or their versions), then run the command again"
      }
    );
  }
  return values;
}
function entryValue(entry, raw, bundle) {
  const text = raw.get(entry.name);
  if (text === void 0 || !bundle) return text;
  return parseBundle(text)?.[entry.key];
}

// src/runtime/project.ts
init_errors();
import { existsSync as existsSync4, readFileSync } from "node:fs";
import { basename as basename3, dirname as dirname4, join as join6 } from "node:path";
var CONFIG_FILE = "dotsecrets.json";
function loadProject(cwd) {
  for (let dir = cwd; ; dir = dirname4(dir)) {
    const file = join6(dir, CONFIG_FILE);
    if (existsSync4(file)) return { root: dir, config: readConfig(file), configured: true };
    if (dirname4(dir) === dir) break;
  }
  return { root: cwd, config: {}, configured: false };
}
function readConfig(file) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UserError("CONFIG", `${file}: not valid JSON (${error.message})`, {
      hint: `fix the file or delete it and run \`secrets migrate\` again`
    });
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UserError("CONFIG", `${file}: expected a JSON object`);
  }
  const config = data;
  for (const field of ["provider", "app"]) {
    if (config[field] !== void 0 && typeof config[field] !== "string") {
      throw new UserError("CONFIG", `${file}: "${field}" must be a string`);
    }
  }
  for (const field of ["providers", "environments"]) {
    const value = config[field];
    if (value !== void 0 && (typeof value !== "object" || value === null || Array.isArray(value))) {
      throw new UserError("CONFIG", `${file}: "${field}" must be an object`);
    }
  }
  return config;
}

// providers/index.ts
init_errors();
var registry = {
  local: async () => (await Promise.resolve().then(() => (init_local(), local_exports))).createLocalProvider
};
var providerKinds = Object.keys(registry);
function isProviderKind(name) {
  return Object.hasOwn(registry, name);
}
async function openProvider(kind, options) {
  if (!isProviderKind(kind)) {
    throw new UserError("PROVIDER_UNKNOWN", `unknown provider '${kind}'`, {
      hint: `use one of: ${providerKinds.join(", ")}`
    });
  }
  const factory = await registry[kind]();
  return factory(options);
}

// src/runtime/scope.ts
init_errors();
function openForProject(project, kind, env) {
  return openProvider(kind, { settings: project.config.providers?.[kind] ?? {}, env });
}

// src/check/encodings.ts
var MIN_EXACT_BYTES = 8;
function encodedForms(value) {
  const raw = Buffer.from(value, "utf8");
  const forms = [{ encoding: "raw", bytes: raw }];
  const seen = /* @__PURE__ */ new Set([raw.toString("latin1")]);
  const add = (encoding, text) => {
    if (text.length < MIN_EXACT_BYTES - 2 || seen.has(text)) return;
    seen.add(text);
    forms.push({ encoding, bytes: Buffer.from(text, "latin1") });
  };
  for (const alphabet of ["base64", "base64url"]) {
    for (let pad = 0; pad < 3; pad++) {
      const text = Buffer.concat([Buffer.alloc(pad), raw]).toString(alphabet);
      const from = Math.ceil(pad * 8 / 6);
      const to = Math.floor((pad + raw.length) * 8 / 6);
      add(alphabet, text.slice(from, to));
    }
  }
  add("url", Buffer.from(encodeURIComponent(value), "utf8").toString("latin1"));
  add("json", Buffer.from(JSON.stringify(value).slice(1, -1), "utf8").toString("latin1"));
  if (value.includes("'"))
    add("shell", Buffer.from(value.replaceAll("'", "'\\''"), "utf8").toString("latin1"));
  if (/["\\$`]/.test(value)) {
    add("shell", Buffer.from(value.replace(/["\\$`]/g, "\\$&"), "utf8").toString("latin1"));
  }
  return forms;
}

// src/check/values.ts
async function loadValues(root, env, options = {}) {
  const warnings = [];
  let journals = [];
  try {
    journals = (await loadJournals(root)).filter(
      (j) => j.state !== "undone" && Object.keys(j.written).length > 0
    );
  } catch (error) {
    warnings.push(error.message);
  }
  const store = fingerprintPath(root, env);
  if (journals.length === 0)
    return {
      info: { source: "none", count: 0, tooShort: 0, note: "no migration journal" },
      meta: [],
      warnings
    };
  let note;
  if (!options.offline) {
    try {
      const values = await fetchValues(root, env, journals);
      const loaded = exactSpec(values);
      if (store)
        await saveFingerprints(store, root, values).catch(
          (e) => warnings.push(`fingerprints not saved: ${e.message}`)
        );
      return { ...loaded, warnings };
    } catch (error) {
      note = `provider not reachable: ${error.message}`;
    }
  } else {
    note = "--offline";
  }
  const file = store ? await readFingerprints(store) : void 0;
  if (!file) {
    warnings.push(`exact values not checked (${note}); no saved fingerprints: only the rules ran`);
    return { info: { source: "none", count: 0, tooShort: 0, note }, meta: [], warnings };
  }
  return {
    spec: { mode: "fingerprints", base: file.base, hmacKey: file.hmacKey, items: file.items },
    info: {
      source: "fingerprints",
      count: file.items.length,
      tooShort: 0,
      note: `${note}; fingerprints of ${file.createdAt}`
    },
    meta: file.items.map(({ key, env: e, provider }) => ({ key, env: e, provider })),
    warnings
  };
}
async function fetchValues(root, env, journals) {
  const project = loadProject(root);
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const journal of journals) {
    const plan = journal.plan;
    const provider = await openForProject({ ...project, root }, plan.provider, env);
    try {
      const raw = await fetchWritten(provider, journal, Object.keys(journal.written));
      for (const file of plan.files) {
        for (const entry of file.entries) {
          if (entry.action !== "move" || !entry.name || !journal.written[entry.name]) continue;
          const value = entryValue(entry, raw, plan.layout === "bundle");
          if (value === void 0 || seen.has(`${entry.key}\0${value}`)) continue;
          seen.add(`${entry.key}\0${value}`);
          out.push({ key: entry.key, env: file.env, provider: plan.provider, value });
        }
      }
    } finally {
      await provider.close?.();
    }
  }
  return out;
}
function exactSpec(values) {
  const long = values.filter((v) => Buffer.byteLength(v.value) >= MIN_EXACT_BYTES);
  const items = long.map((v) => ({
    key: v.key,
    preview: redactValue(v.value),
    forms: encodedForms(v.value).map((f2) => ({ encoding: f2.encoding, bytes: new Uint8Array(f2.bytes) }))
  }));
  return {
    spec: { mode: "exact", base: randomBytes4(4).readInt32LE(0), items },
    info: { source: "provider", count: long.length, tooShort: values.length - long.length },
    meta: long.map(({ key, env, provider }) => ({ key, env, provider }))
  };
}
function fingerprintPath(root, env) {
  try {
    const dir = resolveLocalPaths(env, loadProject(root).config.providers?.local ?? {}).dir;
    return join7(dir, "check", `${createHash3("sha256").update(root).digest("hex").slice(0, 16)}.json`);
  } catch {
    return void 0;
  }
}
async function saveFingerprints(path, root, values) {
  const hmacKey = randomBytes4(32);
  const base = randomBytes4(4).readInt32LE(0) | 1;
  const items = values.filter((v) => Buffer.byteLength(v.value) >= MIN_EXACT_BYTES).map((v) => ({
    key: v.key,
    env: v.env,
    provider: v.provider,
    preview: redactValue(v.value),
    forms: encodedForms(v.value).filter((f2) => f2.bytes.length >= FINGERPRINT_WINDOW).map((f2) => ({
      encoding: f2.encoding,
      length: f2.bytes.length,
      head: windowHash(f2.bytes, base),
      hmac: createHmac3("sha256", hmacKey).update(f2.bytes).digest("hex")
    }))
  }));
  const file = {
    version: 1,
    root,
    createdAt: (/* @__PURE__ */ new Date()).toISOString(),
    base,
    hmacKey: hmacKey.toString("hex"),
    items
  };
  const { mkdir: mkdir3 } = await import("node:fs/promises");
  await mkdir3(join7(path, ".."), { recursive: true, mode: 448 });
  await writeFileAtomic(path, `${JSON.stringify(file)}
`, { mode: 384 });
}
function windowHash(bytes, base) {
  let h = 0;
  for (let i = 0; i < FINGERPRINT_WINDOW; i++) h = Math.imul(h, base | 1) + bytes[i] | 0;
  return h;
}
async function readFingerprints(path) {
  try {
    const file = JSON.parse(await readFile6(path, "utf8"));
    return file.version === 1 && Array.isArray(file.items) ? file : void 0;
  } catch {
    return void 0;
  }
}

// src/check/index.ts
var DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
var BATCH_FILES = 48;
var BATCH_BYTES = 4 * 1024 * 1024;
async function runCheck(options) {
  const started = performance.now();
  const root = resolve(options.root);
  const target = options.target ?? "tree";
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const baseline = options.baseline ? await readBaseline(resolve(root, options.baseline)) : void 0;
  const loaded = options.values === false ? {
    info: { source: "none", count: 0, tooShort: 0, note: "--no-values" },
    meta: [],
    warnings: []
  } : await loadValues(root, options.env, { offline: options.offline });
  const spec = loaded.spec ? { values: loaded.spec } : {};
  const collected = [];
  const skipped = [];
  const stats = { files: 0, bytes: 0, ms: 0, workers: 0 };
  let allowed = 0;
  const absorb = (name, result, blob) => {
    stats.files++;
    stats.bytes += result.bytes;
    allowed += result.allowed;
    if (result.skipped) skipped.push({ file: name, reason: result.skipped });
    for (const f2 of result.findings) collected.push(toFinding(f2, name, blob));
  };
  let pool;
  try {
    if (target === "tree") {
      const walk = await walkProject(root, () => true);
      for (const w of walk.warnings)
        if (w.code === "symlink-outside") skipped.push({ file: w.file, reason: "symlink-outside" });
      const files = walk.files.filter((f2) => !f2.linkTarget && (!f2.ignored || isEnvCandidate(f2.name)));
      pool = ScanPool.open({
        spec,
        maxBytes,
        workers: options.workers ?? (files.length > 400 ? void 0 : 1)
      });
      const batches = [];
      for (let i = 0; i < files.length; i += BATCH_FILES) {
        batches.push(files.slice(i, i + BATCH_FILES).map((f2) => ({ name: f2.rel, abs: f2.abs })));
      }
      await Promise.all(
        batches.map(async (jobs) => {
          for (const [i, r2] of (await pool.scan(jobs)).entries()) absorb(jobs[i].name, r2);
        })
      );
      const gitignore = await gitignoreFinding(walk.root);
      if (gitignore) collected.push(toFinding(gitignore, ".gitignore"));
    } else if (target === "stdin") {
      pool = ScanPool.open({ spec, maxBytes: Number.MAX_SAFE_INTEGER, workers: 1 });
      const [result] = await pool.scan([{ name: "<stdin>", bytes: options.stdin ?? new Uint8Array() }]);
      absorb("<stdin>", result);
    } else {
      const refs2 = target === "staged" ? await stagedBlobs(root) : await historyBlobs(root);
      pool = ScanPool.open({
        spec,
        maxBytes,
        workers: options.workers ?? (refs2.length > 400 ? void 0 : 1)
      });
      await scanBlobs(root, refs2, maxBytes, pool, absorb, skipped);
    }
  } finally {
    stats.workers = pool?.workers ?? 0;
    await pool?.close();
  }
  collected.sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule)
  );
  const findings = baseline ? collected.filter((f2) => !baseline.has(f2.fingerprint)) : collected;
  stats.ms = Math.round(performance.now() - started);
  const report = {
    target,
    root,
    findings,
    baselined: collected.length - findings.length,
    allowed,
    values: loaded.info,
    stats,
    skipped,
    warnings: loaded.warnings
  };
  if (target === "history") report.rotate = rotateAdvice(findings, loaded.meta);
  return report;
}
async function scanBlobs(root, refs2, maxBytes, pool, absorb, skipped) {
  const inflight = /* @__PURE__ */ new Set();
  const limit = Math.max(2, pool.workers * 2);
  let batch = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    batchBytes = 0;
    const task = pool.scan(items.map((i) => i.job)).then((results) => {
      for (const [i, r2] of results.entries()) absorb(items[i].ref.path, r2, items[i].ref);
    });
    inflight.add(task);
    task.finally(() => inflight.delete(task)).catch(() => {
    });
    if (inflight.size >= limit) await Promise.race(inflight);
  };
  for await (const blob of catBlobs(root, refs2, maxBytes)) {
    if (!blob.bytes) {
      skipped.push({ file: blob.ref.path, reason: "too-large" });
      continue;
    }
    batch.push({ job: { name: blob.ref.path, bytes: blob.bytes }, ref: blob.ref });
    batchBytes += blob.bytes.length;
    if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  await Promise.all(inflight);
}
function toFinding(f2, file, blob) {
  const { secretHash, ...rest } = f2;
  const finding = {
    ...rest,
    file,
    fingerprint: createHash4("sha256").update(`${secretHash}\0${file}`).digest("hex")
  };
  if (blob?.commit) {
    finding.commit = blob.commit;
    if (blob.commitDate) finding.commitDate = blob.commitDate;
  }
  return finding;
}
function rotateAdvice(findings, meta) {
  const byKey = /* @__PURE__ */ new Map();
  for (const f2 of findings) {
    if (!f2.key || f2.rule === "template-secret") continue;
    const advice = byKey.get(f2.key) ?? { key: f2.key, commits: [] };
    if (f2.commit && !advice.commits.includes(f2.commit)) advice.commits.push(f2.commit);
    const known = meta.find((m) => m.key === f2.key);
    advice.command = known ? `secrets set ${f2.key} --env ${known.env} --provider ${known.provider}` : `secrets set ${f2.key}`;
    byKey.set(f2.key, advice);
  }
  return [...byKey.values()].sort((a, b) => cmp(a.key, b.key));
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ../../../tmp/check-hist.ts
var refs = await historyBlobs(process.argv[2]);
console.log("refs", refs.length);
var r = await runCheck({ root: process.argv[2], env: {}, target: "history", values: false });
console.log(r.stats, r.skipped.length);
