/**
 * The data behind the wizard: provider readiness from the environment, the redacted stub preview
 * (no value in either side of the diff), and the keys an earlier migration already decided.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { buildInventory } from "../../src/inventory/index.js";
import { candidateKeys, earlierChoices } from "../../src/migrate/choices.js";
import { buildPlan } from "../../src/migrate/plan.js";
import { checkWriteAccess, providerReadiness } from "../../src/migrate/readiness.js";
import { stubPreviews } from "../../src/migrate/stub-preview.js";
import { unifiedDiff } from "../../src/ui/diff.js";
import { tempDir } from "../helpers/cli.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

describe("providerReadiness", () => {
  const none = () => false;
  it("local is always ready; clouds are ready with credentials and say why", () => {
    const bare = providerReadiness({}, none, "/nowhere");
    expect(bare.map((r) => [r.kind, r.usable])).toEqual([
      ["local", true],
      ["aws", false],
      ["gcp", false],
    ]);
    expect(bare[1]!.why).toContain("aws configure");
    const aws = providerReadiness({ AWS_PROFILE: "dev", AWS_REGION: "eu-west-1" }, none, "/nowhere")[1]!;
    expect(aws).toMatchObject({ usable: true, setting: "eu-west-1" });
    expect(aws.why).toContain("AWS_PROFILE");
    const adc = "/home/x/.config/gcloud/application_default_credentials.json";
    const gcp = providerReadiness({ GOOGLE_CLOUD_PROJECT: "p-123456" }, (p) => p === adc, "/home/x")[2]!;
    expect(gcp).toMatchObject({ usable: true, setting: "p-123456" });
  });

  it("the local store can always write, without a probe", async () => {
    const provider = openLocalProvider({ settings: {}, env: { DOTSECRETS_HOME: tempDir() } });
    expect(await checkWriteAccess(provider, "shop")).toEqual({ ok: true });
  });
});

describe("stub previews and earlier choices", () => {
  const secret = `${PREFIX.stripeLive}${randomAlnum(24)}`;
  const kept = `${PREFIX.github}${randomAlnum(30)}`;

  function setup() {
    const root = tempDir("dotsecrets-wizard-data-");
    writeFileSync(join(root, ".env"), `# comment\nSTRIPE_KEY="${secret}"\nGH_TOKEN=${kept}\nPORT=3000\n`);
    const provider = openLocalProvider({ settings: {}, env: { DOTSECRETS_HOME: tempDir() } });
    return { root, provider };
  }

  it("shows references and redacted previews, never a value, on both sides of the diff", async () => {
    const { root, provider } = setup();
    const { plan } = await buildPlan({
      root,
      provider,
      app: "shop",
      layout: "per-key",
      header: ["# stub"],
      only: ["STRIPE_KEY"],
    });
    const [preview] = await stubPreviews(root, plan);
    const diff = unifiedDiff(preview!.path, preview!.before, preview!.after);
    expect(diff).toContain('-STRIPE_KEY="sk_l…(32 chars)"');
    expect(diff).toContain('+STRIPE_KEY="secret://local/shop/development/STRIPE_KEY"');
    expect(diff).toContain(" GH_TOKEN=ghp_…(34 chars)"); // not moved: a context line, still redacted
    expect(diff).toContain(" PORT=3000");
    for (const value of [secret, kept])
      expect(`${preview!.before}${preview!.after}${diff}`).not.toContain(value);
  });

  it("keys kept or left out by an earlier migration are decided; a new key is not", async () => {
    const { root } = setup();
    const earlier = {
      kept: new Set([".env\0PORT", ".env\0GH_TOKEN"]),
      envMap: { ".env": "development" },
      migrations: 1,
    };
    const inventory = await buildInventory({ root });
    const keys = await candidateKeys(inventory, earlier);
    expect(keys.filter((k) => !k.decided).map((k) => k.key)).toEqual(["STRIPE_KEY"]);
    expect(JSON.stringify(keys)).not.toContain(secret);
    expect(await earlierChoices(root)).toEqual({ kept: new Set(), envMap: {}, migrations: 0 });
  });
});
