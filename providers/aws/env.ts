/**
 * Where the AWS provider connects and which environment the SDK may read.
 *
 * Region:   providers.aws.region → AWS_REGION → the profile's region (the SDK reads it).
 * Endpoint: DOTSECRETS_AWS_ENDPOINT → providers.aws.endpoint → AWS_ENDPOINT_URL_SECRETS_MANAGER →
 *           AWS_ENDPOINT_URL (both skipped with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, as in the
 *           SDK) → the SDK default.
 *
 * An app's stub often holds its own AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as references, and a
 * container or CI may export them: `AWS_SECRET_ACCESS_KEY=secret://aws/...`. Such a value is never
 * a credential. Every AWS_* variable holding a `secret://` value is hidden from the SDK while it
 * resolves credentials, and reported (by name) in the provider's notices.
 */
import { UserError } from "../../src/core/errors.js";
import { type AwsSettings, checkEndpoint } from "./descriptor.js";

const REFERENCE = "secret://";

export interface AwsConnection {
  region?: string;
  endpoint?: string;
  /** Names of AWS_* variables ignored because they hold references. */
  ignored: string[];
}

/** Resolves region and endpoint from settings and `env`. Throws UserError(CONFIG) for a bad endpoint. */
export function resolveConnection(settings: AwsSettings, env: NodeJS.ProcessEnv): AwsConnection {
  const ignored = referenceVariables(env);
  const usable = (name: string): string | undefined => {
    const value = env[name];
    return value && !ignored.includes(name) ? value : undefined;
  };
  const region = settings.region ?? usable("AWS_REGION");
  const ignoreConfigured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === "true";
  const fromDotsecrets = usable("DOTSECRETS_AWS_ENDPOINT");
  let endpoint: string | undefined;
  if (fromDotsecrets) endpoint = checkEndpoint(fromDotsecrets, "DOTSECRETS_AWS_ENDPOINT");
  else if (settings.endpoint) endpoint = settings.endpoint;
  else if (!ignoreConfigured) {
    for (const name of ["AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL"]) {
      const value = usable(name);
      if (value) {
        endpoint = checkEndpoint(value, name);
        break;
      }
    }
  }
  // The SDK reads AWS_REGION and AWS_ENDPOINT_URL* from process.env by itself when it is not given
  // a value: when those hold references, pass real values or refuse, so a reference is never used.
  if (!region && ignored.includes("AWS_REGION"))
    throw new UserError(
      "CONFIG",
      "AWS_REGION holds a secret:// reference, so the aws provider has no region",
      {
        hint: 'set providers.aws.region in dotsecrets.json (e.g. "eu-west-1")',
      },
    );
  if (!endpoint && ignored.some((name) => name.startsWith("AWS_ENDPOINT_URL"))) {
    if (!region)
      throw new UserError(
        "CONFIG",
        "an AWS_ENDPOINT_URL variable holds a secret:// reference and no region is set",
        {
          hint: "set providers.aws.region (and endpoint, if you need one) in dotsecrets.json",
        },
      );
    endpoint = `https://secretsmanager.${region}.amazonaws.com`;
  }
  return { ...(region && { region }), ...(endpoint && { endpoint }), ignored };
}

/** Names of the AWS_* (and DOTSECRETS_AWS_*) variables in `env` whose value is a secret:// reference. */
export function referenceVariables(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => /^(AWS_|DOTSECRETS_AWS_)/.test(name) && env[name]?.trimStart().startsWith(REFERENCE))
    .sort();
}

let hiders = 0;
let hidden: Array<readonly [string, string]> = [];

/**
 * Runs `resolve` (the SDK's credential chain) with every AWS_* variable of process.env that holds a
 * reference removed, then puts them back once the last concurrent resolution is done. The SDK
 * reads credentials from process.env only, and caches what it resolved, so this happens once per
 * client (and on refresh). Throws what `resolve` throws.
 */
export async function withoutReferenceVariables<T>(resolve: () => Promise<T>): Promise<T> {
  if (hiders++ === 0) {
    hidden = referenceVariables(process.env).map((name) => [name, process.env[name]!] as const);
    for (const [name] of hidden) delete process.env[name];
  }
  try {
    return await resolve();
  } finally {
    if (--hiders === 0) {
      for (const [name, value] of hidden) if (process.env[name] === undefined) process.env[name] = value;
      hidden = [];
    }
  }
}
