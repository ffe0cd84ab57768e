/**
 * The synchronous call to the helper process that fetches from cloud providers for
 * `dotsecrets/config` (their SDKs are asynchronous, and the config entry must finish before the
 * app's next module evaluates). The request (provider kinds and secret names, no value) goes on the
 * helper's stdin, the values come back as JSON on its stdout: never argv, never a temp file, never
 * its environment. The helper is src/resolve-worker.ts.
 */
import { spawnSync } from "node:child_process";
import type { SecretRequest, SecretResult } from "../../providers/types.js";
import { type ErrorCode, UserError } from "../core/errors.js";

/** What the helper reads on stdin. */
export interface HelperRequest {
  /** Where the helper finds dotsecrets.json (provider settings such as a region). */
  cwd: string;
  batches: Array<{ kind: string; requests: SecretRequest[] }>;
}

/**
 * What the helper writes on stdout: results aligned with the batches (null for a provider kind
 * dotsecrets does not know), or one error.
 */
export type HelperResponse =
  | { ok: true; results: Array<SecretResult[] | null> }
  | { ok: false; code: ErrorCode; message: string; hint?: string };

/** Variables the helper must not inherit: it never needs the local store's key. */
const WITHHELD = ["DOTSECRETS_LOCAL_KEY"];

/**
 * Runs the helper script synchronously and returns its results, one list per batch (null for an
 * unknown provider kind).
 * Throws UserError with the helper's own code (PROVIDER_AUTH, REFERENCE...) when it reports an
 * error, PROVIDER_UNAVAILABLE when it cannot start or its output is unreadable. No message holds
 * a value: the output is never quoted.
 */
export function fetchInHelper(
  helper: string,
  request: HelperRequest,
  env: NodeJS.ProcessEnv,
): Array<SecretResult[] | null> {
  const childEnv: NodeJS.ProcessEnv = { ...env };
  for (const name of WITHHELD) delete childEnv[name];
  // An app started with NODE_OPTIONS="--import dotsecrets/config" would otherwise start another
  // helper from inside this one: inside the helper, dotsecrets/config has nothing to do.
  childEnv.DOTSECRETS_RUN = "1";
  const result = spawnSync(process.execPath, [helper], {
    input: JSON.stringify(request),
    encoding: "utf8",
    env: childEnv,
    stdio: ["pipe", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
    windowsHide: true,
  });
  if (result.error) {
    throw new UserError("PROVIDER_UNAVAILABLE", "dotsecrets/config: could not start its helper process", {
      cause: result.error,
    });
  }
  let response: HelperResponse;
  try {
    response = JSON.parse(result.stdout) as HelperResponse;
  } catch {
    // Never rethrow the parse error: V8 quotes part of the text, and the text holds values.
    throw new UserError(
      "PROVIDER_UNAVAILABLE",
      `dotsecrets/config: the helper process returned unreadable output (exit ${result.status ?? result.signal})`,
    );
  }
  if (!response.ok) {
    throw new UserError(response.code, response.message, { ...(response.hint && { hint: response.hint }) });
  }
  if (!Array.isArray(response.results) || response.results.length !== request.batches.length) {
    throw new UserError("PROVIDER_UNAVAILABLE", "dotsecrets/config: the helper process answered out of step");
  }
  return response.results;
}
