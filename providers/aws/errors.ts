/**
 * AWS failures → UserError, by error code AND HTTP status (an HTML 5xx arrives as a SyntaxError,
 * an unmodeled throttle as a generic service exception). Messages are fixed text naming the
 * operation and the secret: the SDK's own message is never copied, since it can quote request text.
 */
import { UserError } from "../../src/core/errors.js";

/** The parts of an SDK error we look at. */
export interface AwsFailure {
  code: string;
  status: number | undefined;
}

const THROTTLING = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
]);
const AUTH = new Set([
  "AccessDeniedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "ExpiredTokenException",
  "ExpiredToken",
  "InvalidClientTokenId",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "CredentialsProviderError",
  "DecryptionFailure",
  "KMSAccessDeniedException",
]);
const NETWORK = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);

/** Reads the code (error type or socket code) and HTTP status of an SDK failure. Throws nothing. */
export function readFailure(error: unknown): AwsFailure {
  const e = (error ?? {}) as {
    name?: unknown;
    code?: unknown;
    Code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const status = typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
  const socket = typeof e.code === "string" && NETWORK.has(e.code) ? e.code : undefined;
  const raw =
    socket ?? (typeof e.Code === "string" ? e.Code : undefined) ?? (typeof e.name === "string" ? e.name : "");
  // An identifier only: anything else (free text) is not repeated.
  return { code: /^[A-Za-z][A-Za-z0-9.]{0,63}$/.test(raw) ? raw : "Unknown", status };
}

/** True when `error` has AWS error code `code`. */
export function hasCode(error: unknown, code: string): boolean {
  return readFailure(error).code === code;
}

/**
 * Maps an SDK failure of `op` on `subject` (a secret name, or a description of the batch) to a
 * UserError: PROVIDER_THROTTLED, PROVIDER_UNAVAILABLE (retryable), PROVIDER_AUTH, PROVIDER_CONFLICT,
 * PROVIDER_NOT_FOUND, CONFIG or PROVIDER_FAILED. The cause is kept for debugging, never printed.
 */
export function toUserError(error: unknown, op: string, subject: string): UserError {
  if (error instanceof UserError) return error;
  const { code, status } = readFailure(error);
  const what = `AWS Secrets Manager ${op} on ${subject}`;
  const detail = `(${code}${status === undefined ? "" : `, HTTP ${status}`})`;
  const message = error instanceof Error ? error.message : "";
  if (THROTTLING.has(code) || status === 429)
    return new UserError("PROVIDER_THROTTLED", `${what} was throttled ${detail}`, {
      hint: "the service allows 50 writes per second per account and region; retry later",
      cause: error,
    });
  if (
    NETWORK.has(code) ||
    code === "TimeoutError" ||
    code === "InternalServiceError" ||
    code === "ServiceUnavailable" ||
    (status !== undefined && status >= 500)
  )
    return new UserError(
      "PROVIDER_UNAVAILABLE",
      `${what} failed: the service or network is unavailable ${detail}`,
      {
        hint: "check the endpoint and your network, then retry (a rerun resumes)",
        cause: error,
      },
    );
  if (/region is missing/i.test(message))
    return new UserError("CONFIG", "no AWS region configured for the aws provider", {
      hint: 'set providers.aws.region in dotsecrets.json (e.g. "eu-west-1"), or AWS_REGION',
    });
  if (AUTH.has(code) || status === 401 || status === 403 || /could not load credentials/i.test(message))
    return new UserError(
      "PROVIDER_AUTH",
      `${what} was refused: missing or insufficient credentials ${detail}`,
      {
        hint: "check `aws sts get-caller-identity` and the policy printed by `secrets policy --provider aws`",
        cause: error,
      },
    );
  if (code === "ResourceExistsException")
    return new UserError(
      "PROVIDER_CONFLICT",
      `${what} conflicted with an existing secret or version ${detail}`,
      {
        cause: error,
      },
    );
  if (code === "InvalidRequestException")
    return new UserError(
      "PROVIDER_DELETING",
      `${what} was refused: the secret is scheduled for deletion ${detail}`,
      {
        hint: "restore it with `aws secretsmanager restore-secret --secret-id <name>` (a dotsecrets write restores it itself)",
        cause: error,
      },
    );
  if (code === "ResourceNotFoundException")
    return new UserError("PROVIDER_NOT_FOUND", `${what}: no such secret ${detail}`, { cause: error });
  return new UserError("PROVIDER_FAILED", `${what} failed ${detail}`, { cause: error });
}
