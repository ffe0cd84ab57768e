/**
 * The GCP SDK (~150 ms to import) loads only when the gcp provider is opened: never for the
 * registry, descriptors, `--help` or another provider. Checked in a fresh process: the test workers
 * share their module cache between files.
 */
import { sep } from "node:path";
import { expect, test } from "vitest";
import { inFreshProcess } from "../../helpers/fresh-process.js";

test("the registry, the gcp descriptor and the local provider load no GCP SDK; opening gcp does", () => {
  const client = JSON.stringify(`${sep}@google-cloud${sep}secret-manager${sep}`);
  const gax = JSON.stringify(`${sep}google-gax${sep}`);
  const steps = inFreshProcess<Record<string, unknown>>(
    "providers/index.ts",
    `const sdk = () => loaded(${client}) || loaded(${gax});
const steps = { atStart: sdk() };
steps.maxValueBytes = mod.providerDescriptor("gcp").limits.maxValueBytes;
mod.providerDescriptor("gcp").parseSettings({ project: "my-project" });
const local = await mod.openProvider("local", {
  settings: {},
  env: { DOTSECRETS_HOME: "/nonexistent-dotsecrets" },
});
await local.close?.();
steps.afterLocal = sdk();
const gcp = await mod.openProvider("gcp", {
  settings: { project: "my-project" },
  env: { DOTSECRETS_GCP_ENDPOINT: "127.0.0.1:9" },
});
steps.afterGcp = sdk();
await gcp.close?.();
console.log(JSON.stringify(steps));`,
  );
  expect(steps).toEqual({ atStart: false, maxValueBytes: 65_536, afterLocal: false, afterGcp: true });
});
