import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { agents } from "../../src/commands/agents.js";

const USER_FILES: Record<string, string> = {
  ".gitignore": "node_modules/\n",
  ".cursorignore": "dist/\n# my rules\n",
  ".claude/settings.json":
    '{\n\t"model": "opus",\n\t"permissions": {\n\t\t"allow": ["Bash(npm test)"]\n\t}\n}\n',
  "AGENTS.md": "# Agents\n\nUse pnpm.\n",
  "CLAUDE.md": "Read AGENTS.md.",
};

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "agents-cmd-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function run(argv: string[], cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const code = await agents(argv, { cwd, env: {}, stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

const read = (root: string, path: string) => readFileSync(join(root, path), "utf8");

describe("secrets agents (in process)", () => {
  it("keeps the user's content, writes once, and a second run changes nothing", async () => {
    const root = tree(USER_FILES);
    const dry = await run(["--dry-run"], root);
    expect(dry.out).toMatch(/^would be updated +AGENTS\.md/m);
    expect(read(root, "AGENTS.md")).toBe(USER_FILES["AGENTS.md"]);

    const first = await run([], root);
    expect(first.code).toBe(0);
    expect(first.err).toBe("8 file(s) changed\n");
    for (const [path, text] of Object.entries(USER_FILES)) {
      if (path === ".gitignore") expect(read(root, path)).toBe(text);
      else if (path === ".claude/settings.json")
        expect(read(root, path).startsWith('{\n\t"model": "opus",\n')).toBe(true);
      else expect(read(root, path).startsWith(text)).toBe(true);
    }
    const settings = JSON.parse(read(root, ".claude/settings.json"));
    expect(settings.model).toBe("opus");
    expect(settings.permissions.allow).toEqual(["Bash(npm test)"]);
    expect(settings.permissions.deny).toContain("Read(**/.env.local)");
    expect(read(root, "CLAUDE.md")).toMatch(/^Read AGENTS\.md\.\n\n<!-- dotsecrets:begin -->/);

    const snapshot = Object.keys(USER_FILES).map((p) => read(root, p));
    const second = await run(["--json"], root);
    expect(second.err).toBe("");
    const report = JSON.parse(second.out) as { files: Array<{ path: string; action: string }> };
    expect(report.files.every((f) => f.action === "ok")).toBe(true);
    expect(Object.keys(USER_FILES).map((p) => read(root, p))).toEqual(snapshot);
  });

  it("refuses a settings.json that is not JSON, writing nothing", async () => {
    const root = tree({ ".claude/settings.json": "{ nope" });
    await expect(run([], root)).rejects.toThrow(/settings\.json: not valid JSON/);
    expect(read(root, ".claude/settings.json")).toBe("{ nope");
  });
});
