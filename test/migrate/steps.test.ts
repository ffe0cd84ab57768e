/**
 * The step pipeline: a throwaway step kind, written only against the step contract, gets
 * journaling, crash-resume at every boundary and byte-for-byte undo with no change to the resume
 * or undo code. Also the change-record primitives (splice back, marked blocks).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { applyMigration } from "../../src/migrate/apply.js";
import { appendBlock, spliceBack } from "../../src/migrate/changes.js";
import { loadJournals, newJournal } from "../../src/migrate/journal.js";
import { buildPlan } from "../../src/migrate/plan.js";
import { type MigrationStep, stepsOf } from "../../src/migrate/steps/index.js";
import { undoMigration } from "../../src/migrate/undo.js";
import { readTree, tempDir } from "../helpers/cli.js";

/** A step no production code knows: edits a README in the middle and creates a notes file. */
const notesStep: MigrationStep = {
  id: "notes",
  async run(ctx) {
    const readme = readFileSync(join(ctx.root, "README.md"), "utf8");
    await ctx.write({
      path: "README.md",
      next: readme.replace("## Usage", "## Usage\r\n\r\nRun with `secrets run`."),
    });
    await ctx.write({ path: "docs/notes.txt", next: "written by the notes step\n" });
  },
};

class Crash extends Error {}

function project() {
  const root = tempDir("dotsecrets-steps-");
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "shop" }));
  writeFileSync(
    join(root, ".env"),
    "API_KEY=abcdef123456abcdef\r\nPORT=3000\r\nDB_PASSWORD=hunter2hunter2x\r\n",
  );
  writeFileSync(join(root, "README.md"), "# Shop\r\n\r\n## Usage\r\n\r\nnpm start\r\n");
  mkdirSync(join(root, "docs"));
  const home = tempDir("dotsecrets-steps-home-");
  return { root, provider: openLocalProvider({ settings: {}, env: { DOTSECRETS_HOME: home } }) };
}

const steps = () => [...stepsOf(), notesStep];

/** Plans and applies a fresh migration of `root` with every step, the notes step included. */
async function migrate(root: string, provider: ReturnType<typeof project>["provider"], step?: () => void) {
  const { plan } = await buildPlan({ root, provider, app: "shop", layout: "per-key", header: ["# stub"] });
  return applyMigration({
    root,
    provider,
    journal: newJournal(plan),
    steps: steps(),
    ...(step && { hooks: { step } }),
  });
}

describe("a new step kind gets journaling, resume and undo for free", () => {
  it("is undone byte for byte", async () => {
    const { root, provider } = project();
    const before = readTree(root);
    const journal = await migrate(root, provider);
    expect(journal.state).toBe("done");
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain("Run with `secrets run`.");
    expect(journal.changes.map((c) => `${c.step}:${c.path}`)).toContain("notes:docs/notes.txt");
    await undoMigration({ root, provider, journal });
    expect(existsSync(join(root, "docs/notes.txt"))).toBe(false);
    const after = readTree(root, (path) => path.includes(".dotsecrets"));
    expect(after).toEqual(before);
  });

  it("resumes after a crash at every step boundary, then undoes byte for byte", async () => {
    // How many boundaries a whole migration passes, counted on a run that does not crash.
    let total = 0;
    {
      const { root, provider } = project();
      const done = await migrate(root, provider, () => void total++);
      expect(done.state).toBe("done");
    }
    expect(total).toBeGreaterThan(8);
    /** Crashes a fresh migration at boundary `at`, resumes it, undoes it, and compares the tree. */
    const crashAt = async (at: number) => {
      const { root, provider } = project();
      const before = readTree(root);
      let count = 0;
      const crash = () => {
        if (++count === at) throw new Crash(`boundary ${at}`);
      };
      const crashed = await migrate(root, provider, crash).then(
        () => false,
        (error: unknown) => {
          if (!(error instanceof Crash)) throw error;
          return true;
        },
      );
      expect(crashed, `boundary ${at}`).toBe(true);
      const [journal] = await loadJournals(root);
      const resumed = await applyMigration({ root, provider, journal: journal!, steps: steps() });
      expect(resumed.state, `boundary ${at}`).toBe("done");
      expect(readFileSync(join(root, "docs/notes.txt"), "utf8")).toBe("written by the notes step\n");
      await undoMigration({ root, provider, journal: resumed });
      expect(
        readTree(root, (path) => path.includes(".dotsecrets")),
        `boundary ${at}`,
      ).toEqual(before);
    };
    // Every boundary, three projects at a time (each has its own folder and store).
    const all = Array.from({ length: total }, (_, i) => i + 1);
    for (let i = 0; i < all.length; i += 3) await Promise.all(all.slice(i, i + 3).map(crashAt));
  }, 120_000);
});

describe("change records", () => {
  it("splices back the smallest differing region", () => {
    for (const [before, after] of [
      ["abc", "abXc"],
      ["", "new"],
      ["same", "same"],
      ["a\r\nb\r\n", "a\r\nzz\r\nb\r\n"],
      ["xyzxyz", "xyz"],
    ] as const) {
      const restore = spliceBack(before, after);
      if (restore.type !== "splice") throw new Error("expected a splice");
      expect(after.slice(0, restore.start) + restore.text + after.slice(restore.start + restore.length)).toBe(
        before,
      );
    }
  });

  it("appends a block once, in the file's line endings, and knows how to take it out", () => {
    const edit = appendBlock("node_modules\r\ndist", ["# ours", ".env.local"]);
    expect(edit?.next).toBe("node_modules\r\ndist\r\n# ours\r\n.env.local\r\n");
    expect(edit?.restore).toMatchObject({ type: "block", separated: true, created: false });
    expect(appendBlock(edit!.next, ["# ours", ".env.local"])).toBeUndefined();
    expect(appendBlock(undefined, ["x"])?.restore).toMatchObject({ created: true });
  });
});

describe("the agents step", () => {
  it("merges agent files into the user's own, and undo takes out exactly what it added", async () => {
    const { root, provider } = project();
    mkdirSync(join(root, ".claude"));
    writeFileSync(
      join(root, ".claude/settings.json"),
      '{\n\t"model": "opus",\n\t"permissions": { "allow": ["Bash(ls)"] }\n}\n',
    );
    writeFileSync(join(root, "AGENTS.md"), "# Agents\n\nUse pnpm.\n");
    const before = readTree(root);
    const { plan } = await buildPlan({ root, provider, app: "shop", layout: "per-key", header: ["# stub"] });
    const journal = await applyMigration({ root, provider, journal: newJournal(plan) });
    const settings = JSON.parse(readFileSync(join(root, ".claude/settings.json"), "utf8"));
    expect(settings.model).toBe("opus");
    expect(settings.permissions.allow).toEqual(["Bash(ls)"]);
    expect(settings.permissions.deny.length).toBeGreaterThan(3);
    expect(readFileSync(join(root, "AGENTS.md"), "utf8")).toMatch(/^# Agents\n\nUse pnpm\.\n/);
    expect(existsSync(join(root, ".cursorignore"))).toBe(true);
    await undoMigration({ root, provider, journal });
    expect(readTree(root, (path) => path.includes(".dotsecrets"))).toEqual(before);
  });

  it("creates .claude/ when missing and removes it again on undo", async () => {
    const { root, provider } = project();
    const { plan } = await buildPlan({ root, provider, app: "shop", layout: "per-key", header: ["# stub"] });
    const journal = await applyMigration({ root, provider, journal: newJournal(plan) });
    expect(existsSync(join(root, ".claude/settings.json"))).toBe(true);
    await undoMigration({ root, provider, journal });
    expect(existsSync(join(root, ".claude"))).toBe(false);
  });
});
