import {
  resolveLocalPaths,
  writeFileAtomic
} from "./chunk-E4BOXHV3.js";
import {
  UserError
} from "./chunk-RPGY3AMR.js";

// providers/local/data.ts
var MAX_VERSIONS = 100;
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

// providers/local/lock.ts
import lockfile from "proper-lockfile";
var STALE_MS = 5e3;
var DEFAULT_LOCK_TIMEOUT_MS = 1e4;
var MAX_POLL_MS = 50;
var queues = /* @__PURE__ */ new Map();
async function withStoreLock(storePath, timeoutMs, fn) {
  const previous = queues.get(storePath) ?? Promise.resolve();
  let done;
  const mine = new Promise((resolve) => {
    done = resolve;
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
  return new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));
}

// providers/local/store-file.ts
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";

// providers/local/format.ts
import { createCipheriv, createDecipheriv, randomBytes as randomBytes2 } from "node:crypto";

// providers/local/key.ts
import { createHmac, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { link, open, unlink } from "node:fs/promises";
var KEY_ENV = "DOTSECRETS_LOCAL_KEY";
var KEY_BYTES = 32;
var KEY_ID_BYTES = 8;
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
  return createHmac("sha256", key).update("dotsecrets local store key id").digest().subarray(0, KEY_ID_BYTES);
}
function storeKey(key, source) {
  return { key, id: keyId(key), source };
}
async function loadKey(env, keyPath) {
  const fromEnv = env[KEY_ENV];
  if (fromEnv !== void 0 && fromEnv !== "") {
    const key2 = decodeKey(fromEnv);
    if (!key2) {
      throw new UserError("STORE_KEY", `${KEY_ENV} is not a 32-byte key in hex (64 digits) or base64`, {
        hint: `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`
      });
    }
    return storeKey(key2, KEY_ENV);
  }
  let text;
  try {
    const handle = await open(keyPath, constants.O_RDONLY);
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
  const key = randomBytes(KEY_BYTES);
  const temp = `${keyPath}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const handle = await open(temp, "wx", 384);
    try {
      await handle.writeFile(`${key.toString("hex")}
`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, keyPath);
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

// providers/local/format.ts
var MAGIC = Buffer.from("dotsecrets-store", "ascii");
var FORMAT_VERSION = 1;
var VERSION_AT = MAGIC.length;
var KEY_ID_AT = VERSION_AT + 1;
var IV_AT = KEY_ID_AT + 8;
var HEADER_BYTES = IV_AT + 12;
var TAG_BYTES = 16;
function seal(plaintext, key) {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[VERSION_AT] = FORMAT_VERSION;
  key.id.copy(header, KEY_ID_AT);
  randomBytes2(12).copy(header, IV_AT);
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
function open2(file, key, storePath) {
  const header = file.subarray(0, HEADER_BYTES);
  const plaintext = decrypt(file, header, key);
  if (plaintext) return plaintext;
  if (header.subarray(KEY_ID_AT, IV_AT).equals(key.id)) throw corrupt(storePath, "authentication failed");
  const repaired = Buffer.from(header);
  key.id.copy(repaired, KEY_ID_AT);
  if (decrypt(file, repaired, key)) throw corrupt(storePath, "header was modified");
  const fromEnv = key.source === KEY_ENV;
  throw new UserError(
    "STORE_KEY",
    `local store ${storePath} was encrypted with a different key than ${fromEnv ? KEY_ENV : `the key file ${key.source}`}`,
    {
      hint: fromEnv ? `check ${KEY_ENV} (unset it to use the key file), or point DOTSECRETS_HOME at the store it belongs to` : `restore the matching store.key from a backup, or set ${KEY_ENV} to the key this store was written with`
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

// providers/local/store-file.ts
async function loadStore(paths, env) {
  let file;
  try {
    file = await readFile(paths.store);
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
  const plaintext = open2(file, key, paths.store);
  try {
    return { data: decodeStore(plaintext, paths.store), key };
  } finally {
    plaintext.fill(0);
  }
}
async function ensureStoreDir(paths) {
  try {
    await mkdir(dirname(paths.dir), { recursive: true });
    await mkdir(paths.dir, { mode: 448 });
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

// providers/types.ts
function valueBytes(value) {
  return Buffer.byteLength(value, "utf8");
}

// providers/local.ts
var LOCAL_LIMITS = {
  maxValueBytes: 65536,
  maxNameLength: 512,
  nameRules: "segments of letters, digits, '_', '.' and '-', separated by '/' (no empty, '.' or '..' segment)"
};
var SEGMENT = /^[A-Za-z0-9_.-]+$/;
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
var createLocalProvider = openLocalProvider;
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
export {
  LOCAL_LIMITS,
  checkLocalName,
  createLocalProvider,
  openLocalProvider
};
