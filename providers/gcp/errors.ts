/**
 * gRPC failures → dotsecrets errors. The text is ours and fixed per code: the server's message is
 * never copied (it can quote resource names from other projects or request details); the original
 * error stays available as `cause` for debugging.
 */
import { UserError } from "../../src/core/errors.js";

/** gRPC status codes this provider reacts to (numbers as on the wire). */
export const Code = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const NAMES = Object.fromEntries(Object.entries(Code).map(([name, code]) => [code, name]));

/** Codes worth retrying (as PROVIDER_THROTTLED / PROVIDER_UNAVAILABLE): throttling, an unreachable service, a timed-out call. */
const TRANSIENT = new Set<number>([Code.RESOURCE_EXHAUSTED, Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED]);

/** Codes after which a write may or may not have been applied (the answer was lost). */
const AMBIGUOUS = new Set<number>([Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED]);

/** The gRPC status code of an error, or undefined for errors that did not come from a call. */
export function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

/** The name of a gRPC code, e.g. "UNAVAILABLE". */
export function codeName(code: number | undefined): string {
  return code === undefined ? "no status" : (NAMES[code] ?? `code ${code}`);
}

/** True for failures the retry policy retries. */
export function isTransient(error: unknown): boolean {
  const code = grpcCode(error);
  return code !== undefined && TRANSIENT.has(code);
}

/** True when a failed write may still have been applied. */
export function isAmbiguous(error: unknown): boolean {
  const code = grpcCode(error);
  return code !== undefined && AMBIGUOUS.has(code);
}

const AUTH_HINT =
  "sign in with `gcloud auth application-default login` (or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file), " +
  "check that the Secret Manager API is enabled (`gcloud services enable secretmanager.googleapis.com`), " +
  "and see `secrets policy --provider gcp` for the roles needed";

/**
 * A UserError for a failed call. `what` names the operation and the secret, e.g. "reading
 * 'shop/prod/KEY'". Never includes a value or the server's message. Throws nothing.
 */
export function toUserError(error: unknown, what: string): UserError {
  if (error instanceof UserError) return error;
  const code = grpcCode(error);
  const options = { cause: error };
  switch (code) {
    case Code.UNAUTHENTICATED:
    case Code.PERMISSION_DENIED:
      return new UserError(
        "PROVIDER_AUTH",
        `Google Cloud Secret Manager denied ${what} (${codeName(code)})`,
        {
          ...options,
          hint: AUTH_HINT,
        },
      );
    case Code.NOT_FOUND:
      return new UserError("PROVIDER_NOT_FOUND", `Google Cloud Secret Manager found nothing for ${what}`, {
        ...options,
        hint: "check the project id (providers.gcp.project, --gcp-project or GOOGLE_CLOUD_PROJECT)",
      });
    case Code.ALREADY_EXISTS:
    case Code.ABORTED:
      return new UserError(
        "PROVIDER_CONFLICT",
        `Google Cloud Secret Manager refused ${what}: changed concurrently (${codeName(code)})`,
        {
          ...options,
          hint: "another process is changing the same secret; run the command again",
        },
      );
    case Code.RESOURCE_EXHAUSTED:
      return new UserError(
        "PROVIDER_THROTTLED",
        `Google Cloud Secret Manager throttled ${what} (RESOURCE_EXHAUSTED)`,
        {
          ...options,
          hint: "the project's Secret Manager quota is used up for now; wait a minute and run the command again (it resumes)",
        },
      );
    case Code.INVALID_ARGUMENT:
    case Code.FAILED_PRECONDITION:
    case Code.OUT_OF_RANGE:
    case Code.UNIMPLEMENTED:
      return new UserError(
        "PROVIDER_REJECTED",
        `Google Cloud Secret Manager rejected ${what} (${codeName(code)})`,
        {
          ...options,
          hint: "this is likely a bug in dotsecrets or an unsupported project setup; please report it",
        },
      );
    case undefined:
      if (/credential|authenticat|token/i.test(String((error as Error | null)?.message))) {
        return new UserError("PROVIDER_AUTH", `no Google Cloud credentials were found for ${what}`, {
          ...options,
          hint: AUTH_HINT,
        });
      }
      return new UserError(
        "PROVIDER_UNAVAILABLE",
        `Google Cloud Secret Manager could not be reached for ${what}`,
        {
          ...options,
          hint: "check the network and DOTSECRETS_GCP_ENDPOINT if set, then run the command again",
        },
      );
    default:
      return new UserError(
        "PROVIDER_UNAVAILABLE",
        `Google Cloud Secret Manager did not complete ${what} (${codeName(code)})`,
        {
          ...options,
          hint: "the service is unavailable or slow; run the command again (it resumes where it stopped)",
        },
      );
  }
}
