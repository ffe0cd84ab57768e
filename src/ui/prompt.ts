/**
 * Prompts. Everything interactive lives in src/ui so tests can replace it and the core never
 * prompts. Prompts talk on stderr, so stdout stays data.
 */
import type { CommandContext } from "../commands/context.js";
import { EXIT, UserError } from "../core/errors.js";

function cancelled(error: unknown): never {
  if (error instanceof Error && error.name === "ExitPromptError") {
    throw new UserError("CANCELLED", "cancelled", { exitCode: EXIT.cancelled });
  }
  throw error;
}

/** Asks for a secret with hidden input (shown as *). Throws UserError(CANCELLED, exit 130) on Ctrl-C. */
export async function promptSecret(message: string, ctx: CommandContext): Promise<string> {
  const { password } = await import("@inquirer/prompts");
  try {
    return await password({ message, mask: "*" }, { input: ctx.stdin, output: ctx.stderr });
  } catch (error) {
    cancelled(error);
  }
}

/** Asks a yes/no question. Throws UserError(CANCELLED, exit 130) on Ctrl-C. */
export async function promptConfirm(
  message: string,
  ctx: CommandContext,
  defaultValue = false,
): Promise<boolean> {
  const { confirm } = await import("@inquirer/prompts");
  try {
    return await confirm({ message, default: defaultValue }, { input: ctx.stdin, output: ctx.stderr });
  } catch (error) {
    cancelled(error);
  }
}
