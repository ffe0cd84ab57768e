import { spawn } from "node:child_process";
import { mkdir, utimes, writeFile } from "node:fs/promises";
import { builtinModules, createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import lockfile from "proper-lockfile";
import { describe, expect, test } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { freshProvider, rejection, tempDir } from "./local-helpers.js";

const CHILDREN = 4;
const PUTS_PER_CHILD = 25;

/** What each child runs: its puts one after another, like separate `secrets` invocations would. */
const CHILD_SCRIPT = `
import { createLocalProvider } from "./local.mjs";
const [home, id, count] = process.argv.slice(2);
const provider = await createLocalProvider({ settings: {}, env: { DOTSECRETS_HOME: home } });
for (let i = 0; i < Number(count); i++) {
  await provider.put(\`proc/child\${id}/KEY_\${i}\`, \`value-\${id}-\${i}\`);
}
await provider.put("proc/shared/KEY", \`from-child-\${id}\`);
`;

/**
 * Leaves npm packages out of the bundle but imports them by absolute URL, since the bundle lives
 * in a temp directory where bare specifiers would not resolve (and bundling their CommonJS into
 * ESM breaks their use of __filename).
 */
const externalByAbsolutePath: Plugin = {
  name: "external-by-absolute-path",
  setup(builder) {
    const require = createRequire(import.meta.url);
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:") || builtinModules.includes(args.path))
        return { path: args.path, external: true };
      return { path: pathToFileURL(require.resolve(args.path)).href, external: true };
    });
  },
};

/** Bundles providers/local.ts into plain JS a bare `node` can run (tsx is not installed). */
async function bundleProvider(dir: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL("../../providers/local.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: join(dir, "local.mjs"),
    logLevel: "warning",
    plugins: [externalByAbsolutePath],
  });
  await writeFile(join(dir, "child.mjs"), CHILD_SCRIPT);
}

function runChild(dir: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, "child.mjs"), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("local store under concurrent writers", () => {
  test(`${CHILDREN} processes putting ${PUTS_PER_CHILD} secrets each lose nothing`, async () => {
    const dir = await tempDir();
    const home = join(dir, "home");
    await bundleProvider(dir);
    const runs = await Promise.all(
      Array.from({ length: CHILDREN }, (_, id) => runChild(dir, [home, String(id), String(PUTS_PER_CHILD)])),
    );
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0 });

    const provider = openLocalProvider({ env: { DOTSECRETS_HOME: home }, settings: {} });
    const { items: listed } = await provider.list("proc/child");
    expect(listed).toHaveLength(CHILDREN * PUTS_PER_CHILD);
    const requests = listed.map((info) => ({ name: info.name }));
    for (const result of await provider.getMany(requests)) {
      const [, child, key] = result.name.split("/");
      expect(result).toMatchObject({ ok: true, value: `value-${child!.slice(5)}-${key!.slice(4)}` });
    }
    // Every process's write to the shared name is a version of its own.
    const shared = await provider.describe("proc/shared/KEY");
    expect(shared).toMatchObject({ version: String(CHILDREN), versionCount: CHILDREN });
    const versions = await provider.getMany(
      Array.from({ length: CHILDREN }, (_, i) => ({ name: "proc/shared/KEY", version: String(i + 1) })),
    );
    expect(versions.map((r) => (r.ok ? r.value : "")).sort()).toEqual(
      Array.from({ length: CHILDREN }, (_, id) => `from-child-${id}`),
    );
  });

  test("a lock held by another process past the timeout is STORE_LOCKED; nothing is written", async () => {
    const provider = await freshProvider({}, { lockTimeoutMs: 200 });
    await provider.put("a/b/FIRST", "1");
    const release = await lockfile.lock(provider.paths.store, { realpath: false });
    try {
      const started = Date.now();
      const error = await rejection(provider.put("a/b/SECOND", "2"));
      expect(error.code).toBe("STORE_LOCKED");
      expect(error.message).toContain(provider.paths.store);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await release();
    }
    expect(await provider.describe("a/b/SECOND")).toBeUndefined();
    await provider.put("a/b/SECOND", "2");
    expect(await provider.describe("a/b/SECOND")).toBeDefined();
  });

  test("a stale lock left by a crashed writer is taken over", async () => {
    const provider = await freshProvider({}, { lockTimeoutMs: 2_000 });
    const lockDir = `${provider.paths.store}.lock`;
    await mkdir(lockDir, { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockDir, longAgo, longAgo);
    expect(await provider.put("a/b/C", "v")).toMatchObject({ created: true });
  });

  test("readers never see a partial store while a batch is being written", async () => {
    const provider = await freshProvider();
    await provider.put("r/w/SEED", "seed");
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 10; round++) {
        await provider.putMany(
          Array.from({ length: 50 }, (_, i) => ({ name: `r/w/K${i}`, value: `${round}-${i}` })),
        );
      }
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const [seed] = await provider.getMany([{ name: "r/w/SEED" }]);
      expect(seed).toMatchObject({ ok: true, value: "seed" });
      reads++;
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
  });
});
