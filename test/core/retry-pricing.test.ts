import { describe, expect, test } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { AWS_PRICE, FREE, monthlyCosts } from "../../src/core/pricing.js";
import { classifyFailure, withRetry } from "../../src/core/retry.js";

describe("withRetry", () => {
  const noSleep = async () => {};

  test("retries throttling and transient failures, not permanent ones", async () => {
    let calls = 0;
    const delays: string[] = [];
    const value = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw new UserError("PROVIDER_THROTTLED", "slow down");
        if (calls === 2) throw new UserError("PROVIDER_UNAVAILABLE", "5xx");
        return "done";
      },
      { sleep: noSleep, onRetry: (info) => delays.push(info.failure) },
    );
    expect(value).toBe("done");
    expect(delays).toEqual(["throttled", "transient"]);
    let permanent = 0;
    await expect(
      withRetry(
        async () => {
          permanent++;
          throw new UserError("PROVIDER_AUTH", "denied");
        },
        { sleep: noSleep },
      ),
    ).rejects.toMatchObject({ code: "PROVIDER_AUTH" });
    expect(permanent).toBe(1);
  });

  test("gives up after the attempts and rethrows the last error", async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new UserError("PROVIDER_UNAVAILABLE", `try ${calls}`);
        },
        { attempts: 3, sleep: noSleep },
      ),
    ).rejects.toThrow("try 3");
    expect(classifyFailure(new Error("plain"))).toBe("permanent");
  });
});

describe("pricing", () => {
  test("per-key versus bundle at AWS prices, with the date they were checked", () => {
    expect(AWS_PRICE.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const costs = monthlyCosts(AWS_PRICE, { keys: 12, environments: 2 });
    expect(costs.perKey).toMatchObject({ secrets: 24, monthly: 9.6, currency: "USD" });
    expect(costs.bundle).toMatchObject({ secrets: 2, monthly: 0.8 });
    const busy = monthlyCosts(AWS_PRICE, { keys: 45, resolutionsPerMonth: 100_000 });
    expect(busy.perKey).toMatchObject({ callsPerMonth: 300_000, monthly: 18 + 1.5 });
    expect(busy.bundle).toMatchObject({ callsPerMonth: 100_000, monthly: 0.4 + 0.5 });
    expect(monthlyCosts(FREE, { keys: 100 }).perKey.monthly).toBe(0);
    expect(monthlyCosts(AWS_PRICE, { keys: 0 }).bundle.secrets).toBe(0);
  });
});
