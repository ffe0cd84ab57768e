/**
 * Google Cloud Secret Manager, on @google-cloud/secret-manager 6.x (gRPC; 7.x needs Node 22).
 *
 * Configuration (dotsecrets.json, all optional; details in gcp/settings.ts)
 *   { "providers": { "gcp": { "project": "my-project", "locations": ["europe-west1"] } } }
 *   project                  settings.project (what --gcp-project sets), GOOGLE_CLOUD_PROJECT, then ADC
 *   credentials              Application Default Credentials: `gcloud auth application-default login`,
 *                            GOOGLE_APPLICATION_CREDENTIALS, workload identity, the metadata server
 *   DOTSECRETS_GCP_ENDPOINT  host:port of another endpoint; plaintext and credential-free only for
 *                            loopback hosts (emulators, tests), TLS + ADC otherwise
 *
 * Names: `<app>/<env>/<KEY>` ↔ secret id `<app>--<env>--<KEY>` (reversible rule in gcp/names.ts),
 * labels `managed-by=dotsecrets`, `dotsecrets-app`, `dotsecrets-env` for filtering, caller labels
 * and the description as annotations. Versions are GCP's own numbers "1", "2", …; reads of
 * `latest` skip a disabled newest version. Values ≤ 64 KiB, CRC-32C sent on add, checked on read.
 */

import type { Clock } from "../src/core/pace.js";
import type { SecretManagerSlice } from "./gcp/client.js";
import type { GcpContext } from "./gcp/context.js";
import { GCP_LIMITS } from "./gcp/descriptor.js";
import { checkGcpName } from "./gcp/names.js";
import type {
  DisablesVersions,
  ProviderFactory,
  ProviderOptions,
  PutItem,
  PutResult,
  SecretProvider,
} from "./types.js";

export interface GcpSecretProvider extends SecretProvider, DisablesVersions {
  putMany(items: readonly PutItem[]): Promise<PutResult[]>;
  /** The project the provider works in (resolved on first use). Throws UserError(CONFIG). */
  project(): Promise<string>;
}

/** Test seams: a client (e.g. the real one at an emulator) and a clock. */
export interface GcpProviderDeps {
  client?: SecretManagerSlice;
  clock?: Clock;
}

/**
 * Opens the GCP provider. The SDK is imported here, on first open, never at module load.
 * Throws UserError(CONFIG) for malformed settings; nothing is contacted until the first call.
 */
export async function openGcpProvider(
  options: ProviderOptions,
  deps: GcpProviderDeps = {},
): Promise<GcpSecretProvider> {
  const { parseGcpSettings } = await import("./gcp/settings.js");
  const settings = parseGcpSettings(options.settings, options.env);
  const [{ GcpContext }, reads, writes] = await Promise.all([
    import("./gcp/context.js"),
    import("./gcp/reads.js"),
    import("./gcp/writes.js"),
  ]);
  const client = deps.client ?? (await (await import("./gcp/client.js")).createSecretManagerClient(settings));
  const ctx: GcpContext = new GcpContext(client, settings, deps.clock);
  return {
    kind: "gcp",
    limits: GCP_LIMITS,
    checkName: checkGcpName,
    project: () => ctx.project(),
    getMany: (requests) => reads.getMany(ctx, requests),
    put: (name, value, putOptions) => writes.put(ctx, name, value, putOptions),
    putMany: (items) => writes.putMany(ctx, items),
    list: (prefix, listOptions) => reads.list(ctx, prefix, listOptions),
    async describe(name) {
      if (checkGcpName(name) !== undefined) return undefined;
      const secret = await reads.getSecret(ctx, name);
      return secret ? reads.toInfo(ctx, name, secret, true) : undefined;
    },
    delete: (name) => writes.deleteSecret(ctx, name),
    async disableVersions(refs) {
      for (const ref of refs) await writes.disableVersion(ctx, ref.name, ref.version);
    },
    close: () => client.close(),
  };
}

export const createGcpProvider: ProviderFactory = (options) => openGcpProvider(options);
