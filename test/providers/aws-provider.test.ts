// The AWS provider beyond the shared contract: batching, faults, idempotency, errors, names.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { openAwsProvider } from "../../providers/aws.js";
import { parseEnv } from "../../src/envfile/index.js";
import { resolveDocument } from "../../src/runtime/resolve.js";
import { type AwsEmulator, startAwsEmulator } from "../emulators/aws.js";
import { emulatorClientConfig } from "../helpers/aws-client.js";
import { rejection } from "../helpers/rejection.js";

/** Keys written under faults: 200 in the long run (npm run test:crash), 80 by default. */
const FAULT_KEYS = process.env.DOTSECRETS_CRASH_CAMPAIGN === "1" ? 200 : 80;

let emu: AwsEmulator;
beforeAll(async () => {
  emu = await startAwsEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** A provider on a fresh client (the SDK's retry quota is per client). */
function open(overrides: { attempts?: number; retryAttempts?: number; socketTimeout?: number } = {}) {
  return openAwsProvider(
    { settings: {}, env: {} },
    {
      clientConfig: emulatorClientConfig(emu, {
        attempts: overrides.attempts ?? 3,
        requestHandler: { connectionTimeout: 1000, socketTimeout: overrides.socketTimeout ?? 5000 },
      }),
      retry: { attempts: overrides.retryAttempts ?? 4, baseMs: 5, throttleBaseMs: 10, maxDelayMs: 50 },
    },
  );
}

describe("aws provider: reads", () => {
  test("resolving a stub costs one BatchGetSecretValue and no GetSecretValue; bundles work", async () => {
    const provider = await open();
    await provider.putMany([
      { name: "shop/dev/A", value: "value-a" },
      { name: "shop/dev/B", value: "value-b" },
      { name: "shop/dev", value: JSON.stringify({ C: "value-c", D: "value-d" }) },
    ]);
    emu.calls = {};
    const doc = parseEnv(
      "A=secret://aws/shop/dev/A\nB=secret://aws/shop/dev/B\nC=secret://aws/shop/dev?key=C\nD=secret://aws/shop/dev?key=D\n",
      ".env",
    );
    const project = { root: "/nowhere", config: {}, configured: false };
    const variables = await resolveDocument(doc, { project, env: {}, open: async () => provider });
    expect(Object.fromEntries(variables.map((v) => [v.key, v.value]))).toEqual({
      A: "value-a",
      B: "value-b",
      C: "value-c",
      D: "value-d",
    });
    expect(emu.calls).toEqual({ BatchGetSecretValue: 1 });
  });

  test("45 names take 3 parallel batch calls; pinned versions take single reads", async () => {
    const provider = await open();
    const names = Array.from({ length: 45 }, (_, i) => `b/dev/K${i}`);
    const put = await provider.putMany(names.map((name, i) => ({ name, value: `v${i}` })));
    emu.calls = {};
    const got = await provider.getMany([
      ...names.map((name) => ({ name })),
      { name: names[0]!, version: put[0]!.version },
    ]);
    expect(got.every((r) => r.ok)).toBe(true);
    expect(emu.calls).toEqual({ BatchGetSecretValue: 3, GetSecretValue: 1 });
  });

  test("an identity that may not batch falls back to parallel GetSecretValue, once", async () => {
    const provider = await open();
    await provider.putMany([
      { name: "d/dev/A", value: "a" },
      { name: "d/dev/B", value: "b" },
    ]);
    emu.faults.denied = ["BatchGetSecretValue"];
    emu.calls = {};
    expect(
      await provider.getMany([{ name: "d/dev/A" }, { name: "d/dev/B" }, { name: "d/dev/NONE" }]),
    ).toMatchObject([
      { ok: true, value: "a" },
      { ok: true, value: "b" },
      { ok: false, reason: "not-found" },
    ]);
    await provider.getMany([{ name: "d/dev/A" }]);
    expect(emu.calls).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 4 });
  });

  test("a pinned version AWS pruned answers version-not-found", async () => {
    const small = await startAwsEmulator({ maxVersions: 3 });
    try {
      const provider = await openAwsProvider(
        { settings: {}, env: {} },
        { clientConfig: emulatorClientConfig(small), retry: { baseMs: 5 } },
      );
      const first = await provider.put("p/dev/K", "v0");
      for (let i = 1; i < 5; i++) await provider.put("p/dev/K", `v${i}`);
      expect(await provider.getMany([{ name: "p/dev/K", version: first.version }])).toEqual([
        { ok: false, name: "p/dev/K", version: first.version, reason: "version-not-found" },
      ]);
      expect(await provider.getMany([{ name: "p/dev/K", version: "AWSPREVIOUS" }])).toMatchObject([
        { value: "v3" },
      ]);
    } finally {
      await small.close();
    }
  });
});

describe("aws provider: writes", () => {
  test("labels become dotsecrets:* tags, with a description", async () => {
    const provider = await open();
    await provider.put("t/dev/K", "v", { labels: { app: "t", env: "dev" } });
    const stored = emu.store.secrets.get("t/dev/K")!;
    expect(stored.tags).toEqual([
      { Key: "dotsecrets:app", Value: "t" },
      { Key: "dotsecrets:env", Value: "dev" },
    ]);
    expect(stored.description).toBe("Managed by dotsecrets");
  });

  test("a lost answer to a write is retried with the same token: one version, not two", async () => {
    const provider = await open();
    await provider.put("i/dev/K", "one");
    emu.faults.queue.push({ kind: "lose", op: "PutSecretValue" }, { kind: "lose", op: "CreateSecret" });
    expect(await provider.put("i/dev/K", "two")).toMatchObject({ unchanged: false });
    expect(await provider.put("i/dev/NEW", "x")).toMatchObject({ unchanged: false });
    expect(emu.faulted.lose).toBe(2);
    expect(emu.store.secrets.get("i/dev/K")!.versions).toHaveLength(2);
    expect(emu.store.secrets.get("i/dev/NEW")!.versions).toHaveLength(1);
  });

  test("names AWS would confuse with an ARN suffix are refused before any call", async () => {
    const provider = await open();
    expect(provider.checkName("app/dev/TOKEN-ABCDEF")).toMatch(/ARN suffix/);
    expect(provider.checkName("app/dev/TOKEN-ABCDE")).toBeUndefined();
    expect((await rejection(provider.put("app/dev/TOKEN-ABCDEF", "v"))).code).toBe("PROVIDER_NAME");
    expect(emu.totalCalls()).toBe(0);
  });

  test(`with 30% throttling and 10% 5xx, putMany of ${FAULT_KEYS} keys completes and reads back equal`, async () => {
    const provider = await open({ retryAttempts: 12 });
    emu.faults.throttleRate = 0.3;
    emu.faults.serverErrorRate = 0.1;
    const items = Array.from({ length: FAULT_KEYS }, (_, i) => ({
      name: `f/dev/KEY_${i}`,
      value: `value-${i}-${"x".repeat(i)}`,
    }));
    const results = await provider.putMany(items);
    expect(results.every((r) => r.created)).toBe(true);
    const got = await provider.getMany(items.map(({ name }) => ({ name })));
    expect(got.map((r) => (r.ok ? r.value : r.reason))).toEqual(items.map((item) => item.value));
    expect(emu.faulted.throttle).toBeGreaterThan(FAULT_KEYS / 4);
    expect((emu.faulted.internal ?? 0) + (emu.faulted.html503 ?? 0)).toBeGreaterThan(FAULT_KEYS / 20);
    expect(emu.store.secrets.size).toBe(FAULT_KEYS);
    for (const secret of emu.store.secrets.values()) expect(secret.versions).toHaveLength(1);
  }, 60_000);

  test("when every write fails, putMany stops with a clear, retryable error naming no value", async () => {
    const provider = await open({ attempts: 2, retryAttempts: 2 });
    emu.faults.ops = ["CreateSecret", "PutSecretValue"];
    emu.faults.serverErrorRate = 1;
    const error = await rejection(provider.putMany([{ name: "w/dev/A", value: "planted-value-123" }]));
    expect(error.code).toBe("PROVIDER_UNAVAILABLE");
    expect(error.message).toMatch(
      /^AWS Secrets Manager CreateSecret on "w\/dev\/A" failed: the service or network is unavailable \((InternalServiceError, HTTP 500|SyntaxError, HTTP 503|\w+, HTTP 50\d)\)$/,
    );
    expect(error.hint).toMatch(/rerun resumes/);
    expect(`${error.message} ${error.hint}`).not.toContain("planted");
    expect(emu.store.secrets.size).toBe(0);
  });
});

describe("aws provider: errors", () => {
  test("wrong credentials, HTML 503, a hung endpoint and a refused connection map to fixed messages", async () => {
    const wrong = await openAwsProvider(
      { settings: {}, env: {} },
      {
        clientConfig: emulatorClientConfig(emu, {
          credentials: { accessKeyId: "AKIDEMULATOR", secretAccessKey: "nope" },
        }),
      },
    );
    const auth = await rejection(wrong.getMany([{ name: "e/dev/K" }]));
    expect(auth.code).toBe("PROVIDER_AUTH");
    expect(auth.message).not.toMatch(/signature we calculated/);

    const once = await open({ attempts: 1, retryAttempts: 1, socketTimeout: 300 });
    emu.faults.queue.push({ kind: "html503" });
    expect((await rejection(once.describe("e/dev/K"))).code).toBe("PROVIDER_UNAVAILABLE");
    emu.faults.queue.push({ kind: "hang" });
    expect((await rejection(once.describe("e/dev/K"))).code).toBe("PROVIDER_UNAVAILABLE");
    emu.faults.queue.push({ kind: "throttle" });
    expect((await rejection(once.describe("e/dev/K"))).code).toBe("PROVIDER_THROTTLED");

    const refused = await openAwsProvider(
      { settings: { endpoint: "http://127.0.0.1:9" }, env: {} },
      {
        clientConfig: { ...emulatorClientConfig(emu, { attempts: 1 }), endpoint: "http://127.0.0.1:9" },
        retry: { attempts: 1 },
      },
    );
    expect((await rejection(refused.describe("e/dev/K"))).code).toBe("PROVIDER_UNAVAILABLE");
  });
});
