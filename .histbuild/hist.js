import {
  FINGERPRINT_WINDOW,
  buildEngine,
  isEnvCandidate,
  redactValue,
  runJobs,
  walkProject
} from "./chunk-RBETD4N5.js";
import {
  resolveLocalPaths,
  writeFileAtomic
} from "./chunk-E4BOXHV3.js";
import {
  UserError
} from "./chunk-RPGY3AMR.js";

// src/check/git.ts
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
import { createHash as createHash3 } from "node:crypto";
import { resolve } from "node:path";

// src/check/baseline.ts
import { readFile } from "node:fs/promises";
async function readBaseline(path) {
  let data;
  try {
    data = JSON.parse(await readFile(path, "utf8"));
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
  return new Set(data.fingerprints.filter((f) => typeof f === "string"));
}

// src/check/gitignore.ts
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile as readFile2 } from "node:fs/promises";
import { join } from "node:path";
import ignore from "ignore";
var SAMPLES = [".env.local", ".env.production.local"];
async function gitignoreFinding(root) {
  if (!existsSync(join(root, ".git"))) return void 0;
  const text = await readFile2(join(root, ".gitignore"), "utf8").catch(() => "");
  const ig = ignore().add(text);
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
  nextId = 0;
  /** Worker threads that scanned at least one batch. */
  used = 0;
  /** Starts the workers (they load in the background). Never throws. */
  static open(options) {
    const pool = new _ScanPool(options);
    const count = Math.min(options.workers ?? availableParallelism(), availableParallelism());
    const script = count > 1 ? workerScript() : void 0;
    for (let i = 0; script && i < count; i++) {
      const worker = new Worker(script, { workerData: { spec: options.spec, maxBytes: options.maxBytes } });
      worker.unref();
      const ready = new Promise((resolve2) => {
        worker.once("message", () => resolve2(true));
        worker.once("error", () => resolve2(false));
      });
      pool.threads.push({ worker, ready });
    }
    return pool;
  }
  /** Worker threads started. */
  get workers() {
    return this.threads.length;
  }
  /**
   * Scans every batch of `source` on whichever thread is free, calling `onResult` for each.
   * Rejects when a worker dies mid-batch.
   */
  async run(source, onResult) {
    const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
    let done = false;
    let exhausted = () => {
    };
    const drained = new Promise((resolve2) => {
      exhausted = () => resolve2(false);
    });
    const take = async () => {
      if (done) return void 0;
      const next = await iterator.next();
      if (next.done) {
        done = true;
        exhausted();
      }
      return next.done ? void 0 : next.value;
    };
    const onWorker = async (thread) => {
      if (!await Promise.race([thread.ready, drained])) return;
      let counted = false;
      for (let jobs = await take(); jobs; jobs = await take()) {
        if (!counted) this.used++;
        counted = true;
        onResult(jobs, await this.post(thread.worker, jobs));
      }
    };
    const onMain = async () => {
      this.engine ??= buildEngine(this.options.spec);
      for (let jobs = await take(); jobs; jobs = await take()) {
        onResult(jobs, runJobs(jobs, this.engine, this.options.maxBytes));
        await new Promise((resolve2) => setImmediate(resolve2));
      }
    };
    await Promise.all([...this.threads.map(onWorker), onMain()]);
  }
  post(worker, jobs) {
    const id = this.nextId++;
    const transfer = [...new Set(jobs.flatMap((j) => j.bytes ? [j.bytes.buffer] : []))];
    return new Promise((resolve2, reject) => {
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
  }
  /** Stops the threads without waiting for them (they hold no state worth flushing). */
  close() {
    for (const thread of this.threads) void thread.worker.terminate();
  }
};

// src/check/values.ts
import { createHash as createHash2, createHmac, randomBytes } from "node:crypto";
import { readFile as readFile4 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/migrate/journal.ts
import { existsSync as existsSync3 } from "node:fs";
import { link, mkdir, readdir, readFile as readFile3, rm, writeFile } from "node:fs/promises";
import { dirname, join as join2 } from "node:path";
var STATE_DIR = ".dotsecrets";
function migrationsDir(root) {
  return join2(root, STATE_DIR, "migrations");
}
async function loadJournals(root) {
  const dir = migrationsDir(root);
  if (!existsSync3(dir)) return [];
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json") && !name.startsWith(".")).sort();
  const journals = [];
  for (const name of names) {
    const file = join2(dir, name);
    try {
      const journal = JSON.parse(await readFile3(file, "utf8"));
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
import { existsSync as existsSync4, readFileSync } from "node:fs";
import { basename, dirname as dirname2, join as join3 } from "node:path";
var CONFIG_FILE = "dotsecrets.json";
function loadProject(cwd) {
  for (let dir = cwd; ; dir = dirname2(dir)) {
    const file = join3(dir, CONFIG_FILE);
    if (existsSync4(file)) return { root: dir, config: readConfig(file), configured: true };
    if (dirname2(dir) === dir) break;
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
var registry = {
  local: async () => (await import("./local-TPU2NNOT.js")).createLocalProvider
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
    forms: encodedForms(v.value).map((f) => ({ encoding: f.encoding, bytes: new Uint8Array(f.bytes) }))
  }));
  return {
    spec: { mode: "exact", base: randomBytes(4).readInt32LE(0), items },
    info: { source: "provider", count: long.length, tooShort: values.length - long.length },
    meta: long.map(({ key, env, provider }) => ({ key, env, provider }))
  };
}
function fingerprintPath(root, env) {
  try {
    const dir = resolveLocalPaths(env, loadProject(root).config.providers?.local ?? {}).dir;
    return join4(dir, "check", `${createHash2("sha256").update(root).digest("hex").slice(0, 16)}.json`);
  } catch {
    return void 0;
  }
}
async function saveFingerprints(path, root, values) {
  const hmacKey = randomBytes(32);
  const base = randomBytes(4).readInt32LE(0) | 1;
  const items = values.filter((v) => Buffer.byteLength(v.value) >= MIN_EXACT_BYTES).map((v) => ({
    key: v.key,
    env: v.env,
    provider: v.provider,
    preview: redactValue(v.value),
    forms: encodedForms(v.value).filter((f) => f.bytes.length >= FINGERPRINT_WINDOW).map((f) => ({
      encoding: f.encoding,
      length: f.bytes.length,
      head: windowHash(f.bytes, base),
      hmac: createHmac("sha256", hmacKey).update(f.bytes).digest("hex")
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
  const { mkdir: mkdir2 } = await import("node:fs/promises");
  await mkdir2(join4(path, ".."), { recursive: true, mode: 448 });
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
    const file = JSON.parse(await readFile4(path, "utf8"));
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
  } : options.knownValues ? { ...exactSpec(options.knownValues.map((v) => ({ env: "", provider: "", ...v }))), warnings: [] } : await loadValues(root, options.env, { offline: options.offline });
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
    for (const f of result.findings) collected.push(toFinding(f, name, blob));
  };
  let pool;
  try {
    if (target === "tree" || target === "history") {
      pool = ScanPool.open({ spec, maxBytes, ...options.workers && { workers: options.workers } });
    }
    if (target === "tree") {
      const walk = await walkProject(root, () => true);
      for (const w of walk.warnings)
        if (w.code === "symlink-outside") skipped.push({ file: w.file, reason: "symlink-outside" });
      const files = walk.files.filter((f) => !f.linkTarget && (!f.ignored || isEnvCandidate(f.name)));
      const batches = [];
      for (let i = 0; i < files.length; i += BATCH_FILES) {
        batches.push(files.slice(i, i + BATCH_FILES).map((f) => ({ name: f.rel, abs: f.abs })));
      }
      await pool.run(batches, (jobs, results) => {
        for (const [i, r2] of results.entries()) absorb(jobs[i].name, r2);
      });
      const gitignore = await gitignoreFinding(walk.root);
      if (gitignore) collected.push(toFinding(gitignore, ".gitignore"));
    } else if (target === "stdin") {
      pool = ScanPool.open({ spec, maxBytes: Number.MAX_SAFE_INTEGER, workers: 1 });
      await pool.run(
        [[{ name: "<stdin>", bytes: options.stdin ?? new Uint8Array() }]],
        (_, [result]) => absorb("<stdin>", result)
      );
    } else {
      const refs2 = target === "staged" ? await stagedBlobs(root) : await historyBlobs(root);
      pool ??= ScanPool.open({ spec, maxBytes, workers: 1 });
      await scanBlobs(root, refs2, maxBytes, pool, absorb, skipped);
    }
  } finally {
    stats.workers = pool?.used ?? 0;
    pool?.close();
  }
  collected.sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule)
  );
  const findings = baseline ? collected.filter((f) => !baseline.has(f.fingerprint)) : collected;
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
  const refOf = /* @__PURE__ */ new Map();
  async function* batches() {
    let batch = [];
    let bytes = 0;
    for await (const blob of catBlobs(root, refs2, maxBytes)) {
      if (!blob.bytes) {
        skipped.push({ file: blob.ref.path, reason: "too-large" });
        continue;
      }
      const job = { name: blob.ref.path, bytes: blob.bytes };
      refOf.set(job, blob.ref);
      batch.push(job);
      bytes += blob.bytes.length;
      if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
        yield batch;
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) yield batch;
  }
  await pool.run(batches(), (jobs, results) => {
    for (const [i, r2] of results.entries()) {
      const ref = refOf.get(jobs[i]);
      refOf.delete(jobs[i]);
      absorb(ref.path, r2, ref);
    }
  });
}
function toFinding(f, file, blob) {
  const { secretHash, ...rest } = f;
  const finding = {
    ...rest,
    file,
    fingerprint: createHash3("sha256").update(`${secretHash}\0${file}`).digest("hex")
  };
  if (blob?.commit) {
    finding.commit = blob.commit;
    if (blob.commitDate) finding.commitDate = blob.commitDate;
  }
  return finding;
}
function rotateAdvice(findings, meta) {
  const byKey = /* @__PURE__ */ new Map();
  for (const f of findings) {
    if (!f.key || f.rule === "template-secret") continue;
    const advice = byKey.get(f.key) ?? { key: f.key, commits: [] };
    if (f.commit && !advice.commits.includes(f.commit)) advice.commits.push(f.commit);
    const known = meta.find((m) => m.key === f.key);
    advice.command = known ? `secrets set ${f.key} --env ${known.env} --provider ${known.provider}` : `secrets set ${f.key}`;
    byKey.set(f.key, advice);
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
