// Preloaded into the CLI by the crash tests (NODE_OPTIONS=--import …): kills the process with
// SIGKILL at the Nth migration step boundary, DOTSECRETS_TEST_KILL_AT=N. Ships in no package.
import { subscribe } from "node:diagnostics_channel";

const at = Number(process.env.DOTSECRETS_TEST_KILL_AT);
if (Number.isInteger(at) && at > 0) {
  let count = 0;
  subscribe("dotsecrets:migrate:step", () => {
    if (++count === at) process.kill(process.pid, "SIGKILL");
  });
}
