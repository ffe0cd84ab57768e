import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { maskComments } from "../../src/inventory/mask-comments.js";
import { codeLanguage, findUsages, scanUsages } from "../../src/inventory/usage.js";
import { walkProject } from "../../src/inventory/walk.js";

const keysOf = (source: string, lang: "js" | "py" | "html-js" = "js") =>
  findUsages(source, lang).map((u) => `${u.key}:${u.line}`);

describe("findUsages in JavaScript and TypeScript", () => {
  it("finds dot, bracket and optional access", () => {
    const src = [
      "const a = process.env.ALPHA;",
      'const b = process.env["BRAVO"];',
      "const c = process.env['CHARLIE'];",
      "const d = process.env[`DELTA`];",
      "const e = process.env?.ECHO ?? process . env . FOXTROT;",
      "const f = import.meta.env.VITE_GOLF;",
      'const g = Deno.env.get("HOTEL");',
      "const h = Bun.env.INDIA;",
    ].join("\n");
    expect(keysOf(src)).toEqual([
      "ALPHA:1",
      "BRAVO:2",
      "CHARLIE:3",
      "DELTA:4",
      "ECHO:5",
      "FOXTROT:5",
      "VITE_GOLF:6",
      "HOTEL:7",
      "INDIA:8",
    ]);
  });

  it("finds destructuring, renames, defaults and multi-line forms, and skips rest elements", () => {
    const src = [
      "const { A, B: b, C = 1 } = process.env;",
      "let {",
      "  DATABASE_URL,",
      "  STRIPE_KEY: stripe,",
      '  PORT = "3000",',
      "  LIST = fn(1, 2),",
      "  ...rest",
      "} = process.env;",
      "const { VITE_X } = import.meta.env;",
    ].join("\n");
    expect(keysOf(src)).toEqual([
      "A:1",
      "B:1",
      "C:1",
      "DATABASE_URL:3",
      "STRIPE_KEY:4",
      "PORT:5",
      "LIST:6",
      "VITE_X:9",
    ]);
  });

  it("ignores comments but not strings or template literals", () => {
    const src = [
      "// process.env.LINE_COMMENT",
      "/* process.env.BLOCK",
      "   process.env.BLOCK2 */ const url = 'http://x'; const k = process.env.AFTER_BLOCK;",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
      "const t = `${process.env.IN_TEMPLATE}`; // process.env.TRAILING",
    ].join("\n");
    expect(keysOf(src)).toEqual(["AFTER_BLOCK:3", "IN_TEMPLATE:4"]);
  });

  it("skips method calls and dynamic keys", () => {
    expect(
      keysOf("process.env.hasOwnProperty('X'); process.env[name]; const { a } = process.env.NESTED;"),
    ).toEqual(["NESTED:1"]);
  });

  it("handles HTML comments in Vue/Svelte/Astro files", () => {
    const src = "<!-- process.env.HIDDEN -->\n<script>\nconst a = import.meta.env.PUBLIC_SHOWN;\n</script>";
    expect(keysOf(src, "html-js")).toEqual(["PUBLIC_SHOWN:3"]);
  });

  it("keeps offsets when masking", () => {
    const src = "a // c😀\n/* x\ny */b";
    const masked = maskComments(src, "js");
    expect(masked.length).toBe(src.length);
    expect(masked.split("\n").length).toBe(3);
  });
});

describe("findUsages in Python", () => {
  it("finds os.environ, os.getenv and imported names", () => {
    const src = [
      "import os",
      "from os import environ, getenv",
      'a = os.environ["ALPHA"]',
      "b = os.environ.get('BRAVO', 'x')",
      'c = os.getenv("CHARLIE")',
      'd = environ["DELTA"]',
      'e = getenv("ECHO")',
      '# os.environ["COMMENTED"]',
      'f = request.environ["NOT_OS"]',
      '"""os.getenv("IN_DOCSTRING") is still text we scan"""',
    ].join("\n");
    expect(keysOf(src, "py")).toEqual([
      "ALPHA:3",
      "BRAVO:4",
      "CHARLIE:5",
      "DELTA:6",
      "ECHO:7",
      "IN_DOCSTRING:10",
    ]);
  });
});

describe("codeLanguage", () => {
  it.each([
    ["a.ts", "js"],
    ["a.tsx", "js"],
    ["a.mjs", "js"],
    ["a.cts", "js"],
    ["a.vue", "html-js"],
    ["a.svelte", "html-js"],
    ["a.astro", "html-js"],
    ["a.py", "py"],
    ["a.min.js", undefined],
    ["a.d.ts", undefined],
    ["a.json", undefined],
    [".env", undefined],
  ])("%s → %s", (name, lang) => expect(codeLanguage(name)).toBe(lang));
});

describe("scanUsages", () => {
  it("scans a tree, skipping ignored files, bundles and oversized files", async () => {
    const root = mkdtempSync(join(tmpdir(), "inv-usage-"));
    mkdirSync(join(root, "src"));
    mkdirSync(join(root, "node_modules/x"), { recursive: true });
    writeFileSync(join(root, ".gitignore"), "generated.ts\n");
    writeFileSync(join(root, "src/a.ts"), "\n\nprocess.env.SHARED;\n");
    writeFileSync(join(root, "src/b.js"), "process.env.SHARED; process.env.ONLY_B;\n");
    writeFileSync(join(root, "src/generated.ts"), "process.env.IGNORED_FILE;\n");
    writeFileSync(join(root, "node_modules/x/index.js"), "process.env.IN_NODE_MODULES;\n");
    writeFileSync(
      join(root, "src/bundle.js"),
      `${"x".repeat(5000)}process.env.IN_BUNDLE;${"y".repeat(5000)}`,
    );
    writeFileSync(join(root, "src/app.min.js"), "process.env.MINIFIED;\n");
    writeFileSync(join(root, "src/huge.js"), `process.env.HUGE;\n${"//\n".repeat(400_000)}`);
    const walk = await walkProject(root, (n) => codeLanguage(n) !== undefined);
    const scan = await scanUsages(walk.files);
    expect(Object.fromEntries(scan.usages)).toEqual({
      SHARED: [
        { file: "src/a.ts", line: 3 },
        { file: "src/b.js", line: 1 },
      ],
      ONLY_B: [{ file: "src/b.js", line: 1 }],
    });
    expect(scan.warnings).toEqual([
      { code: "code-skipped", file: "src/huge.js", message: "not scanned for env reads: over 1 MiB" },
    ]);
  });
});
