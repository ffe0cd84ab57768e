// bench/fetch-aws: the AWS provider against the in-process emulator (real SDK, SigV4 verified).
//   1. 100 per-key secrets, 20 ms added latency per request: getMany (BatchGetSecretValue, chunks
//      of 20 in parallel) against one GetSecretValue after another. Target: ≥ 10× faster.
//   2. putMany of 500 new keys against the emulator's 50 writes/s quota. Floor: 10 s.
//      Target: ≤ 1.2× the floor, and no throttling error reaching the caller.
// Builds the TypeScript sources it needs with esbuild into node_modules/.cache (no `npm run build`).
import { loadSources, median } from "./lib.mjs";

const { emulator, provider } = await loadSources("bench-fetch-aws", {
  emulator: "test/emulators/aws.ts",
  provider: "providers/aws.ts",
});
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
process.env.AWS_EC2_METADATA_DISABLED = "true";
const { startAwsEmulator, AWS_EMULATOR_CREDENTIALS } = emulator;
const { openAwsProvider } = provider;
const { SecretsManagerClient, GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");

const runs = Number(process.env.BENCH_RUNS ?? 3);
const emu = await startAwsEmulator();
const clientConfig = {
  endpoint: emu.endpoint,
  region: emu.region,
  credentials: { ...AWS_EMULATOR_CREDENTIALS },
};
const open = () => openAwsProvider({ settings: {}, env: {} }, { clientConfig });

// 1. Batched reads against sequential single reads.
const names = Array.from({ length: 100 }, (_, i) => `bench/production/KEY_${String(i).padStart(3, "0")}`);
{
  emu.writesPerSecond = 0;
  const seeder = await open();
  await seeder.putMany(names.map((name, i) => ({ name, value: `value-${i}` })));
  await seeder.close();
  emu.faults.latencyMs = 20;
  const batched = [];
  const sequential = [];
  for (let run = 0; run < runs; run++) {
    const provider = await open();
    emu.calls = {};
    let start = performance.now();
    const results = await provider.getMany(names.map((name) => ({ name })));
    batched.push(performance.now() - start);
    if (!results.every((r) => r.ok)) throw new Error("batched read missed a secret");
    const batchCalls = emu.calls.BatchGetSecretValue;
    await provider.close();

    const client = new SecretsManagerClient({
      ...clientConfig,
      requestHandler: { connectionTimeout: 3000, socketTimeout: 10_000 },
    });
    start = performance.now();
    for (const name of names) await client.send(new GetSecretValueCommand({ SecretId: name }));
    sequential.push(performance.now() - start);
    client.destroy();
    if (run === 0) console.log(`getMany of 100 used ${batchCalls} BatchGetSecretValue call(s)`);
  }
  const b = median(batched);
  const s = median(sequential);
  console.log("\n100 per-key secrets, 20 ms latency per request (median of %d runs)", runs);
  console.log(`  getMany, batched        ${b.toFixed(0).padStart(6)} ms`);
  console.log(`  GetSecretValue x 100    ${s.toFixed(0).padStart(6)} ms`);
  console.log(`  ratio                   ${(s / b).toFixed(1).padStart(6)}x   (target >= 10x)`);
}

// 2. putMany of 500 against the 50/s write quota.
{
  emu.reset();
  emu.writesPerSecond = 50;
  const provider = await open();
  const items = Array.from({ length: 500 }, (_, i) => ({
    name: `bulk/production/KEY_${i}`,
    value: `bulk-${i}`,
  }));
  const start = performance.now();
  let error;
  try {
    await provider.putMany(items);
  } catch (caught) {
    error = caught;
  }
  const seconds = (performance.now() - start) / 1000;
  await provider.close();
  console.log("\nputMany of 500 keys, emulator quota 50 writes/s (floor 10 s)");
  console.log(`  wall time               ${seconds.toFixed(2).padStart(6)} s`);
  console.log(`  against the floor       ${(seconds / 10).toFixed(2).padStart(6)}x  (target <= 1.2x)`);
  console.log(
    `  quota throttles seen    ${String(emu.faulted.quota ?? 0).padStart(6)}   (answered by retries)`,
  );
  console.log(`  error reaching caller   ${error ? `${error.code}: ${error.message}` : "none"}`);
  console.log(`  secrets stored          ${String(emu.store.secrets.size).padStart(6)}`);
}
await emu.close();
