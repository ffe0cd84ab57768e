// Every test runs with a private DOTSECRETS_HOME so no test can touch a real store.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

if (!process.env.DOTSECRETS_TEST_HOME_SET) {
  process.env.DOTSECRETS_HOME = mkdtempSync(join(tmpdir(), "dotsecrets-home-"));
  process.env.DOTSECRETS_TEST_HOME_SET = "1";
}
