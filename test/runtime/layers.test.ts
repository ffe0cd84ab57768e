/** layers.ts: which stubs an injection reads and how they layer (docs/layering.md). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { Project } from "../../src/core/project.js";
import { parseEnv } from "../../src/envfile/index.js";
import { chooseLayers, layerNames, mergeLayers, noLayersError } from "../../src/runtime/layers.js";
import { tempDir } from "../helpers/cli.js";

function tree(files: string[], config: Project["config"] = {}): Project {
  const root = tempDir("dotsecrets-layers-");
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), "A=1\n");
  }
  return { root, config, configured: true };
}

const chosen = (project: Project, cwd: string, envName: string, files?: string[]) =>
  chooseLayers({ project, cwd: join(project.root, cwd), envName, ...(files && { files }) }).files.map(
    (file) => relative(project.root, file),
  );

describe("chooseLayers", () => {
  const all = [
    ".env",
    ".env.local",
    ".env.development",
    ".env.development.local",
    ".env.production",
    ".env.test",
  ];

  it("reads .env, .env.local, .env.<env>, .env.<env>.local, most specific last", () => {
    const project = tree(all);
    expect(chosen(project, "", "development")).toEqual([
      ".env",
      ".env.local",
      ".env.development",
      ".env.development.local",
    ]);
    expect(chosen(project, "", "production")).toEqual([".env", ".env.local", ".env.production"]);
  });

  it("skips .env.local for test", () => {
    expect(layerNames("test")).toEqual([".env", ".env.test", ".env.test.local"]);
    expect(chosen(tree(all), "", "test")).toEqual([".env", ".env.test"]);
  });

  it("reads every folder from the root down to the working directory, deeper ones winning", () => {
    const project = tree([
      ".env",
      ".env.local",
      "services/api/.env",
      "services/api/.env.local",
      "services/worker/.env",
    ]);
    expect(chosen(project, "services/api", "development")).toEqual([
      ".env",
      ".env.local",
      "services/api/.env",
      "services/api/.env.local",
    ]);
    expect(chosen(project, "services", "development")).toEqual([".env", ".env.local"]);
  });

  it("reads a file mapped by hand only for its environment, from any folder", () => {
    const project = tree([".env", "services/worker/.env"], {
      environments: { "services/worker/.env": "worker-dev" },
    });
    expect(chosen(project, "services/worker", "development")).toEqual([".env"]);
    expect(chosen(project, "", "worker-dev")).toEqual([".env", "services/worker/.env"]);
  });

  it("takes an explicit list with the first file winning, and refuses a missing one", () => {
    const project = tree([".env", ".env.production"]);
    expect(chosen(project, "", "development", [".env.production", ".env"])).toEqual([
      ".env",
      ".env.production",
    ]);
    expect(() => chosen(project, "", "development", [".env.staging"])).toThrow(
      /\.env\.staging does not exist/,
    );
  });

  it("when nothing is in reach, the error names what was looked for and where the stubs are", () => {
    const project = tree(["services/api/.env"], {
      files: { "services/api/.env": { app: "api", env: "development" } },
    });
    expect(chosen(project, "", "development")).toEqual([]);
    const error = noLayersError({ project, cwd: project.root, envName: "development" });
    expect(error.message).toContain(".env, .env.local, .env.development, .env.development.local");
    expect(error.hint).toContain("services/api/");
  });
});

describe("mergeLayers", () => {
  it("keeps the most specific assignment per key and says which file gave it", () => {
    const base = parseEnv("A=secret://local/x/development/A\nB=plain\nB=plain-again\n", ".env");
    const local = parseEnv("A=secret://local/x/development-local/A\n", ".env.local");
    const { entries, explain } = mergeLayers([base, local]);
    expect(entries.map((entry) => entry.where)).toEqual([".env.local:1 A", ".env:3 B"]);
    expect(explain).toEqual([
      {
        key: "A",
        file: ".env.local",
        line: 1,
        source: "reference",
        name: "x/development-local/A",
        overrides: [".env"],
      },
      { key: "B", file: ".env", line: 3, source: "plain", overrides: [] },
    ]);
    expect(JSON.stringify(explain)).not.toContain("plain-again");
    expect(() => mergeLayers([base], ["C"])).toThrow(/no entry for C/);
  });
});
