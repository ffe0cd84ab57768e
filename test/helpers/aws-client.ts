/** A real SecretsManagerClient pointed at the emulator, with fast retries for tests. */
import { SecretsManagerClient, type SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { AWS_EMULATOR_CREDENTIALS, type AwsEmulator } from "../emulators/aws.js";

/** Options for a test client: fresh each time, so one test's retry quota never leaks into another. */
export function emulatorClientConfig(
  emu: AwsEmulator,
  overrides: Partial<SecretsManagerClientConfig> & { attempts?: number } = {},
): SecretsManagerClientConfig {
  const { attempts = 3, ...rest } = overrides;
  return {
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: { ...AWS_EMULATOR_CREDENTIALS },
    requestHandler: { connectionTimeout: 2000, socketTimeout: 5000 },
    retryStrategy: new ConfiguredRetryStrategy(attempts, () => 10),
    ...rest,
  };
}

/** A fresh client for `emu`. */
export function emulatorClient(
  emu: AwsEmulator,
  overrides: Partial<SecretsManagerClientConfig> & { attempts?: number } = {},
): SecretsManagerClient {
  return new SecretsManagerClient(emulatorClientConfig(emu, overrides));
}
