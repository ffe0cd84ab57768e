/**
 * Helper process for `require("dotsecrets/config")`: CommonJS cannot wait for the provider, so the
 * CJS entry runs this file synchronously and reads the variables it resolves, as JSON, from a pipe
 * (never argv, never a temp file). Errors go to stderr and a non-zero exit code.
 */

import { UserError } from "./core/errors.js";
import { inject } from "./runtime/inject.js";

const env: NodeJS.ProcessEnv = { ...process.env };
try {
  const result = await inject({ env });
  for (const warning of result.warnings) process.stderr.write(`dotsecrets/config: warning: ${warning}\n`);
  const out: Record<string, string> = {};
  for (const key of result.injected) out[key] = env[key] ?? "";
  process.stdout.write(JSON.stringify(out));
} catch (error) {
  const hint = error instanceof UserError && error.hint ? `\n  fix: ${error.hint}` : "";
  process.stderr.write(
    `dotsecrets/config: ${error instanceof Error ? error.message : String(error)}${hint}\n`,
  );
  process.exitCode = 2;
}
