/**
 * The slice of Secrets Manager the provider uses, and the one factory that builds it on the real
 * SDK. The SDK is imported here, lazily, inside `createSecretsApi`; types are erased at build time.
 * Tests either pass SDK config overrides (endpoint, fast retry strategy) or a whole SecretsApi.
 */
import type {
  BatchGetSecretValueCommandInput,
  BatchGetSecretValueCommandOutput,
  CreateSecretCommandInput,
  CreateSecretCommandOutput,
  DeleteSecretCommandInput,
  DeleteSecretCommandOutput,
  DescribeSecretCommandInput,
  DescribeSecretCommandOutput,
  GetSecretValueCommandInput,
  GetSecretValueCommandOutput,
  ListSecretsCommandInput,
  ListSecretsCommandOutput,
  ListSecretVersionIdsCommandInput,
  ListSecretVersionIdsCommandOutput,
  PutSecretValueCommandInput,
  PutSecretValueCommandOutput,
  RestoreSecretCommandInput,
  RestoreSecretCommandOutput,
  SecretsManagerClientConfig,
} from "@aws-sdk/client-secrets-manager";
import type { AwsConnection } from "./env.js";
import { withoutReferenceVariables } from "./env.js";

/** What the provider calls. Each method is one API operation. */
export interface SecretsApi {
  createSecret(input: CreateSecretCommandInput): Promise<CreateSecretCommandOutput>;
  putSecretValue(input: PutSecretValueCommandInput): Promise<PutSecretValueCommandOutput>;
  getSecretValue(input: GetSecretValueCommandInput): Promise<GetSecretValueCommandOutput>;
  batchGetSecretValue(input: BatchGetSecretValueCommandInput): Promise<BatchGetSecretValueCommandOutput>;
  describeSecret(input: DescribeSecretCommandInput): Promise<DescribeSecretCommandOutput>;
  listSecrets(input: ListSecretsCommandInput): Promise<ListSecretsCommandOutput>;
  listSecretVersionIds(input: ListSecretVersionIdsCommandInput): Promise<ListSecretVersionIdsCommandOutput>;
  deleteSecret(input: DeleteSecretCommandInput): Promise<DeleteSecretCommandOutput>;
  restoreSecret(input: RestoreSecretCommandInput): Promise<RestoreSecretCommandOutput>;
  close(): void;
}

export interface ClientSettings {
  connection: AwsConnection;
  maxAttempts: number;
  connectionTimeoutMs: number;
  socketTimeoutMs: number;
  /** Merged last: tests pass credentials, a fast retryStrategy, etc. */
  overrides?: Partial<SecretsManagerClientConfig>;
}

/** The SDK's switch for its Node-version notice, read when a client is built. */
const VERSION_NOTICE_OFF = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/**
 * Builds a client without the SDK's Node-version notice: under Node 20 it prints seven lines to
 * stderr once per process, which would land in the output of every `secrets run` and every app
 * loading dotsecrets/config. `secrets doctor` says it once instead. The variable is set only while
 * the client is built, so the child of `secrets run` gets the environment it was given.
 */
function withoutVersionNotice<T>(build: () => T): T {
  const prior = process.env[VERSION_NOTICE_OFF];
  process.env[VERSION_NOTICE_OFF] = "true";
  try {
    return build();
  } finally {
    if (prior === undefined) delete process.env[VERSION_NOTICE_OFF];
    else process.env[VERSION_NOTICE_OFF] = prior;
  }
}

/**
 * Builds the API on a real SecretsManagerClient: explicit region and endpoint when known, timeouts
 * always (the SDK has none by default, so a hung endpoint would block forever), the standard retry
 * mode, and a credential chain that never sees an AWS_* variable holding a secret:// reference.
 * Throws only if the SDK cannot be loaded.
 */
export async function createSecretsApi(settings: ClientSettings): Promise<SecretsApi> {
  const sdk = await import("@aws-sdk/client-secrets-manager");
  const { connection } = settings;
  const base: SecretsManagerClientConfig = {
    ...(connection.region && { region: connection.region }),
    ...(connection.endpoint && { endpoint: connection.endpoint }),
    maxAttempts: settings.maxAttempts,
    retryMode: "standard",
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      socketTimeout: settings.socketTimeoutMs,
    },
  };
  let config = { ...base, ...settings.overrides };
  if (config.credentials === undefined) {
    // The default chain, resolved with reference-holding variables hidden from it.
    const probe = withoutVersionNotice(
      () => new sdk.SecretsManagerClient({ ...(connection.region && { region: connection.region }) }),
    );
    const chain = probe.config.credentials;
    probe.destroy();
    config = { ...config, credentials: (options) => withoutReferenceVariables(() => chain(options)) };
  }
  const client = withoutVersionNotice(() => new sdk.SecretsManagerClient(config));
  return {
    createSecret: (input) => client.send(new sdk.CreateSecretCommand(input)),
    putSecretValue: (input) => client.send(new sdk.PutSecretValueCommand(input)),
    getSecretValue: (input) => client.send(new sdk.GetSecretValueCommand(input)),
    batchGetSecretValue: (input) => client.send(new sdk.BatchGetSecretValueCommand(input)),
    describeSecret: (input) => client.send(new sdk.DescribeSecretCommand(input)),
    listSecrets: (input) => client.send(new sdk.ListSecretsCommand(input)),
    listSecretVersionIds: (input) => client.send(new sdk.ListSecretVersionIdsCommand(input)),
    deleteSecret: (input) => client.send(new sdk.DeleteSecretCommand(input)),
    restoreSecret: (input) => client.send(new sdk.RestoreSecretCommand(input)),
    close: () => client.destroy(),
  };
}
