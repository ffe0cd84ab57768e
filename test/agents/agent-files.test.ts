import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claudeDenyRules } from "../../src/agents/claude-settings.js";
import {
  AGENT_FILES,
  type AgentFacts,
  applySplice,
  planAgentFile,
  planAgentFiles,
  revertAgentChange,
} from "../../src/agents/index.js";

const facts: AgentFacts = {
  provider: "the dotsecrets local encrypted store (outside this project)",
  storeDirs: ["~/.local/share/dotsecrets"],
};
const spec = (path: string) => AGENT_FILES.find((s) => s.path === path)!;

/** Plans a file, applies the plan, checks the inverse and that a second run plans nothing. */
function roundTrip(path: string, before: string | undefined): string {
  const splice = planAgentFile(spec(path), before, facts);
  expect(splice, "a first run changes the file").toBeDefined();
  const after = applySplice(before ?? "", splice!);
  expect(planAgentFile(spec(path), after, facts), "a second run changes nothing").toBeUndefined();
  expect(revertAgentChange(after, { created: before === undefined, splice: splice! })).toBe(before);
  return after;
}

describe(".claude/settings.json", () => {
  const rules = claudeDenyRules(facts);

  it("creates a file holding only our deny rules", () => {
    const after = roundTrip(".claude/settings.json", undefined);
    expect(JSON.parse(after)).toEqual({ permissions: { deny: rules } });
    expect(after).toMatch(/^\{\n {2}"permissions": \{\n {4}"deny": \[\n {6}"Read/);
    expect(rules).toContain("Bash(secrets get *)");
    expect(rules).toContain("Read(~/.local/share/dotsecrets/**)");
  });

  it("keeps every key the user had, their order and their 4-space indentation", () => {
    const before = `{\n    "model": "opus",\n    "permissions": {\n        "allow": ["Bash(npm test)"],\n        "deny": [\n            "Bash(rm -rf *)"\n        ]\n    },\n    "env": { "FOO": "1" }\n}\n`;
    const after = roundTrip(".claude/settings.json", before);
    const parsed = JSON.parse(after);
    expect(parsed.model).toBe("opus");
    expect(parsed.env).toEqual({ FOO: "1" });
    expect(parsed.permissions.allow).toEqual(["Bash(npm test)"]);
    expect(parsed.permissions.deny).toEqual(["Bash(rm -rf *)", ...rules]);
    expect(after).toContain(`            "Bash(rm -rf *)",\n            "Read(**/.env.local)",`);
    expect(after.startsWith(`{\n    "model": "opus",\n`)).toBe(true);
    expect(after.endsWith(`    "env": { "FOO": "1" }\n}\n`)).toBe(true);
  });

  it("adds only the rules that are missing", () => {
    const before = JSON.stringify({ permissions: { deny: [rules[0], "X"] } }, null, "\t");
    const after = roundTrip(".claude/settings.json", before);
    const deny = JSON.parse(after).permissions.deny as string[];
    expect(deny.filter((r) => r === rules[0])).toHaveLength(1);
    expect(deny.slice(0, 2)).toEqual([rules[0], "X"]);
    expect(after).toContain(`\n\t\t\t"Read(**/.env.*.local)"`);
  });

  it("handles tabs, CRLF, a BOM, inline arrays, empty objects and no permissions key", () => {
    for (const before of [
      "{}",
      "{ }\n",
      '\uFEFF{\r\n  "a": 1\r\n}\r\n',
      '{"permissions": {"deny": []}}',
      '{"permissions": {"deny": ["A", "B"]}, "b": [1, 2]}',
      '{\n\t"permissions": {\n\t\t"ask": []\n\t}\n}',
    ]) {
      const after = roundTrip(".claude/settings.json", before);
      expect(JSON.parse(after.replace(/^\uFEFF/, "")).permissions.deny).toEqual(
        expect.arrayContaining(rules),
      );
      if (before.includes("\r\n")) expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    }
  });

  it("refuses, changing nothing, when the file is not JSON or has other types", () => {
    for (const before of ["{", "[]", '{"permissions": []}', '{"permissions": {"deny": "x"}}', "{} x"]) {
      expect(() => planAgentFile(spec(".claude/settings.json"), before, facts)).toThrow(/settings\.json/);
    }
  });
});

describe("ignore files and AGENTS.md", () => {
  it("appends a marked block after the user's lines, once", () => {
    const before = "node_modules/\n# mine\n.env.local\n";
    const after = roundTrip(".cursorignore", before);
    expect(after.startsWith(before)).toBe(true);
    expect(after).toContain("# dotsecrets:begin");
    expect(after).toContain("\n.env.*.local\n");
    expect(after.endsWith("# dotsecrets:end\n")).toBe(true);
  });

  it("adds a line break to a file without one, and keeps CRLF files CRLF", () => {
    expect(roundTrip(".geminiignore", "dist")).toMatch(/^dist\n# dotsecrets:begin/);
    const crlf = roundTrip(".aiderignore", "a\r\nb\r\n");
    expect(crlf.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("replaces an older dotsecrets block in place instead of adding a second one", () => {
    const before = "top\n# dotsecrets:begin old\n.env.local\n# dotsecrets:end\nbottom\n";
    const after = roundTrip(".aiexclude", before);
    expect(after.startsWith("top\n# dotsecrets:begin (added")).toBe(true);
    expect(after.endsWith("# dotsecrets:end\nbottom\n")).toBe(true);
    expect(after.match(/dotsecrets:begin/g)).toHaveLength(1);
  });

  it("AGENTS.md: appends our section after a blank line, or replaces it in place", () => {
    const before = "# Project\n\nRun `npm test`.\n";
    const after = roundTrip("AGENTS.md", before);
    expect(after).toMatch(/^# Project\n\nRun `npm test`\.\n\n<!-- dotsecrets:begin -->\n## Secrets/);
    expect(after).toContain("the dotsecrets local encrypted store");
    const moved = after.replace("the dotsecrets local encrypted store (outside this project)", "AWS");
    const again = roundTrip("AGENTS.md", `${moved}\n## After\n`);
    expect(again.endsWith("<!-- dotsecrets:end -->\n\n## After\n")).toBe(true);
  });

  it("any user text: plan, apply, plan again is empty, inverse gives the bytes back", () => {
    const text = fc.oneof(
      fc.constant(undefined),
      fc.stringMatching(/^[a-z#*.\n\r /!<>-]{0,60}$/),
      fc.constantFrom("x\n<!-- dotsecrets:begin -->\n", "# dotsecrets:end\n# dotsecrets:begin\n"),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(".codeiumignore", "AGENTS.md", "CLAUDE.md"), (before, path) => {
        const splice = planAgentFile(spec(path), before, facts);
        if (!splice) return;
        const after = applySplice(before ?? "", splice);
        expect(planAgentFile(spec(path), after, facts)).toBeUndefined();
        expect(revertAgentChange(after, { created: before === undefined, splice })).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});

describe("planAgentFiles", () => {
  it("writes CLAUDE.md only when it exists, and a second pass plans nothing", () => {
    const files = new Map<string, string>([["AGENTS.md", "# mine\n"]]);
    const first = planAgentFiles((p) => files.get(p), facts);
    expect(first.map((c) => c.path)).not.toContain("CLAUDE.md");
    expect(first.find((c) => c.path === "AGENTS.md")?.created).toBe(false);
    for (const change of first) files.set(change.path, change.after);
    expect(planAgentFiles((p) => files.get(p), facts)).toEqual([]);
    files.set("CLAUDE.md", "claude\n");
    expect(planAgentFiles((p) => files.get(p), facts).map((c) => c.path)).toEqual(["CLAUDE.md"]);
  });
});
