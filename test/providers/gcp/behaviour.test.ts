/**
 * GCP-specific behaviour beyond the shared contract: checksums, labels and annotations,
 * replication, disabling added versions, configuration, and credentials.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { parseGcpSettings } from "../../../providers/gcp/settings.js";
import { openGcpProvider } from "../../../providers/gcp.js";
import { canDisableVersions } from "../../../providers/types.js";
import { UserError } from "../../../src/core/errors.js";
import { type GcpEmulator, startGcpEmulator } from "../../emulators/gcp.js";
import { slowCrc32c } from "../../emulators/gcp-store.js";
import { rejection } from "../../helpers/rejection.js";
import { gcpProvider, storedSecret, TEST_PROJECT } from "../gcp-helpers.js";

let emu: GcpEmulator;
beforeAll(async () => {
  emu = await startGcpEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

const stored = (name: string) => storedSecret(emu, name);

describe("gcp provider behaviour", () => {
  test("adds send their CRC-32C; a damaged read is caught and never returned", async () => {
    const provider = await gcpProvider(emu, {
      retry: { attempts: 2, baseDelayMs: 1, throttleDelayMs: 1, maxDelayMs: 1 },
    });
    await provider.put("crc/dev/A", "payload");
    const version = stored("crc/dev/A")!.versions[0]!;
    expect(version.clientChecksum).toBe(true);
    expect(version.crc32c).toBe(String(slowCrc32c(Buffer.from("payload"))));
    version.crc32c = String((slowCrc32c(Buffer.from("payload")) + 1) >>> 0);
    const error = await rejection(provider.getMany([{ name: "crc/dev/A" }]));
    expect(error.message).toMatch(/CRC-32C/);
    expect(error.message).not.toContain("payload");
    await provider.close?.();
  });

  test("ids, scope labels, caller labels as annotations, description; labels replaced on a later put", async () => {
    const provider = await gcpProvider(emu);
    await provider.put("My.App/prod/DB_URL", "x", {
      labels: { app: "My.App", env: "prod" },
      description: "db",
    });
    const secret = stored("My.App/prod/DB_URL")!;
    expect(secret.id).toBe("-4d792e417070--prod--DB_URL");
    expect(secret.labels).toEqual({
      "managed-by": "dotsecrets",
      "dotsecrets-app": "_my_-_app",
      "dotsecrets-env": "prod",
    });
    expect(secret.annotations).toEqual({ app: "My.App", env: "prod", "dotsecrets.description": "db" });
    expect(secret.replication).toMatchObject({ automatic: {} });
    expect((await provider.describe("My.App/prod/DB_URL"))?.labels).toEqual({ app: "My.App", env: "prod" });
    const unchanged = await provider.put("My.App/prod/DB_URL", "x", {
      labels: { app: "My.App", env: "staging" },
    });
    expect(unchanged.unchanged).toBe(true);
    expect(secret.annotations).toEqual({ app: "My.App", env: "staging", "dotsecrets.description": "db" });
    expect((await provider.list("My.App/prod/")).items.map((i) => i.name)).toEqual(["My.App/prod/DB_URL"]);
    await provider.close?.();
  });

  test("user-managed replication on request", async () => {
    const provider = await gcpProvider(emu, { locations: ["europe-west1", "europe-west4"] });
    await provider.put("rep/dev/A", "a");
    expect(stored("rep/dev/A")!.replication).toMatchObject({
      userManaged: { replicas: [{ location: "europe-west1" }, { location: "europe-west4" }] },
    });
    await provider.close?.();
  });

  test("disableVersions retracts only the added version; reads fall back to the newest enabled one", async () => {
    const provider = await gcpProvider(emu);
    expect(canDisableVersions(provider)).toBe(true);
    const before = await provider.put("undo/dev/A", "original");
    const added = await provider.put("undo/dev/A", "migrated");
    await provider.disableVersions([{ name: "undo/dev/A", version: added.version }]);
    expect(
      await provider.getMany([{ name: "undo/dev/A" }, { name: "undo/dev/A", version: added.version }]),
    ).toEqual([
      { ok: true, name: "undo/dev/A", version: before.version, value: "original" },
      { ok: false, name: "undo/dev/A", version: added.version, reason: "version-not-found" },
    ]);
    expect(await provider.describe("undo/dev/A")).toMatchObject({ version: before.version, versionCount: 2 });
    await provider.disableVersions([
      { name: "undo/dev/A", version: added.version },
      { name: "undo/dev/GONE", version: "3" },
    ]);
    expect(await provider.put("undo/dev/A", "original")).toMatchObject({
      unchanged: true,
      version: before.version,
    });
    await provider.close?.();
  });

  test("ids other tools made in the project are not listed", async () => {
    const provider = await gcpProvider(emu);
    await provider.put("mine/dev/A", "a");
    emu.state.createSecret({
      parent: `projects/${TEST_PROJECT}`,
      secretId: "mine--dev--B",
      secret: { replication: { replication: "automatic", automatic: {} } },
    });
    expect((await provider.list("")).items.map((i) => i.name)).toEqual(["mine/dev/A"]);
    await provider.close?.();
  });
});

describe("gcp configuration", () => {
  test("project from settings, then GOOGLE_CLOUD_PROJECT; endpoint from the variable, then settings", () => {
    expect(parseGcpSettings({ project: "from-file" }, { GOOGLE_CLOUD_PROJECT: "from-env" }).project).toBe(
      "from-file",
    );
    expect(parseGcpSettings({}, { GOOGLE_CLOUD_PROJECT: "from-env" }).project).toBe("from-env");
    expect(
      parseGcpSettings({ endpoint: "localhost:1" }, { DOTSECRETS_GCP_ENDPOINT: "127.0.0.1:2" }).endpoint,
    ).toEqual({
      host: "127.0.0.1",
      port: 2,
      plaintext: true,
    });
    expect(parseGcpSettings({ endpoint: "[::1]:9" }, {}).endpoint).toMatchObject({
      host: "::1",
      plaintext: true,
    });
    expect(parseGcpSettings({ endpoint: "secretmanager.example.com:443" }, {}).endpoint).toMatchObject({
      plaintext: false,
    });
    for (const bad of [
      { endpoint: "no-port" },
      { project: "Bad_Project" },
      { locations: "eu" },
      { timeoutMs: -1 },
      { colour: 1 },
    ]) {
      expect(() => parseGcpSettings(bad, {}), JSON.stringify(bad)).toThrow(UserError);
    }
  });

  test("a loopback endpoint without a project fails with CONFIG at first use, contacting nothing", async () => {
    const provider = await openGcpProvider({ settings: {}, env: { DOTSECRETS_GCP_ENDPOINT: emu.endpoint } });
    const error = await rejection(provider.getMany([{ name: "a/b/C" }]));
    expect(error.code).toBe("CONFIG");
    expect(error.hint).toContain("GOOGLE_CLOUD_PROJECT");
    expect(emu.totalCalls()).toBe(0);
    await provider.close?.();
  });

  test("without an endpoint and without credentials: PROVIDER_AUTH, and no connection off this machine", async () => {
    const home = process.env.HOME;
    const adc = process.env.GOOGLE_APPLICATION_CREDENTIALS;
    process.env.HOME = emu.endpoint; // a directory that does not exist: no gcloud credentials
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    try {
      const provider = await openGcpProvider({
        settings: { project: "some-project", timeoutMs: 2000 },
        env: {},
      });
      const error = await rejection(provider.getMany([{ name: "a/b/C" }]));
      expect(error.code).toBe("PROVIDER_AUTH");
      expect(error.hint).toContain("gcloud auth application-default login");
      await provider.close?.();
    } finally {
      process.env.HOME = home;
      if (adc !== undefined) process.env.GOOGLE_APPLICATION_CREDENTIALS = adc;
    }
  });
});
