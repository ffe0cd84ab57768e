/**
 * `import "dotsecrets/config"` (or `node --import dotsecrets/config app.js`): a drop-in for
 * `dotenv/config` that resolves the stub's secret:// references before the app's code runs.
 * Inside `secrets run` it does nothing: the values are already in the environment.
 */
import { inject } from "./runtime/inject.js";

const result = await inject();
for (const warning of result.warnings) process.stderr.write(`dotsecrets/config: warning: ${warning}\n`);
