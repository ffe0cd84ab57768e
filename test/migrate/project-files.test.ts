/**
 * The config and gitignore steps: an existing dotsecrets.json is updated (every migrated file's
 * scope, --env-map choices) as a change record undo takes back byte for byte; .gitignore gets every
 * local pattern one of whose names it does not ignore yet.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { loadProject } from "../../src/core/project.js";
import { applyMigration } from "../../src/migrate/apply.js";
import { newJournal } from "../../src/migrate/journal.js";
import { buildPlan } from "../../src/migrate/plan.js";
import { undoMigration } from "../../src/migrate/undo.js";
import { tempDir } from "../helpers/cli.js";

const header = ["# Managed by dotsecrets"];

function project(files: Record<string, string>) {
  const root = tempDir("dotsecrets-project-files-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const provider = openLocalProvider({
    settings: {},
    env: { DOTSECRETS_HOME: tempDir("dotsecrets-pf-home-") },
  });
  return { root, provider };
}

async function migrate(root: string, provider: ReturnType<typeof openLocalProvider>, envMap = {}) {
  const { plan } = await buildPlan({ root, provider, app: "shop", layout: "per-key", header, envMap });
  expect(plan.errors).toEqual([]);
  return applyMigration({ root, provider, journal: newJournal(plan) });
}

describe("config step", () => {
  it("updates an existing dotsecrets.json with every file's scope and env-map, and undo splices it back", async () => {
    const config = '{\n  "provider": "local",\n  "app": "shop",\n  "providers": { "local": {} }\n}\n';
    const { root, provider } = project({
      "dotsecrets.json": config,
      ".env": "API_KEY=key-aaaaaaaaaaaaaaaa\n",
      "worker/.env": "API_KEY=key-bbbbbbbbbbbbbbbb\n",
    });
    const journal = await migrate(root, provider, { "worker/.env": "worker-dev" });
    const written = loadProject(root).config;
    expect(written.files).toEqual({
      ".env": { app: "shop", env: "development" },
      "worker/.env": { app: "shop", env: "worker-dev" },
    });
    expect(written.environments).toEqual({ "worker/.env": "worker-dev" });
    expect(written.providers).toEqual({ local: {} });
    const record = journal.changes.find((change) => change.path === "dotsecrets.json");
    expect(record?.restore.type).toBe("splice");
    await undoMigration({ root, provider, journal });
    expect(readFileSync(join(root, "dotsecrets.json"), "utf8")).toBe(config);
  });

  it("a later migration keeps the names recorded for files already migrated", async () => {
    const { root, provider } = project({ ".env": "API_KEY=key-aaaaaaaaaaaaaaaa\n" });
    await migrate(root, provider);
    // The folder now gets a .env.development: by the name rule .env would become "default", but
    // it was migrated as development and keeps that name.
    writeFileSync(join(root, ".env.development"), "OTHER_TOKEN=tok-cccccccccccccccc\n");
    const { plan } = await buildPlan({ root, provider, app: "shop", layout: "per-key", header });
    expect(plan.files.find((f) => f.path === ".env")?.env).toBe("development");
  });
});

describe("stubs step progress", () => {
  it("counts only the files that get a stub, as the summary does", async () => {
    const { root, provider } = project({
      ".env": "API_KEY=key-aaaaaaaaaaaaaaaa\n",
      ".env.production": "PORT=8080\n",
      "worker/.env": "LOG_LEVEL=info\n",
    });
    const { plan } = await buildPlan({ root, provider, app: "shop", layout: "per-key", header });
    const events: string[] = [];
    const journal = await applyMigration({
      root,
      provider,
      journal: newJournal(plan),
      hooks: { progress: (event) => event.phase === "stub" && events.push(`${event.done}/${event.total}`) },
    });
    expect(events).toEqual(["1/1"]);
    expect(new Set(journal.changes.filter((c) => c.step === "stubs").map((c) => c.path)).size).toBe(1);
  });
});

describe("gitignore step", () => {
  it("adds .env.*.local when .gitignore lists only .env.production.local", async () => {
    const { root, provider } = project({
      ".gitignore": "node_modules\n.env.local\n.env.production.local\n",
      ".env": "API_KEY=key-aaaaaaaaaaaaaaaa\n",
    });
    await migrate(root, provider);
    const text = readFileSync(join(root, ".gitignore"), "utf8");
    expect(text).toMatch(/^\.env\.\*\.local$/m);
    expect(text.match(/^\.env\.local$/gm)).toHaveLength(1);
  });

  it("adds nothing when every local name is ignored", async () => {
    const ignore = "node_modules\n.env*.local\n";
    const { root, provider } = project({ ".gitignore": ignore, ".env": "API_KEY=key-aaaaaaaaaaaaaaaa\n" });
    await migrate(root, provider);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe(ignore);
  });
});
