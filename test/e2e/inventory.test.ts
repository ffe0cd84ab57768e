/**
 * End to end: the built binary's `secrets inventory` on the example app (set up fresh in a temp dir
 * by its setup script) and on the monorepo fixture (built in a temp dir by its setup script). No value of any .env file may appear
 * in the output, except the few config words a preview shows on purpose (PORT=3000, LOG_LEVEL=info).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "dotenv";
import { beforeAll, describe, expect, it } from "vitest";
import { preview } from "../../src/inventory/classify.js";
import type { Inventory } from "../../src/inventory/types.js";
import { CLI, cliEnv, findLeaks, runCli, tempDir } from "../helpers/cli.js";

const REPO = resolve(import.meta.dirname, "../..");
const EXAMPLE = join(REPO, "examples/node-app");
// The monorepo fixture is built in a temp folder: its .env values are generated, never committed.
const MONOREPO = tempDir("dotsecrets-monorepo-");

/** Every value of every dotenv file under `dir` (node_modules and build output included: those must not leak either). */
function plantedValues(dir: string): string[] {
  const values: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) values.push(...plantedValues(path));
    else if (name === ".env" || name.startsWith(".env."))
      values.push(...Object.values(parse(readFileSync(path))));
  }
  // A preview shows a value verbatim only for config flags, small numbers and environment words.
  return values.filter((v) => v !== "" && preview(v, "config") !== v);
}

async function inventory(args: string[], cwd: string) {
  const result = await runCli(["inventory", ...args], { cwd, env: cliEnv(tempDir()) });
  return result;
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync("npm", ["run", "build"], { cwd: REPO, stdio: "ignore" });
});

describe("secrets inventory on the example app", () => {
  const app = tempDir("dotsecrets-example-");
  let planted: string[] = [];

  beforeAll(() => {
    cpSync(EXAMPLE, app, {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|\.env(\.(?!example$)[^\\/]+)?)$/.test(src),
    });
    const setup = execFileSync(process.execPath, ["setup.mjs", "--force"], { cwd: app, encoding: "utf8" });
    planted = plantedValues(app);
    expect(planted.length).toBeGreaterThan(10);
    expect(findLeaks(planted, [["setup.mjs output", setup]])).toEqual([]);
  });

  it("shows every file, key, class and usage as a table, with no value", async () => {
    const { code, stdout, stderr } = await inventory([], app);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^file\s+env\s+key\s+class\s+reason\s+used at$/m);
    expect(stdout).toMatch(
      /^\.env\s+development\s+DATABASE_URL\s+secret\s+value is a URL with a password\s+scripts\/report\.py:4 \+1 more$/m,
    );
    expect(stdout).toMatch(
      /^\.env\.production\s+production\s+STRIPE_SECRET_KEY\s+secret\s+value is a Stripe secret key \(test mode\)\s+src\/server\.mjs:7$/m,
    );
    expect(stdout).toMatch(
      /^\.env\s+development\s+GITHUB_TOKEN\s+secret\s+value is a GitHub token\s+src\/legacy\.cjs:6$/m,
    );
    expect(stdout).toMatch(
      /^\.env\s+development\s+SMTP_PASSWORD\s+secret\s+name contains PASSWORD\s+src\/worker\.cjs:3$/m,
    );
    expect(stdout).toMatch(
      /^\.env\s+development\s+PORT\s+config\s+config name \(PORT\)\s+src\/server\.mjs:8$/m,
    );
    expect(stdout).toMatch(
      /^\.env\s+development\s+VITE_API_BASE_URL\s+public\s+VITE_ prefix: built into browser bundles\s+web\/main\.js:2$/m,
    );
    expect(stdout).toMatch(
      /^\.env\.example\s+-\s+JWT_SECRET\s+secret\s+name contains SECRET \(empty value\)/m,
    );
    expect(stdout).toMatch(/^SENTRY_DSN\s+src\/server\.mjs:21$/m);
    expect(stdout).toContain("3 file(s), 11 key(s): 5 secret, 4 config, 2 public");
    expect(
      findLeaks(planted, [
        ["stdout", stdout],
        ["stderr", stderr],
      ]),
    ).toEqual([]);
  });

  it("prints the same inventory as JSON, with previews only", async () => {
    const { code, stdout, stderr } = await inventory(["--json"], app);
    expect(code, stderr).toBe(0);
    const inv = JSON.parse(stdout) as Inventory;
    expect(inv.files.map((f) => [f.path, f.env, f.kind])).toEqual([
      [".env", "development", "env"],
      [".env.example", null, "template"],
      [".env.production", "production", "env"],
    ]);
    const key = (name: string) => inv.keys.find((k) => k.key === name)!;
    expect(key("JWT_SECRET").class).toBe("secret");
    expect(key("JWT_SECRET").usages).toEqual([{ file: "src/legacy.cjs", line: 5 }]);
    expect(key("DATABASE_URL").usages).toEqual([
      { file: "scripts/report.py", line: 4 },
      { file: "src/server.mjs", line: 6 },
    ]);
    expect(key("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY").class).toBe("public");
    expect(key("STRIPE_SECRET_KEY").occurrences[0]!.preview).toBe("sk_t…(40 chars)");
    expect(key("PORT").occurrences[0]!.preview).toBe("3000");
    expect(inv.undeclared.map((u) => u.key)).toEqual(["SENTRY_DSN"]);
    expect(
      findLeaks(planted, [
        ["stdout", stdout],
        ["stderr", stderr],
      ]),
    ).toEqual([]);
  });

  it("runs the example's three dotenv entry points without printing values", () => {
    symlinkSync(join(REPO, "node_modules"), join(app, "node_modules"));
    const run = (args: string[]) =>
      execFileSync(process.execPath, args, { cwd: app, encoding: "utf8", env: cliEnv(tempDir()) });
    const outputs = [
      run(["src/server.mjs", "--once"]),
      run(["src/legacy.cjs"]),
      run(["-r", "dotenv/config", "src/worker.cjs"]),
    ];
    expect(outputs[0]).toMatch(/^DATABASE_URL: set \(\d+ chars\)$/m);
    expect(outputs[0]).toMatch(/^SENTRY_DSN: missing$/m);
    expect(outputs[1]).toMatch(/^JWT_SECRET: set \(64 chars\)$/m);
    expect(outputs[2]).toMatch(/^SMTP_PASSWORD: set \(20 chars\)$/m);
    expect(
      findLeaks(
        planted,
        outputs.map((o, i) => [`entry point ${i}`, o]),
      ),
    ).toEqual([]);
  });
});

describe("secrets inventory on the monorepo fixture", () => {
  let planted: string[] = [];

  beforeAll(() => {
    execFileSync(process.execPath, [join(REPO, "test/fixtures/monorepo/setup.mjs"), MONOREPO]);
    planted = plantedValues(MONOREPO);
    expect(planted.length).toBeGreaterThan(10);
  });

  it("covers nested packages, skips node_modules and ignored build output, and warns", async () => {
    const { code, stdout, stderr } = await inventory(["--root", MONOREPO], REPO);
    expect(code, stderr).toBe(0);
    const files = [
      ...new Set(
        stdout
          .split("\n")
          .map((l) => l.split(/\s+/)[0])
          .filter((f) => f?.includes(".env")),
      ),
    ];
    expect(files).toEqual([
      ".env",
      "apps/web/.env",
      "apps/web/.env.local",
      "packages/api/.env",
      "packages/api/.env.example",
      "packages/api/.env.production",
    ]);
    for (const skipped of [
      "NODE_MODULES_ONLY_KEY",
      "DIST_ONLY_KEY",
      "NEXT_BUILD_ONLY_KEY",
      "GENERATED_ONLY_KEY",
      "COMMENTED_OUT_KEY",
    ]) {
      expect(stdout + stderr).not.toContain(skipped);
    }
    expect(stdout).toMatch(/^apps\/web\/\.env\s+development\s+NEXT_PUBLIC_OPENAI_API_KEY\s+public\s/m);
    expect(stdout).toMatch(/^apps\/web\/\.env\.local\s+development\s+DATABASE_URL\s+secret\s/m);
    expect(stdout).toMatch(
      /^packages\/api\/\.env\s+development\s+AWS_ACCESS_KEY_ID\s+secret\s+value is an AWS access key id\s+packages\/api\/src\/index\.ts:12$/m,
    );
    expect(stdout).toMatch(
      /^packages\/api\/\.env\s+development\s+FEATURE_FLAGS_ENABLED\s+config\s+boolean value\s+-$/m,
    );
    expect(stdout).toMatch(/^QUEUE_URL\s+packages\/api\/src\/index\.ts:13$/m);
    expect(stderr).toMatch(
      /^warning: apps\/web\/\.env:4: NEXT_PUBLIC_OPENAI_API_KEY: NEXT_PUBLIC_ keys ship to every browser, and this one holds an OpenAI API key$/m,
    );
    expect(stderr).toMatch(
      /^warning: packages\/api\/\.env\.example:3: STRIPE_SECRET_KEY: a real-looking secret in a template/m,
    );
    expect(stderr).not.toMatch(/packages\/api\/\.env\.example:1/); // postgres://user:password@ is a placeholder
    expect(
      findLeaks(planted, [
        ["stdout", stdout],
        ["stderr", stderr],
      ]),
    ).toEqual([]);
  });

  it("reports usages from TypeScript, destructuring and Python as JSON", async () => {
    const { code, stdout, stderr } = await inventory(["--json", "--root", MONOREPO], REPO);
    expect(code, stderr).toBe(0);
    const inv = JSON.parse(stdout) as Inventory;
    const key = (name: string) => inv.keys.find((k) => k.key === name)!;
    expect(key("DATABASE_URL").usages).toEqual([
      { file: "packages/api/scripts/migrate.py", line: 3 },
      { file: "packages/api/src/index.ts", line: 2 },
    ]);
    expect(key("STRIPE_SECRET_KEY").usages).toEqual([{ file: "packages/api/src/index.ts", line: 3 }]);
    expect(key("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY").usages).toEqual([
      { file: "apps/web/src/page.tsx", line: 3 },
    ]);
    expect(key("NEXT_PUBLIC_OPENAI_API_KEY").publicWarning).toMatch(/OpenAI/);
    expect(inv.summary).toEqual({ files: 6, keys: 13, secret: 6, config: 4, public: 3 });
    expect(inv.warnings.map((w) => w.code)).toEqual(["public-secret", "template-secret"]);
    expect(
      findLeaks(planted, [
        ["stdout", stdout],
        ["stderr", stderr],
      ]),
    ).toEqual([]);
  });
});
