// Nothing of the AWS SDK loads for the registry, descriptors or the local provider (checked in a
// fresh process: the test workers share their module cache between files).
import { sep } from "node:path";
import { expect, test } from "vitest";
import { inFreshProcess } from "../helpers/fresh-process.js";

test("the registry and the local provider load no AWS SDK; opening aws does", () => {
  const sdk = JSON.stringify(`${sep}@aws-sdk${sep}client-secrets-manager${sep}`);
  const steps = inFreshProcess<Record<string, unknown>>(
    "providers/index.ts",
    `const steps = { atStart: loaded(${sdk}) };
steps.maxValueBytes = mod.providerDescriptor("aws").limits.maxValueBytes;
const local = await mod.openProvider("local", { settings: {}, env: process.env });
await local.getMany([]);
steps.afterLocal = loaded(${sdk});
const aws = await mod.openProvider("aws", {
  settings: { region: "us-east-1", endpoint: "http://127.0.0.1:9" },
  env: {},
});
steps.afterAws = loaded(${sdk});
await aws.close?.();
console.log(JSON.stringify(steps));`,
  );
  expect(steps).toEqual({ atStart: false, maxValueBytes: 65_536, afterLocal: false, afterAws: true });
});
