/**
 * The GCP SDK (~150 ms to import) loads only when the gcp provider is opened: never for the
 * registry, descriptors, `--help` or another provider. Vitest runs each file in its own process,
 * so the module cache starts empty here.
 */
import { createRequire } from "node:module";
import { sep } from "node:path";
import { expect, test } from "vitest";

const require = createRequire(import.meta.url);
const sdkLoaded = () =>
  Object.keys(require.cache).some((path) => path.includes(`${sep}@google-cloud${sep}secret-manager${sep}`)) ||
  Object.keys(require.cache).some((path) => path.includes(`${sep}google-gax${sep}`));

test("the registry, the gcp descriptor and the local provider load no GCP SDK; opening gcp does", async () => {
  expect(sdkLoaded()).toBe(false);
  const registry = await import("../../../providers/index.js");
  expect(registry.providerDescriptor("gcp").limits.maxValueBytes).toBe(65_536);
  registry.providerDescriptor("gcp").parseSettings({ project: "my-project" });
  const local = await registry.openProvider("local", {
    settings: {},
    env: { DOTSECRETS_HOME: "/nonexistent-dotsecrets" },
  });
  await local.close?.();
  expect(sdkLoaded()).toBe(false);
  const gcp = await registry.openProvider("gcp", {
    settings: { project: "my-project" },
    env: { DOTSECRETS_GCP_ENDPOINT: "127.0.0.1:9" },
  });
  expect(sdkLoaded()).toBe(true);
  await gcp.close?.();
});
