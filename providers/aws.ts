/**
 * AWS Secrets Manager, on @aws-sdk/client-secrets-manager (imported lazily, when the provider opens).
 *
 * Configuration
 *   dotsecrets.json   { "providers": { "aws": { "region": "eu-west-1", "endpoint": "http://localhost:4566",
 *                       "recoveryDays": 30, "writesPerSecond": 45, "maxAttempts": 3,
 *                       "connectionTimeoutMs": 3000, "socketTimeoutMs": 10000 } } }   (all optional)
 *   DOTSECRETS_AWS_ENDPOINT            endpoint for dotsecrets only (wins over the file)
 *   AWS_ENDPOINT_URL_SECRETS_MANAGER   endpoint, as the SDK defines it (then AWS_ENDPOINT_URL)
 *   AWS_REGION, AWS_PROFILE, ...       the SDK's default credential chain: environment, shared
 *                                      files and SSO, web identity, container and instance roles
 *
 * Names are the scoped names as is (`app/env/KEY`), tagged `dotsecrets:app` / `dotsecrets:env`.
 * Versions are AWS VersionIds. An AWS_* variable holding a `secret://` reference is never used as a
 * credential (see aws/env.ts); `notices` names the ones ignored.
 */

import { UserError } from "../src/core/errors.js";
import { Pacer } from "../src/core/pace.js";
import { type RetryOptions, withRetry } from "../src/core/retry.js";
import { createSecretsApi, type SecretsApi } from "./aws/api.js";
import { AWS_LIMITS, AWS_RECOVERY_DAYS, checkAwsName, parseAwsSettings } from "./aws/descriptor.js";
import { resolveConnection } from "./aws/env.js";
import { describe, describeAny, getMany, listPage, type ReadState } from "./aws/reads.js";
import {
  type Current,
  deleteSecret,
  newTokenKey,
  restoreSecret,
  type WriteContext,
  writeMany,
  writeOne,
} from "./aws/writes.js";
import type { DeletionRecovery, PutItem, SecretProvider } from "./types.js";
import { type ProviderOptions, valueBytes } from "./types.js";

/** The AWS provider: the contract plus DeletionRecovery and a batch put. */
export interface AwsSecretProvider extends SecretProvider, DeletionRecovery {
  readonly region: string | undefined;
  readonly endpoint: string | undefined;
  /** Things the user should know (names of ignored variables), never values. */
  readonly notices: readonly string[];
  putMany(items: readonly PutItem[]): Promise<import("./types.js").PutResult[]>;
}

/** Test seams: SDK config overrides, a whole API, retry timings. */
export interface AwsDeps {
  clientConfig?: import("@aws-sdk/client-secrets-manager").SecretsManagerClientConfig;
  api?: SecretsApi;
  retry?: RetryOptions;
}

/**
 * Opens the AWS provider. Nothing is called until the first operation.
 * Throws UserError(CONFIG) for bad settings or endpoint variables.
 */
export async function openAwsProvider(
  options: ProviderOptions,
  deps: AwsDeps = {},
): Promise<AwsSecretProvider> {
  const settings = parseAwsSettings(options.settings);
  const connection = resolveConnection(settings, options.env);
  const api =
    deps.api ??
    (await createSecretsApi({
      connection,
      maxAttempts: settings.maxAttempts ?? 3,
      connectionTimeoutMs: settings.connectionTimeoutMs ?? 3000,
      socketTimeoutMs: settings.socketTimeoutMs ?? 10_000,
      ...(deps.clientConfig && { overrides: deps.clientConfig }),
    }));
  const retry: RetryOptions = { attempts: 4, ...deps.retry };
  const reads: ReadState = { batchDenied: false };
  const ctx: WriteContext = {
    api,
    tokenKey: newTokenKey(),
    // Evenly spaced (no burst): PutSecretValue's quota is per second and not adjustable.
    pace: (
      (pacer) => () =>
        pacer.take()
    )(new Pacer((settings.writesPerSecond ?? 45) * 60, 1)),
    retry,
  };
  const recoveryDays = settings.recoveryDays ?? AWS_RECOVERY_DAYS.default;
  const notices = connection.ignored.map(
    (name) => `ignored ${name} for AWS: it holds a secret:// reference, not a credential or setting`,
  );
  const read = <T>(fn: () => Promise<T>) => withRetry(fn, retry);

  const currents = async (names: string[]): Promise<Map<string, Current>> => {
    const results = await getMany(
      api,
      reads,
      names.map((name) => ({ name })),
      retry,
    );
    return new Map(
      results.map((r): [string, Current] => [
        r.name,
        r.ok
          ? { state: "live", version: r.version, value: r.value }
          : { state: r.reason === "not-found" ? "missing" : "unknown" },
      ]),
    );
  };

  const provider: AwsSecretProvider = {
    kind: "aws",
    limits: AWS_LIMITS,
    region: connection.region,
    endpoint: connection.endpoint,
    notices,
    recoveryDays: { min: AWS_RECOVERY_DAYS.min, max: AWS_RECOVERY_DAYS.max, default: recoveryDays },
    checkName: checkAwsName,
    getMany: (requests) =>
      requests.length === 0 ? Promise.resolve([]) : getMany(api, reads, requests, retry),
    async put(name, value, putOptions) {
      validate({ name, value });
      return writeOne(ctx, { name, value, ...(putOptions && { options: putOptions }) });
    },
    async putMany(items) {
      for (const item of items) validate(item);
      if (items.length === 0) return [];
      return writeMany(ctx, items, currents);
    },
    list: (prefix, listOptions = {}) => read(() => listPage(api, prefix, listOptions)),
    describe: (name) => read(() => describe(api, name)),
    delete: (name) => deleteSecret(ctx, name, recoveryDays, false),
    async deleteWith(name, deleteOptions) {
      const days = deleteOptions.recoveryDays ?? recoveryDays;
      if (
        !deleteOptions.force &&
        (!Number.isInteger(days) || days < AWS_RECOVERY_DAYS.min || days > AWS_RECOVERY_DAYS.max)
      )
        throw new UserError(
          "USAGE",
          `the AWS recovery window must be ${AWS_RECOVERY_DAYS.min} to ${AWS_RECOVERY_DAYS.max} days (got ${days})`,
        );
      return deleteSecret(ctx, name, days, deleteOptions.force === true);
    },
    async restore(name) {
      const answer = await read(() => describeAny(api, name));
      return restoreSecret(ctx, name, answer?.DeletedDate !== undefined);
    },
    async close() {
      api.close();
    },
  };
  return provider;
}

/** The registry's factory for the AWS provider; see openAwsProvider. */
export const createAwsProvider = (options: ProviderOptions) => openAwsProvider(options);

function validate(item: PutItem): void {
  const reason = checkAwsName(item.name);
  if (reason !== undefined)
    throw new UserError("PROVIDER_NAME", `cannot store secret ${shown(item.name)} in AWS: ${reason}`, {
      hint: `AWS secret names for dotsecrets are ${AWS_LIMITS.nameRules}, at most ${AWS_LIMITS.maxNameLength} characters`,
    });
  const bytes = valueBytes(item.value);
  if (bytes > AWS_LIMITS.maxValueBytes)
    throw new UserError(
      "PROVIDER_SIZE",
      `cannot store secret ${shown(item.name)} in AWS: its value is ${bytes} bytes; the limit is ${AWS_LIMITS.maxValueBytes}`,
      { hint: "store large files elsewhere and keep only a path or URL in the secret" },
    );
}

function shown(name: string): string {
  return name.length > 80
    ? `${JSON.stringify(name.slice(0, 60))}…(${name.length} chars)`
    : JSON.stringify(name);
}
