// bench/run-cloud: `secrets run -- node -e 0` with 50 AWS secrets and with 50 GCP secrets, against
// bare `node -e 0`, using the built binary and the emulators (started in this process, reached
// through DOTSECRETS_AWS_ENDPOINT / DOTSECRETS_GCP_ENDPOINT). Target: ≤ 3× bare node. One run,
// round-robin, medians and ratios printed. Needs `npm run build` first (the emulators are built
// from TypeScript with esbuild into node_modules/.cache).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadSources, median, report, tempDir } from "./lib.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/cli.js");
const runs = Number(process.env.BENCH_RUNS ?? 15);
const KEYS = 50;
const { aws: awsModule, gcp: gcpModule } = await loadSources("bench-run-cloud", {
  aws: "test/emulators/aws.ts",
  gcp: "test/emulators/gcp.ts",
});
const { startAwsEmulator, AWS_EMULATOR_CREDENTIALS } = awsModule;
const { startGcpEmulator } = gcpModule;
const [aws, gcp] = await Promise.all([startAwsEmulator(), startGcpEmulator()]);

/** Runs a command asynchronously (the emulators answer from this process) and returns its wall ms. */
function timeOnce(args, options) {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], ...options });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) done(ms);
      else fail(new Error(`${args.join(" ")} failed (${code}): ${stderr}`));
    });
  });
}

const base = {
  ...process.env,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  METADATA_SERVER_DETECTION: "none",
  DOTSECRETS_HOME: tempDir("bench-cloud-home-"),
};
const lines = Array.from(
  { length: KEYS },
  (_, i) => `SERVICE_${i}_SECRET=${randomBytes(24).toString("base64url")}`,
);

/** A project whose 50 values were migrated into `provider` with the CLI; returns its folder. */
async function project(provider, flags, env) {
  const dir = tempDir(`bench-cloud-${provider}-`);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench" }));
  writeFileSync(join(dir, ".env"), `${lines.join("\n")}\n`);
  const ms = await timeOnce([cli, "migrate", "--provider", provider, ...flags, "--yes", "--no-agents"], {
    cwd: dir,
    env,
  });
  console.log(`migrated ${KEYS} keys to ${provider} in ${ms.toFixed(0)} ms`);
  return dir;
}

const awsEnv = {
  ...base,
  DOTSECRETS_AWS_ENDPOINT: aws.endpoint,
  AWS_ACCESS_KEY_ID: AWS_EMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: AWS_EMULATOR_CREDENTIALS.secretAccessKey,
};
delete awsEnv.AWS_PROFILE;
const gcpEnv = { ...base, DOTSECRETS_GCP_ENDPOINT: gcp.directEndpoint };
const awsDir = await project("aws", ["--aws-region", aws.region], awsEnv);
const gcpDir = await project("gcp", ["--gcp-project", "bench-project"], gcpEnv);

const cases = [
  { name: "node -e 0", args: ["-e", "0"], options: { cwd: awsDir, env: base } },
  {
    name: `secrets run (aws, ${KEYS} secrets) -- node -e 0`,
    args: [cli, "run", "--", process.execPath, "-e", "0"],
    options: { cwd: awsDir, env: awsEnv },
  },
  {
    name: `secrets run (gcp, ${KEYS} secrets) -- node -e 0`,
    args: [cli, "run", "--", process.execPath, "-e", "0"],
    options: { cwd: gcpDir, env: gcpEnv },
  },
];
const samples = Object.fromEntries(cases.map((c) => [c.name, []]));
const awsBatches = aws.calls.BatchGetSecretValue ?? 0;
for (let i = 0; i < runs + 2; i++) {
  for (const c of cases) {
    const ms = await timeOnce(c.args, c.options);
    if (i >= 2) samples[c.name].push(ms);
  }
}
const baseline = report(
  `secrets run against the cloud emulators (${runs} runs, medians)`,
  samples,
  "node -e 0",
);
console.log(
  `\nAWS calls per run: ${((aws.calls.BatchGetSecretValue ?? 0) - awsBatches) / (runs + 2)} BatchGetSecretValue (50 secrets in chunks of 20)`,
);
for (const c of cases.slice(1)) {
  const ratio = median(samples[c.name]) / baseline;
  console.log(`${c.name}: ${ratio.toFixed(2)}× bare node (target ≤ 3×) ${ratio <= 3 ? "OK" : "OVER"}`);
}
await Promise.all([aws.close(), gcp.close()]);
