import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { discoverEnvFiles, parseEnvFileName } from "../../src/inventory/discover.js";
import { walkProject } from "../../src/inventory/walk.js";

/** Builds a tree from `path → content` (content null = directory). */
function tree(files: Record<string, string | null>): string {
  const root = mkdtempSync(join(tmpdir(), "inv-discover-"));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    if (content === null) {
      mkdirSync(abs, { recursive: true });
    } else {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }
  return root;
}

const paths = async (root: string, options = {}) =>
  (await discoverEnvFiles(root, options)).files.map((f) => f.path);

describe("parseEnvFileName", () => {
  it.each([
    [".env", "development", "env"],
    [".env.production", "production", "env"],
    [".env.staging.eu", "staging.eu", "env"],
    [".env.local", "development", "local"],
    [".env.production.local", "production", "local"],
    [".env.example", null, "template"],
    [".env.sample", null, "template"],
    [".env.template", null, "template"],
    [".env.dist", null, "template"],
    [".env.defaults", null, "template"],
    [".env.production.example", "production", "template"],
    [".env.bak", "development", "env"],
    [".env.production.old", "production", "env"],
  ])("%s → env %s, kind %s", (name, env, kind) => {
    expect(parseEnvFileName(name)).toMatchObject({ type: "dotenv", env, kind });
  });

  it.each([
    ".envrc",
    ".env.d.ts",
    ".env.json",
    ".env.js",
    ".env.swp",
    ".environment",
    "env",
    ".env.",
    "x.env",
  ])("%s is not a dotenv file", (name) => expect(parseEnvFileName(name)).toBeUndefined());

  it.each([".env.vault", ".env.keys", ".env.me"])("%s is a dotenvx/dotenv-vault file", (name) => {
    expect(parseEnvFileName(name)?.type).toBe("unsupported");
  });
});

describe("discoverEnvFiles", () => {
  it("finds nested files, skips node_modules, .git, virtualenvs and git-ignored directories", async () => {
    const root = tree({
      ".gitignore": ".env\n.env*.local\ndist/\n.next\n",
      ".env": "A=1\n",
      ".env.local": "A=2\n",
      "apps/web/.env.production": "A=3\n",
      "apps/web/.next/.env": "A=4\n",
      "dist/.env": "A=5\n",
      "packages/api/.gitignore": "build/\n!keep/\n",
      "packages/api/build/.env": "A=6\n",
      "packages/api/keep/.env": "A=7\n",
      "packages/other/build/.env": "A=8\n",
      "node_modules/pkg/.env": "A=9\n",
      ".git/.env": "A=10\n",
      "venv/pyvenv.cfg": "home = /usr\n",
      "venv/lib/.env": "A=11\n",
      ".envrc": "export A=1\n",
      "src/.env.d.ts": "",
    });
    expect(await paths(root)).toEqual([
      ".env",
      ".env.local",
      "apps/web/.env.production",
      "packages/api/keep/.env",
      "packages/other/build/.env",
    ]);
  });

  it("finds .env files in git-ignored folders that are not build output (issue 9, item 8)", async () => {
    const root = tree({
      ".gitignore": "config/\nsecrets/\ncoverage/\n/local-stuff\n",
      "config/.env": "A=1\n",
      "config/deep/.env.production": "A=2\n",
      "secrets/.env.local": "A=3\n",
      "local-stuff/.env": "A=4\n",
      "coverage/.env": "A=5\n",
      "config/node_modules/x/.env": "A=6\n",
    });
    expect(await paths(root)).toEqual([
      "config/.env",
      "config/deep/.env.production",
      "local-stuff/.env",
      "secrets/.env.local",
    ]);
  });

  it("does not scan code in git-ignored folders", async () => {
    const root = tree({
      ".gitignore": "config/\n",
      "config/.env": "A=1\n",
      "config/gen.js": "process.env.A\n",
      "src/app.js": "process.env.A\n",
    });
    const walk = await walkProject(root, () => true);
    const byPath = Object.fromEntries(walk.files.map((f) => [f.rel, f.ignored]));
    expect(byPath).toMatchObject({ "config/.env": true, "config/gen.js": true, "src/app.js": false });
  });

  it("applies the .gitignore files above the root when it sits inside a repository", async () => {
    const repo = tree({
      ".git/HEAD": "ref: x\n",
      ".gitignore": "out/\n",
      "pkg/.env": "A=1\n",
      "pkg/out/.env": "A=2\n",
    });
    expect(await paths(join(repo, "pkg"))).toEqual([".env"]);
  });

  it("maps environments and kinds, overridable with envMap", async () => {
    const root = tree({ ".env": "", "config/.env.example": "", "deploy/.env": "" });
    const { files } = await discoverEnvFiles(root, { envMap: { "./deploy/.env": "staging" } });
    expect(files.map((f) => [f.path, f.env, f.kind])).toEqual([
      [".env", "development", "env"],
      ["config/.env.example", null, "template"],
      ["deploy/.env", "staging", "env"],
    ]);
    expect(files[2]!.notes).toContain("environment set by --env-map");
    await expect(discoverEnvFiles(root, { envMap: { "nope/.env": "x" } })).rejects.toBeInstanceOf(UserError);
  });

  it("warns about dotenvx / dotenv-vault files instead of reading them", async () => {
    const root = tree({ ".env": "", ".env.vault": "", ".env.keys": "" });
    const result = await discoverEnvFiles(root);
    expect(result.files.map((f) => f.path)).toEqual([".env"]);
    expect(result.warnings.map((w) => [w.code, w.file])).toEqual([
      ["unsupported-file", ".env.keys"],
      ["unsupported-file", ".env.vault"],
    ]);
  });

  it("lists a symlink to a listed file once, with a note", async () => {
    const root = tree({ ".env": "A=1\n", "config/prod.env": "B=1\n" });
    symlinkSync(".env", join(root, ".env.development"));
    symlinkSync("config/prod.env", join(root, ".env.production"));
    const { files, warnings } = await discoverEnvFiles(root);
    expect(files.map((f) => [f.path, f.notes])).toEqual([
      [".env", ["also reached through symlink .env.development"]],
      [".env.production", ["symlink to config/prod.env"]],
    ]);
    expect(warnings).toEqual([]);
  });

  it("skips symlinks out of the project, loops and broken links, with warnings, and does not hang", async () => {
    const outside = tree({ ".env": "SECRET=1\n", "deep/.env": "X=1\n" });
    const root = tree({ ".env": "A=1\n", "sub/.env.test": "B=1\n" });
    symlinkSync(join(outside, ".env"), join(root, ".env.shared"));
    symlinkSync(outside, join(root, "linked-dir"));
    symlinkSync("..", join(root, "sub/loop"));
    symlinkSync(".env.self", join(root, ".env.self"));
    symlinkSync("missing", join(root, ".env.broken"));
    const { files, warnings } = await discoverEnvFiles(root);
    expect(files.map((f) => f.path)).toEqual([".env", "sub/.env.test"]);
    expect(warnings.map((w) => [w.code, w.file])).toEqual([
      ["symlink-broken", ".env.broken"],
      ["symlink-loop", ".env.self"],
      ["symlink-outside", ".env.shared"],
      ["symlink-outside", "linked-dir"],
      ["symlink-loop", "sub/loop"],
    ]);
    expect(warnings.map((w) => w.message).join("\n")).not.toContain(outside);
  });

  it("stops at the depth and entry limits with a warning", async () => {
    const root = tree({ "a/b/c/d/.env": "", "a/.env": "", ".env": "" });
    const deep = await discoverEnvFiles(root, { maxDepth: 2 });
    expect(deep.files.map((f) => f.path)).toEqual([".env", "a/.env"]);
    expect(deep.warnings).toEqual([
      { code: "limit", file: "a/b/c", message: "not read: deeper than 2 levels" },
    ]);
    const few = await discoverEnvFiles(root, { maxEntries: 1 });
    expect(few.warnings.map((w) => w.code)).toEqual(["limit"]);
  });
});
