import type { Readable, Writable } from "node:stream";

/**
 * What a command receives instead of reaching for globals, so tests can run commands in-process
 * with their own streams, working directory and environment.
 */
export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

/** A command: parses its own argv (everything after the verb) and returns an exit code. */
export type Command = (argv: string[], ctx: CommandContext) => Promise<number>;
