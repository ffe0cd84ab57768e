/**
 * Helper process of `dotsecrets/config` for cloud providers (src/runtime/helper.ts starts it): reads
 * a HelperRequest (provider kinds and secret names, no value) as JSON on stdin, fetches each batch
 * with one getMany, and writes a HelperResponse as JSON on stdout. Values go nowhere else: not in
 * argv, not in a temp file, not on stderr. Its exit code is 0 with results, 2 with an error.
 */
import { UserError } from "./core/errors.js";
import { loadProject } from "./core/project.js";
import { withRetry } from "./core/retry.js";
import type { HelperRequest, HelperResponse } from "./runtime/helper.js";
import { openForProject } from "./runtime/scope.js";

async function serve(request: HelperRequest): Promise<HelperResponse> {
  const project = loadProject(request.cwd);
  const results: HelperResponse & { ok: true } = { ok: true, results: [] };
  for (const batch of request.batches) {
    let provider: Awaited<ReturnType<typeof openForProject>>;
    try {
      provider = await openForProject(project, batch.kind, process.env);
    } catch (error) {
      if (!(error instanceof UserError && error.code === "PROVIDER_UNKNOWN")) throw error;
      results.results.push(null);
      continue;
    }
    try {
      // The same retry policy as the in-process path (src/runtime/resolve.ts).
      results.results.push(await withRetry(() => provider.getMany(batch.requests), { attempts: 3 }));
    } finally {
      await provider.close?.();
    }
  }
  return results;
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

let response: HelperResponse;
try {
  response = await serve(JSON.parse(await readStdin()) as HelperRequest);
} catch (error) {
  response =
    error instanceof UserError
      ? { ok: false, code: error.code, message: error.message, ...(error.hint && { hint: error.hint }) }
      : {
          ok: false,
          code: "PROVIDER_UNAVAILABLE",
          message: `dotsecrets/config helper: ${error instanceof Error ? `${error.name}: ${error.message}` : "failed"}`,
        };
  process.exitCode = 2;
}
process.stdout.write(JSON.stringify(response));
