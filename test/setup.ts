// Every test runs with a private DOTSECRETS_HOME so no test can touch a real store, and with the
// network guard: a connection off loopback fails the connection and the test.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { installNetGuard, takeViolations } from "./helpers/net-guard.js";

if (!process.env.DOTSECRETS_TEST_HOME_SET) {
  process.env.DOTSECRETS_HOME = mkdtempSync(join(tmpdir(), "dotsecrets-home-"));
  process.env.DOTSECRETS_TEST_HOME_SET = "1";
}
// Cloud SDKs: no Node-version warning on stderr, no instance-metadata probing.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.METADATA_SERVER_DETECTION = "none";

installNetGuard();
afterEach(() => {
  const refused = takeViolations();
  if (refused.length > 0) throw new Error(`test tried to reach the network: ${refused.join(", ")}`);
});
