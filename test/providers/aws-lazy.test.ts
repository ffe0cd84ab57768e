// Nothing of the AWS SDK loads for the registry, descriptors or the local provider.
import { createRequire } from "node:module";
import { expect, test } from "vitest";

const require = createRequire(import.meta.url);
const sdkLoaded = () =>
  Object.keys(require.cache).some((path) => path.includes("@aws-sdk/client-secrets-manager"));

test("the registry and the local provider load no AWS SDK; opening aws does", async () => {
  const registry = await import("../../providers/index.js");
  expect(registry.providerDescriptor("aws").limits.maxValueBytes).toBe(65_536);
  const local = await registry.openProvider("local", { settings: {}, env: process.env });
  await local.getMany([]);
  expect(sdkLoaded()).toBe(false);
  const aws = await registry.openProvider("aws", {
    settings: { region: "us-east-1", endpoint: "http://127.0.0.1:9" },
    env: {},
  });
  expect(sdkLoaded()).toBe(true);
  await aws.close?.();
});
