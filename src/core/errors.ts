/**
 * Typed errors. Core modules throw these; only src/cli.ts turns them into output and an exit code.
 * Messages never contain a secret value: they name files, lines and keys only.
 */

/** Exit codes used across the CLI (DESIGN.md: 0 ok, 1 findings/failed child, 2 usage or configuration). */
export const EXIT = { ok: 0, findings: 1, usage: 2, notFound: 127, cancelled: 130 } as const;

/** Stable error codes, so tests and JSON output can match on them rather than on wording. */
export type ErrorCode =
  | "USAGE"
  | "CONFIG"
  | "ENV_PARSE"
  | "ENV_READ"
  | "NO_ENV_FILES"
  | "REFERENCE"
  | "PROVIDER_UNKNOWN"
  | "PROVIDER_NAME"
  | "PROVIDER_SIZE"
  | "PROVIDER_AUTH"
  | "PROVIDER_NOT_FOUND"
  | "PROVIDER_UNAVAILABLE"
  | "PROVIDER_THROTTLED"
  | "PROVIDER_CONFLICT"
  | "PROVIDER_DELETING"
  | "PROVIDER_FAILED"
  | "PROVIDER_REJECTED"
  | "STORE_CORRUPT"
  | "STORE_KEY"
  | "STORE_LOCKED"
  | "UNSAFE_NAME"
  | "COMMAND_NOT_FOUND"
  | "COMMAND_NOT_EXECUTABLE"
  | "MIGRATE_CHANGED"
  | "MIGRATE_LOCKED"
  | "MIGRATE_CONFLICT"
  | "JOURNAL"
  | "UNDO_CHANGED"
  | "UNDO_NEWER"
  | "CANCELLED"
  | "AGENT_NO_TTY"
  | "AGENT_DECLINED";

/** A problem the user can fix: bad input, bad configuration, missing credentials. */
export class UserError extends Error {
  override name = "UserError";
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.usage;
  }
}

/** Ends the process with a code and no further message (the command already reported). */
export class ExitError extends Error {
  override name = "ExitError";
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** A bug in dotsecrets: reported with a request to file an issue. */
export class InternalError extends Error {
  override name = "InternalError";
}

/** True for errors the CLI reports as a one-line message plus hint. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
