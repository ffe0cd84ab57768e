/**
 * Write pacing (with a fake clock: no timed assertions) and the gRPC → UserError mapping.
 */
import { describe, expect, test } from "vitest";
import { Code, toUserError } from "../../../providers/gcp/errors.js";
import { type Clock, mapLimit, Pacer } from "../../../src/core/pace.js";
import { classifyFailure } from "../../../src/core/retry.js";

function fakeClock(): Clock & { starts: number[] } {
  let now = 0;
  const starts: number[] = [];
  return {
    starts,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

describe("pacing", () => {
  test("540 writes per minute: 1000 paced takes never put more than 550 in any 60 s window", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(540, undefined, clock);
    for (let i = 0; i < 1000; i++) {
      await pacer.take();
      clock.starts.push(clock.now());
    }
    let worst = 0;
    for (let i = 0, j = 0; i < clock.starts.length; i++) {
      while (clock.starts[i]! - clock.starts[j]! >= 60_000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(550);
    expect(worst).toBeLessThan(600);
  });

  test("mapLimit keeps order and never runs more than the limit", async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([...Array(50).keys()], 4, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return n * 2;
    });
    expect(out).toEqual([...Array(50).keys()].map((n) => n * 2));
    expect(peak).toBe(4);
  });
});

describe("gRPC codes → UserError", () => {
  const grpcError = (code: number) =>
    Object.assign(new Error(`${code} SERVER TEXT with projects/123/secrets/x`), {
      code,
      details: "SERVER TEXT",
    });
  test.each([
    [Code.RESOURCE_EXHAUSTED, "PROVIDER_THROTTLED", "throttled"],
    [Code.UNAVAILABLE, "PROVIDER_UNAVAILABLE", "transient"],
    [Code.DEADLINE_EXCEEDED, "PROVIDER_UNAVAILABLE", "transient"],
    [Code.INTERNAL, "PROVIDER_UNAVAILABLE", "transient"],
    [Code.PERMISSION_DENIED, "PROVIDER_AUTH", "permanent"],
    [Code.UNAUTHENTICATED, "PROVIDER_AUTH", "permanent"],
    [Code.NOT_FOUND, "PROVIDER_NOT_FOUND", "permanent"],
    [Code.ALREADY_EXISTS, "PROVIDER_CONFLICT", "permanent"],
    [Code.INVALID_ARGUMENT, "PROVIDER_REJECTED", "permanent"],
    [Code.FAILED_PRECONDITION, "PROVIDER_REJECTED", "permanent"],
  ])("code %i → %s (%s), with our own text", (code, expected, failureClass) => {
    const error = toUserError(grpcError(code), "reading 'a/b/C'");
    expect(error.code).toBe(expected);
    expect(error.message).toContain("'a/b/C'");
    expect(`${error.message} ${error.hint}`).not.toContain("SERVER TEXT");
    expect(error.hint).toBeTruthy();
    if (code !== Code.INTERNAL) expect(classifyFailure(error)).toBe(failureClass);
  });
});
