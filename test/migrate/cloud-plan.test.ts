/** The config step's dotsecrets.json edit and the plan's cost figures. */
import { describe, expect, it } from "vitest";
import { planCosts } from "../../src/migrate/costs.js";
import { configText } from "../../src/migrate/steps/project-files.js";
import type { Plan } from "../../src/migrate/types.js";

const plan = (files: Array<{ env: string; keys: string[] }>, layout: Plan["layout"] = "per-key"): Plan => ({
  version: 1,
  id: "x",
  createdAt: "",
  provider: "aws",
  app: "shop",
  layout,
  header: [],
  files: files.map((file, i) => ({
    path: `.env${i}`,
    env: file.env,
    hash: "",
    entryCount: file.keys.length,
    entries: file.keys.map((key, index) => ({
      key,
      line: index + 1,
      index,
      action: "move",
      kind: "secret",
      reason: "",
    })),
  })),
  writes: [],
  errors: [],
  warnings: [],
});

describe("configText", () => {
  it("creates dotsecrets.json with the provider settings chosen by flags", () => {
    const text = configText(undefined, {
      provider: "gcp",
      app: "shop",
      layout: "per-key",
      settings: { project: "p-123456" },
    });
    expect(JSON.parse(text!)).toEqual({
      provider: "gcp",
      app: "shop",
      layout: "per-key",
      providers: { gcp: { project: "p-123456" } },
    });
  });
  it("switches the provider of an existing file, keeping its fields, indentation and line endings", () => {
    const current =
      '{\r\n    "provider": "local",\r\n    "app": "shop",\r\n    "providers": { "aws": { "recoveryDays": 7 } }\r\n}\r\n';
    const text = configText(current, {
      provider: "aws",
      app: "shop",
      layout: "per-key",
      settings: { region: "eu-west-1" },
    })!;
    expect(JSON.parse(text)).toEqual({
      provider: "aws",
      app: "shop",
      providers: { aws: { recoveryDays: 7, region: "eu-west-1" } },
    });
    expect(text).toContain('\r\n    "app"');
  });
  it("changes nothing when the file already says so", () => {
    expect(
      configText('{"provider":"aws"}', { provider: "aws", app: "x", layout: "per-key" }),
    ).toBeUndefined();
    expect(configText("not json", { provider: "aws", app: "x", layout: "per-key" })).toBeUndefined();
  });
});

describe("planCosts", () => {
  it("prices both layouts for the keys moved per environment", () => {
    const costs = planCosts(
      plan([
        { env: "development", keys: ["A", "B", "C"] },
        { env: "production", keys: ["A", "B"] },
      ]),
      "aws",
    );
    expect(costs).toMatchObject({ keys: 3, environments: 2, chosen: "per-key" });
    expect(costs.perKey).toMatchObject({ secrets: 5, monthly: 2, callsPerRun: 1 });
    expect(costs.bundle).toMatchObject({ secrets: 2, monthly: 0.8, callsPerRun: 1 });
    expect(costs.price.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it("bills GCP per replica location, one read per secret, and local nothing", () => {
    const keys = Array.from({ length: 25 }, (_, i) => `K${i}`);
    const gcp = planCosts(plan([{ env: "production", keys }], "bundle"), "gcp", 2);
    expect(gcp.perKey).toMatchObject({ secrets: 25, monthly: 3, callsPerRun: 25 });
    expect(gcp.bundle).toMatchObject({ secrets: 1, monthly: 0.12 });
    expect(gcp.chosen).toBe("bundle");
    expect(planCosts(plan([{ env: "production", keys }]), "local").perKey.monthly).toBe(0);
  });
});
