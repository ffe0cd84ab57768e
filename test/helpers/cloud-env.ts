/**
 * Environments for the built CLI against the in-process emulators: endpoints by variable, fake
 * credentials, no metadata-server probes, no shared AWS/GCP configuration of the machine.
 */
import { AWS_EMULATOR_CREDENTIALS } from "../emulators/aws.js";
import { cliEnv, tempDir } from "./cli.js";

/** The CLI's environment for the AWS emulator at `endpoint` (region: the emulator's, us-east-1). */
export function awsCliEnv(home: string, endpoint: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = cliEnv(home, {
    HOME: tempDir("dotsecrets-aws-home-"),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_ACCESS_KEY_ID: AWS_EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS_EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    DOTENV_CONFIG_QUIET: "true",
    ...extra,
  });
  for (const name of [
    "AWS_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
  ])
    if (!(name in extra)) delete env[name];
  return env;
}

/** The CLI's environment for the GCP emulator at `endpoint` (host:port, loopback: plaintext, no ADC). */
export function gcpCliEnv(home: string, endpoint: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = cliEnv(home, {
    HOME: tempDir("dotsecrets-gcp-home-"),
    DOTSECRETS_GCP_ENDPOINT: endpoint,
    METADATA_SERVER_DETECTION: "none",
    DOTENV_CONFIG_QUIET: "true",
    ...extra,
  });
  for (const name of ["GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT"])
    if (!(name in extra)) delete env[name];
  return env;
}
