/**
 * The GCP provider under faults, through the emulator: throttling and outages at scale, writes
 * that all fail, lost answers, deadlines on every call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type GcpEmulator, startGcpEmulator } from "../../emulators/gcp.js";
import { randomAlnum } from "../../helpers/fake-secrets.js";
import { rejection } from "../../helpers/rejection.js";
import { FAST_SETTINGS, gcpProvider, storedSecret } from "../gcp-helpers.js";

/** Keys written under faults: 200 in the long run (npm run test:crash), 80 by default. */
const FAULT_KEYS = process.env.DOTSECRETS_CRASH_CAMPAIGN === "1" ? 200 : 80;

let emu: GcpEmulator;
beforeAll(async () => {
  emu = await startGcpEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

const WRITES = ["CreateSecret", "AddSecretVersion", "UpdateSecret", "DeleteSecret", "DisableSecretVersion"];
const stored = (name: string) => storedSecret(emu, name);

describe("gcp provider under faults", () => {
  test(`30% RESOURCE_EXHAUSTED + 10% UNAVAILABLE: putMany of ${FAULT_KEYS} keys lands, every value verified`, async () => {
    const provider = await gcpProvider(emu, {
      retry: { attempts: 30, baseDelayMs: 1, throttleDelayMs: 1, maxDelayMs: 4 },
    });
    const items = Array.from({ length: FAULT_KEYS }, (_, i) => ({
      name: `faulty/prod/KEY_${String(i).padStart(3, "0")}`,
      value: `v-${i}-${randomAlnum(24)}`,
      options: { labels: { app: "faulty", env: "prod" } },
    }));
    emu.faults.rates = { RESOURCE_EXHAUSTED: 0.3, UNAVAILABLE: 0.1 };
    const results = await provider.putMany(items);
    expect(results.every((r) => r.created && !r.unchanged)).toBe(true);
    const got = await provider.getMany(items.map(({ name }) => ({ name })));
    expect(got.map((r) => (r.ok ? r.value : r.reason))).toEqual(items.map((item) => item.value));
    emu.faults.rates = {};
    for (const item of items) expect(stored(item.name)!.versions).toHaveLength(1);
    expect(emu.totalCalls()).toBeGreaterThan(3 * FAULT_KEYS);
    // A rerun is a no-op: same values, no new versions.
    const again = await provider.putMany(items);
    expect(again.every((r) => r.unchanged)).toBe(true);
    await provider.close?.();
  }, 120_000);

  test("when every write fails, putMany stops with a resumable error and stores nothing", async () => {
    const provider = await gcpProvider(emu, {
      retry: { attempts: 3, baseDelayMs: 1, throttleDelayMs: 1, maxDelayMs: 2 },
    });
    const planted = `planted-${randomAlnum(20)}`;
    const items = Array.from({ length: 5 }, (_, i) => ({
      name: `stuck/prod/K${i}`,
      value: `${planted}-${i}`,
    }));
    emu.faults.rates = { RESOURCE_EXHAUSTED: 1 };
    emu.faults.methods = WRITES;
    const error = await rejection(provider.putMany(items));
    expect(error.code).toBe("PROVIDER_THROTTLED");
    expect(error.message).toMatch(/0 of 5 secrets were written/);
    expect(error.hint).toMatch(/again resumes/);
    expect(`${error.message} ${error.hint}`).not.toContain(planted);
    expect(error.message).not.toContain("injected fault");
    expect(emu.state.secrets.size).toBe(0);
    emu.faults.rates = {};
    expect((await provider.putMany(items)).every((r) => r.created)).toBe(true);
    await provider.close?.();
  });

  test("lost answers to AddSecretVersion never store a value twice", async () => {
    const provider = await gcpProvider(emu);
    emu.faults.methods = ["AddSecretVersion", "CreateSecret"];
    emu.faults.loseResponseRate = 0.5;
    const items = Array.from({ length: 30 }, (_, i) => ({ name: `lossy/dev/K${i}`, value: `value-${i}` }));
    const results = await provider.putMany(items);
    expect(results.every((r) => !r.unchanged && r.version === "1")).toBe(true);
    emu.faults.loseResponseRate = 0;
    for (const item of items) expect(stored(item.name)!.versions).toHaveLength(1);
    await provider.close?.();
  });

  test("every call carries a deadline no later than timeoutMs; INTERNAL is not retried", async () => {
    const provider = await gcpProvider(emu);
    await provider.put("dl/dev/A", "a");
    await provider.getMany([{ name: "dl/dev/A" }, { name: "dl/dev/A", version: "1" }]);
    await provider.list("dl/", { versionCount: true });
    await provider.describe("dl/dev/A");
    await provider.delete("dl/dev/A");
    expect(emu.deadlines.length).toBeGreaterThan(5);
    for (const { ms } of emu.deadlines) expect(ms).toBeLessThanOrEqual(FAST_SETTINGS.timeoutMs);
    emu.faults.queue.push({ kind: "status", code: "INTERNAL" });
    const before = emu.totalCalls();
    const error = await rejection(provider.getMany([{ name: "dl/dev/A" }]));
    expect(error.code).toBe("PROVIDER_UNAVAILABLE");
    expect(emu.totalCalls() - before).toBe(1);
    await provider.close?.();
  });

  test("a hung call ends at the deadline and is retried", async () => {
    const provider = await gcpProvider(emu, { timeoutMs: 300 });
    await provider.put("hang/dev/A", "a");
    emu.faults.queue.push({ kind: "hang", method: "AccessSecretVersion" });
    expect(await provider.getMany([{ name: "hang/dev/A" }])).toMatchObject([{ ok: true, value: "a" }]);
    await provider.close?.();
  });

  test("a dropped connection is retried and the client reconnects", async () => {
    const provider = await gcpProvider(emu);
    await provider.put("drop/dev/A", "a");
    emu.faults.queue.push({ kind: "drop" });
    expect(await provider.getMany([{ name: "drop/dev/A" }])).toMatchObject([{ ok: true, value: "a" }]);
    await provider.close?.();
  });

  test("auth failures map to PROVIDER_AUTH with our own text; a denied read is 'denied'", async () => {
    const provider = await gcpProvider(emu);
    await provider.put("auth/dev/A", "a");
    emu.faults.queue.push({ kind: "status", code: "PERMISSION_DENIED" });
    expect(await provider.getMany([{ name: "auth/dev/A" }])).toEqual([
      { ok: false, name: "auth/dev/A", reason: "denied" },
    ]);
    emu.faults.queue.push({ kind: "status", code: "UNAUTHENTICATED" });
    const error = await rejection(provider.list("auth/"));
    expect(error.code).toBe("PROVIDER_AUTH");
    expect(error.message).not.toContain("injected");
    expect(error.hint).toContain("gcloud auth application-default login");
    await provider.close?.();
  });

  test("the write quota with pacing off: throttled writes are retried until they fit", async () => {
    const provider = await gcpProvider(emu);
    emu.faults.writeQuotaPerSecond = 40;
    const items = Array.from({ length: 30 }, (_, i) => ({ name: `quota/dev/K${i}`, value: `v${i}` }));
    const provider2 = await gcpProvider(emu, {
      retry: { attempts: 40, baseDelayMs: 5, throttleDelayMs: 50, maxDelayMs: 400 },
    });
    expect((await provider2.putMany(items)).every((r) => r.created)).toBe(true);
    expect(emu.quotaRefusals()).toBeGreaterThan(0);
    await provider.close?.();
    await provider2.close?.();
  });
});
