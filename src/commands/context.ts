import type { Readable, Writable } from "node:stream";
import { EXIT, UserError } from "../core/errors.js";
import { type Prompter, terminalPrompter } from "../ui/prompt.js";

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
  /** Asks a person (default: the terminal on stdin/stderr). Tests pass their own. */
  prompter?: Prompter;
}

/** The context's prompter, or the terminal's. */
export function prompterOf(ctx: CommandContext): Prompter {
  return ctx.prompter ?? terminalPrompter(ctx.stdin, ctx.stderr);
}

/**
 * Asks a person to confirm, unless `yes`. Throws UserError(USAGE) naming the flag when there is no
 * terminal (and no prompter) to ask, and UserError(CANCELLED, exit 130) when the answer is no.
 */
export async function confirmOrCancel(
  ctx: CommandContext,
  question: string,
  options: { yes?: boolean; command: string; defaultValue?: boolean },
): Promise<void> {
  if (options.yes) return;
  if (!ctx.prompter && !ctx.stdin.isTTY) {
    throw new UserError("USAGE", `secrets ${options.command} needs confirmation`, {
      hint: `pass --yes to ${options.command} without a prompt`,
    });
  }
  if (!(await prompterOf(ctx).confirm(question, options.defaultValue ?? false)))
    throw new UserError("CANCELLED", "cancelled: nothing was changed", { exitCode: EXIT.cancelled });
}

/** A command: parses its own argv (everything after the verb) and returns an exit code. */
export type Command = (argv: string[], ctx: CommandContext) => Promise<number>;
