// The doctor's Node line: said once by the doctor for AWS under Node < 22 (the SDK's own notice is
// kept out of every command's output), absent otherwise.
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/doctor/checks.js";
import type { DoctorFacts } from "../../src/doctor/types.js";

function facts(provider: string, node: string): DoctorFacts {
  return {
    config: { ok: true, configured: true, provider, app: "shop" },
    provider: { ok: true, kind: provider, listed: 3 },
    references: [],
    plaintext: [],
    gitignoreMissing: [],
    agentFiles: [],
    dependency: { importers: [], declared: undefined },
    hook: { git: false },
    shadowed: [],
    env: "development",
    node,
  } as DoctorFacts;
}

describe("doctor: Node version for the AWS SDK", () => {
  it("warns for aws under Node 20, with the fix", () => {
    const line = runChecks(facts("aws", "v20.19.0")).find((l) => l.id === "node");
    expect(line).toMatchObject({ status: "warn", fix: "upgrade Node to 22 LTS before updating dotsecrets" });
    expect(line?.summary).toContain("v20.19.0");
  });

  it("says nothing for aws under Node 22, or for another provider", () => {
    expect(runChecks(facts("aws", "v22.11.0")).some((l) => l.id === "node")).toBe(false);
    expect(runChecks(facts("gcp", "v20.19.0")).some((l) => l.id === "node")).toBe(false);
    expect(runChecks(facts("local", "v20.19.0")).some((l) => l.id === "node")).toBe(false);
  });
});
