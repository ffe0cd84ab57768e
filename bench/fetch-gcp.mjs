// GCP fetch benchmark: 100 secrets read through the GCP provider from the in-process emulator with
// 20 ms injected latency per AccessSecretVersion, concurrent (the provider's default concurrency)
// against sequential (concurrency 1). Target: concurrent at least 10× faster.
// Run: node bench/fetch-gcp.mjs   (bundles the TypeScript sources with esbuild into a temp dir)
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { median, tempDir } from "./lib.mjs";

const root = resolve(import.meta.dirname, "..");
const out = tempDir("dotsecrets-bench-gcp-");
const entry = join(out, "entry.ts");
const { writeFileSync } = await import("node:fs");
writeFileSync(
  entry,
  `export { startGcpEmulator } from ${JSON.stringify(join(root, "test/emulators/gcp.ts"))};
export { openGcpProvider } from ${JSON.stringify(join(root, "providers/gcp.ts"))};`,
);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile: join(out, "bundle.mjs"),
  logLevel: "warning",
  nodePaths: [join(root, "node_modules")],
});
// Externals resolve from the bundle's directory: point it at the project's node_modules.
const { symlinkSync } = await import("node:fs");
symlinkSync(join(root, "node_modules"), join(out, "node_modules"));
const { startGcpEmulator, openGcpProvider } = await import(pathToFileURL(join(out, "bundle.mjs")).href);

const COUNT = 100;
const LATENCY_MS = 20;
const RUNS = 3;
const emu = await startGcpEmulator();
const open = (concurrency) =>
  openGcpProvider({
    settings: { project: "bench-project", concurrency, writesPerMinute: 1e9, readsPerMinute: 1e9 },
    env: { DOTSECRETS_GCP_ENDPOINT: emu.directEndpoint },
  });
try {
  const writer = await open(32);
  const names = Array.from({ length: COUNT }, (_, i) => `bench/prod/KEY_${String(i).padStart(3, "0")}`);
  await writer.putMany(names.map((name, i) => ({ name, value: `value-${i}` })));
  await writer.close();
  emu.faults.latencyMs = LATENCY_MS;
  emu.faults.methods = ["AccessSecretVersion"];
  const time = async (concurrency) => {
    const provider = await open(concurrency);
    await provider.getMany([{ name: names[0] }]); // connect and warm up outside the timing
    const samples = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const results = await provider.getMany(names.map((name) => ({ name })));
      samples.push(performance.now() - start);
      if (!results.every((r, i) => r.ok && r.value === `value-${i}`)) throw new Error("wrong values");
    }
    await provider.close();
    return median(samples);
  };
  const sequential = await time(1);
  const concurrent = await time(32);
  console.log(`\nGCP getMany of ${COUNT} secrets, ${LATENCY_MS} ms latency per access (median of ${RUNS})`);
  console.log(`  sequential (concurrency 1)   ${sequential.toFixed(0).padStart(6)} ms`);
  console.log(`  concurrent (concurrency 32)  ${concurrent.toFixed(0).padStart(6)} ms`);
  const ratio = sequential / concurrent;
  console.log(
    `  ratio                        ${ratio.toFixed(1).padStart(6)}×  (target ≥ 10×) ${ratio >= 10 ? "ok" : "MISSED"}`,
  );
} finally {
  await emu.close();
  rmSync(out, { recursive: true, force: true });
}
