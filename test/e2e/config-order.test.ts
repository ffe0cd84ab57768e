/**
 * End to end: `dotsecrets/config` as the built package, imported by name from a temp app
 * (node_modules/dotsecrets links to this repository, so the exports map is the one users get).
 * A sibling module that reads process.env at load time must see the real value, in ESM and CJS.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAwsProvider } from "../../providers/aws.js";
import { AWS_EMULATOR_CREDENTIALS, type AwsEmulator, startAwsEmulator } from "../emulators/aws.js";
import { emulatorClientConfig } from "../helpers/aws-client.js";
import { cliEnv, findLeaks, runCli, sha, tempDir } from "../helpers/cli.js";
import { randomAlnum, urlWithPassword } from "../helpers/fake-secrets.js";

const REPO = resolve(import.meta.dirname, "../..");

const planted = {
  DB_PASSWORD: `pw-${randomAlnum(24)}`,
  API_TOKEN: `tok-${randomAlnum(32)}`,
  FROM_ENV: urlWithPassword("postgres", "app", randomAlnum(20), "db.internal:5432/shop"),
};

/** db module: reads the variables at load time and prints their hashes. */
const DB_BODY = `
const seen = {};
for (const key of ["DB_PASSWORD", "PORT", "FROM_ENV", "PLAIN"]) {
  const value = process.env[key];
  seen[key] = value === undefined ? "<unset>" : value.startsWith("secret://") ? "<reference>" : require_hash(value);
}
`;
const HASH = `function require_hash(v) { return HASHER.createHash("sha256").update(v).digest("hex"); }`;

interface AppResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe("dotsecrets/config: every variable is set before any sibling module evaluates", () => {
  const app = tempDir("dotsecrets-config-order-");
  const home = tempDir("dotsecrets-config-home-");
  const env = cliEnv(home);
  const outputs: Array<[string, string]> = [];

  const node = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<AppResult> =>
    new Promise((done, reject) => {
      const child = spawn(process.execPath, args, { cwd: app, env: { ...env, ...extra } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => {
        outputs.push([`node ${args.join(" ")}`, stdout + stderr]);
        done({ code, stdout, stderr });
      });
    });
  const seen = (result: AppResult) => {
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Record<string, string>;
  };

  beforeAll(async () => {
    mkdirSync(join(app, "node_modules"));
    symlinkSync(REPO, join(app, "node_modules", "dotsecrets"), "dir");
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "order-app", type: "module" }));
    writeFileSync(join(app, ".env"), "PORT=3000\n");
    for (const key of ["DB_PASSWORD", "API_TOKEN", "FROM_ENV"] as const) {
      const set = await runCli(["set", key, ...(key === "FROM_ENV" ? ["--no-stub"] : [])], {
        cwd: app,
        env,
        input: planted[key],
      });
      expect(set.code, set.stderr).toBe(0);
    }
    // ESM: the shape of issue 13 (config first, then a module that reads process.env at load time).
    writeFileSync(
      join(app, "main.js"),
      `import "dotsecrets/config";\nimport { seen } from "./db.js";\nprocess.stdout.write(JSON.stringify(seen));\n`,
    );
    writeFileSync(
      join(app, "db.js"),
      `import * as HASHER from "node:crypto";\n${HASH}\n${DB_BODY}\nexport { seen };\n`,
    );
    // CJS: the same with require.
    writeFileSync(
      join(app, "main.cjs"),
      `require("dotsecrets/config");\nconst { seen } = require("./db.cjs");\nprocess.stdout.write(JSON.stringify(seen));\n`,
    );
    writeFileSync(
      join(app, "db.cjs"),
      `const HASHER = require("node:crypto");\n${HASH}\n${DB_BODY}\nmodule.exports = { seen };\n`,
    );
    // Plain app for -r / --import preloading.
    writeFileSync(
      join(app, "plain.cjs"),
      `const HASHER = require("node:crypto");\n${HASH}\n${DB_BODY}\nprocess.stdout.write(JSON.stringify(seen));\n`,
    );
  });

  afterAll(() => {
    rmSync(app, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  const expected = () => ({
    DB_PASSWORD: sha(planted.DB_PASSWORD),
    PORT: sha("3000"),
    FROM_ENV: "<unset>",
    PLAIN: "<unset>",
  });

  it("ESM: import 'dotsecrets/config' then a sibling that reads process.env at load time", async () => {
    expect(seen(await node(["main.js"]))).toEqual(expected());
  });

  it("CJS: require('dotsecrets/config') then require a module that reads process.env", async () => {
    expect(seen(await node(["main.cjs"]))).toEqual(expected());
  });

  it("preloads: node -r dotsecrets/config and node --import dotsecrets/config", async () => {
    expect(seen(await node(["-r", "dotsecrets/config", "plain.cjs"]))).toEqual(expected());
    expect(seen(await node(["--import", "dotsecrets/config", "plain.cjs"]))).toEqual(expected());
  });

  it("resolves a secret:// reference already in the environment; plain values and set variables stay", async () => {
    const extra = {
      FROM_ENV: "secret://local/order-app/development/FROM_ENV",
      PLAIN: "plain-value",
      DB_PASSWORD: "already-set",
    };
    const want = {
      ...expected(),
      FROM_ENV: sha(planted.FROM_ENV),
      PLAIN: sha("plain-value"),
      DB_PASSWORD: sha("already-set"),
    };
    expect(seen(await node(["main.js"], extra))).toEqual(want);
    expect(seen(await node(["main.cjs"], extra))).toEqual(want);
  });

  it("an unresolvable reference in the environment fails start-up, naming the variable", async () => {
    const extra = { MISSING_ONE: "secret://local/order-app/development/NOPE" };
    for (const entry of ["main.js", "main.cjs"]) {
      const result = await node([entry], extra);
      expect(result.code, entry).not.toBe(0);
      expect(result.stderr).toContain("MISSING_ONE");
      expect(result.stdout).toBe("");
    }
  });

  it("does nothing under secrets run (DOTSECRETS_RUN=1): references stay as they are", async () => {
    const result = seen(await node(["main.js"], { DOTSECRETS_RUN: "1" }));
    expect(result.DB_PASSWORD).toBe("<unset>");
  });

  it("resolves the local store in-process: no helper process is started", async () => {
    // A preload that makes every child_process entry point throw: config must not need one.
    const spy = join(app, "no-spawn.cjs");
    writeFileSync(
      spy,
      `const cp = require("node:child_process");\nfor (const name of ["spawn", "spawnSync", "execFileSync", "execFile", "execSync", "exec", "fork"]) cp[name] = () => { throw new Error("child process started: " + name); };\n`,
    );
    expect(seen(await node(["-r", spy, "main.cjs"]))).toEqual(expected());
    expect(seen(await node(["-r", spy, "main.js"]))).toEqual(expected());
  });

  it("secrets run resolves a secret:// reference already in the environment too", async () => {
    const extra = { FROM_ENV: "secret://local/order-app/development/FROM_ENV", PLAIN: "plain-value" };
    const result = await runCli(["run", "--", process.execPath, "plain.cjs"], {
      cwd: app,
      env: { ...env, ...extra },
    });
    outputs.push(["secrets run", result.stdout + result.stderr]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ...expected(),
      FROM_ENV: sha(planted.FROM_ENV),
      PLAIN: sha("plain-value"),
    });
    const broken = await runCli(["run", "--", process.execPath, "plain.cjs"], {
      cwd: app,
      env: { ...env, BROKEN_REF: "secret://local/order-app/development/NOPE" },
    });
    outputs.push(["secrets run (broken)", broken.stdout + broken.stderr]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("environment variable BROKEN_REF");
    expect(broken.stdout).toBe("");
  });

  /**
   * Runs `body` with FROM_ENV stored in a fresh AWS emulator; `extra` is the environment that
   * references it and reaches the emulator.
   */
  async function withAwsReference(body: (extra: NodeJS.ProcessEnv, emu: AwsEmulator) => Promise<void>) {
    const emu = await startAwsEmulator();
    try {
      const aws = await openAwsProvider(
        { settings: {}, env: {} },
        { clientConfig: emulatorClientConfig(emu) },
      );
      await aws.put("order-app/development/FROM_ENV", planted.FROM_ENV);
      await body(
        {
          FROM_ENV: "secret://aws/order-app/development/FROM_ENV",
          DOTSECRETS_AWS_ENDPOINT: emu.endpoint,
          AWS_REGION: emu.region,
          AWS_ACCESS_KEY_ID: AWS_EMULATOR_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: AWS_EMULATOR_CREDENTIALS.secretAccessKey,
        },
        emu,
      );
    } finally {
      await emu.close();
    }
  }

  it("a cloud provider (AWS emulator) resolves in the helper process, before the sibling module too", () =>
    withAwsReference(async (extra, emu) => {
      // The stub's DB_PASSWORD comes from the local store in-process, FROM_ENV from AWS via the helper.
      const want = { ...expected(), FROM_ENV: sha(planted.FROM_ENV) };
      expect(seen(await node(["main.js"], extra))).toEqual(want);
      expect(seen(await node(["main.cjs"], extra))).toEqual(want);
      expect(emu.calls.BatchGetSecretValue ?? emu.calls.GetSecretValue).toBeGreaterThanOrEqual(2);
    }));

  it("keeps the AWS SDK's Node-version notice out of the app's output and out of its environment", () =>
    withAwsReference(async (reference) => {
      // The SDK prints a seven-line notice under Node < 22 unless
      // AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED is "true"; the test setup sets it for
      // everything else, so here it is removed.
      const extra = { ...reference, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined };
      const config = await node(["main.js"], extra);
      expect(seen(config).FROM_ENV).toBe(sha(planted.FROM_ENV));
      expect(config.stderr).not.toContain("NodeVersionSupportWarning");
      const probe = `process.stdout.write(String(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED))`;
      const run = await runCli(["run", "--", process.execPath, "-e", probe], {
        cwd: app,
        env: Object.fromEntries(
          Object.entries({ ...env, ...extra }).filter(([, value]) => value !== undefined),
        ),
      });
      outputs.push(["secrets run (notice)", run.stdout + run.stderr]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain("NodeVersionSupportWarning");
      expect(run.stdout).toBe("undefined");
    }));

  it("never shows a planted value in any output", () => {
    expect(findLeaks(Object.values(planted), outputs)).toEqual([]);
  });
});
