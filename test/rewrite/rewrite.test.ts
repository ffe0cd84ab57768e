/** The codemod's doors beyond the fixture corpus: prefilter, parse errors, scripts, package.json, apply. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  applyRewrite,
  collectSources,
  detectLoaders,
  planRewrite,
  rewriteScript,
} from "../../src/rewrite/index.js";
import { pluginsFor } from "../../src/rewrite/parse.js";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("prefilter", () => {
  it("never parses a file without a loader token", () => {
    const files = Array.from({ length: 200 }, (_, i) => ({
      path: `src/m${i}.ts`,
      text: `export const v${i} = process.env.PORT; // env, not a loader\n`,
    }));
    files.push({ path: "src/boot.ts", text: "import 'dotenv/config';\n" });
    // A syntax error the parser would report, hidden in a file the prefilter drops.
    files.push({ path: "src/broken-but-unrelated.ts", text: "export const = ;\n" });
    const { stats, findings } = detectLoaders(files);
    expect(stats).toEqual({ files: 202, candidates: 1, parsed: 1 });
    expect(findings.map((f) => f.shape)).toEqual(["dotenv-config-import"]);
  });

  it("picks parser plugins per extension (no jsx in .ts, decorators everywhere)", () => {
    expect(pluginsFor("a.ts")).toEqual(["typescript", "decorators-legacy"]);
    expect(pluginsFor("a.tsx")).toEqual(["typescript", "jsx", "decorators-legacy"]);
    expect(pluginsFor("a.cjs")).toEqual(["jsx", "decorators-legacy"]);
  });
});

describe("a file that does not parse", () => {
  it("is reported with its line and left untouched", () => {
    const text = "require('dotenv').config()\nconst = 1;\n";
    const plan = planRewrite("/p", [{ path: "index.js", text }]);
    expect(plan.edits).toEqual([]);
    expect(plan.findings).toMatchObject([
      { file: "index.js", line: 2, shape: "parse-error", rewrite: false },
    ]);
  });
});

describe("rewriteScript", () => {
  it.each([
    ["node -r dotenv/config index.js", "node -r dotsecrets/config index.js"],
    ["nodemon --require dotenv/config src/x.js", "nodemon --require dotsecrets/config src/x.js"],
    ["node --import=dotenv/config x.mjs", "node --import=dotsecrets/config x.mjs"],
    ["node --env-file=.env x.js", "node -r dotsecrets/config x.js"],
    ["node --env-file-if-exists=.env.ci x.js", "secrets run --file .env.ci -- node x.js"],
    ["NODE_ENV=test dotenv -e .env.test -- vitest", "NODE_ENV=test secrets run --file .env.test -- vitest"],
    ["dotenv -o -- node x", "secrets run -- node x"],
    ["env-cmd node x", "secrets run -- node x"],
    ["env-cmd --no-override -f .env.ci jest", "secrets run --file .env.ci -- jest"],
    [
      "tsc && env-cmd -f .env node dist/x.js | pino-pretty",
      "tsc && secrets run -- node dist/x.js | pino-pretty",
    ],
  ])("%s → %s", (before, after) => {
    const result = rewriteScript(before);
    expect(result.after).toBe(after);
    expect(result.findings.every((f) => f.rewrite)).toBe(true);
  });

  it.each([
    ["dotenv -v A=1 -- node x", "dotenv-cli"],
    ["env-cmd -e prod node x", "env-cmd"],
    ["dotenv -e .env -e .env.local -- node x", "dotenv-cli"],
    ["dotenvx run -- node x", "dotenvx-run"],
    [". ./.env && node x", "script-source-env"],
    ["export $(cat .env | xargs) && node x", "script-source-env"],
  ])("leaves %s in place and reports %s", (command, shape) => {
    const result = rewriteScript(command);
    expect(result.after).toBe(command);
    expect(result.findings).toMatchObject([{ shape, rewrite: false }]);
  });

  it("leaves a command already under secrets run alone", () => {
    expect(rewriteScript("secrets run -- next build")).toEqual({
      after: "secrets run -- next build",
      findings: [],
    });
  });
});

describe("package.json", () => {
  it("keeps every byte outside the edited strings (escapes, CRLF, no final newline)", () => {
    const text =
      '{\r\n  "name": "x",\r\n  "scripts": {\r\n    "a": "echo \\"hi\\" \\u0026\\u0026 node -r dotenv/config x",\r\n    "b": "echo \\u00e9"\r\n  },\r\n  "dependencies": { "a": "1", "z": "2" }\r\n}';
    const plan = planRewrite("/p", [{ path: "package.json", text }]);
    const [edit] = plan.edits;
    expect(JSON.parse(edit!.after).scripts.a).toBe('echo "hi" && node -r dotsecrets/config x');
    expect(edit!.after).toContain('"b": "echo \\u00e9"');
    expect(edit!.after).toContain('{ "a": "1", "dotsecrets": "^0.1.0", "z": "2" }');
    expect(edit!.after.endsWith("}")).toBe(true);
    expect(plan.install).toMatchObject([{ packageJson: "package.json", name: "dotsecrets" }]);
  });

  it("does not add dotsecrets when it is already a dependency, and asks to move a devDependency", () => {
    const code = { path: "src/x.js", text: "require('dotenv').config()\n" };
    const dev = { path: "package.json", text: '{ "devDependencies": { "dotsecrets": "1" } }\n' };
    const plan = planRewrite("/p", [dev, code]);
    expect(plan.edits.map((e) => e.path)).toEqual(["src/x.js"]);
    expect(plan.install[0]!.reason).toMatch(/move it from devDependencies to dependencies/);
  });
});

describe("collectSources + applyRewrite", () => {
  it("reads candidates only, writes the plan, and refuses a file changed since", async () => {
    const root = mkdtempSync(join(tmpdir(), "rewrite-"));
    temps.push(root);
    writeFileSync(join(root, "package.json"), '{\n  "name": "t"\n}\n');
    writeFileSync(join(root, "index.js"), "require('dotenv').config();\n");
    writeFileSync(join(root, "other.js"), "module.exports = 1;\n");
    const collected = await collectSources(root);
    expect(collected.files.map((f) => f.path)).toEqual(["index.js", "package.json"]);
    expect(collected.scanned).toBe(3);

    const plan = planRewrite(collected.root, collected.files);
    const stale = { ...plan, edits: plan.edits.map((e) => ({ ...e })) };
    writeFileSync(join(root, "index.js"), "require('dotenv').config(); // edited\n");
    await expect(applyRewrite(stale)).rejects.toMatchObject({ code: "MIGRATE_CHANGED" });
    expect(readFileSync(join(root, "package.json"), "utf8")).toBe('{\n  "name": "t"\n}\n');

    writeFileSync(join(root, "index.js"), "require('dotenv').config();\n");
    const seen: string[] = [];
    const written = await applyRewrite(plan, { written: (e) => void seen.push(e.path) });
    expect(written).toEqual(["index.js", "package.json"]);
    expect(seen).toEqual(written);
    expect(readFileSync(join(root, "index.js"), "utf8")).toBe("require('dotsecrets/config');\n");
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).dependencies).toEqual({
      dotsecrets: "^0.1.0",
    });
  });
});
