import { describe, expect, test } from "vitest";
import {
  openProvider,
  providerDescriptor,
  providerDescriptors,
  providerKinds,
} from "../../providers/index.js";

describe("provider registry", () => {
  test("every kind has a descriptor whose limits and name rules match the opened provider", async () => {
    expect(providerDescriptors().map((d) => d.kind)).toEqual(providerKinds);
    const descriptor = providerDescriptor("local");
    const provider = await openProvider("local", { settings: {}, env: process.env });
    expect(provider.limits).toEqual(descriptor.limits);
    for (const name of ["a/b/C", "a//b", "x/y/A+B=C@D", "a/b c"]) {
      expect(provider.checkName(name)).toBe(descriptor.checkName(name));
    }
  });

  test("settings are validated before the provider loads", async () => {
    expect(() => providerDescriptor("local").parseSettings({ lockTimeoutMs: "soon" })).toThrow(
      /lockTimeoutMs/,
    );
    expect(() => providerDescriptor("local").parseSettings({ hom: "~/x" })).toThrow(/unknown field 'hom'/);
    await expect(openProvider("local", { settings: { home: 3 }, env: {} })).rejects.toMatchObject({
      code: "CONFIG",
    });
    expect(() => providerDescriptor("vault")).toThrow(/unknown provider/);
  });
});
