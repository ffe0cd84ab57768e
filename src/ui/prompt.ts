/**
 * Prompts. Everything interactive lives in src/ui so tests can replace it and the core never
 * prompts. Prompts talk on the given output (stderr), so stdout stays data. Commands receive a
 * Prompter through their context; tests pass their own.
 */
import type { Readable, Writable } from "node:stream";
import { EXIT, UserError } from "../core/errors.js";

/** What commands may ask a person. Both throw UserError(CANCELLED, exit 130) on Ctrl-C. */
export interface Prompter {
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  secret(message: string): Promise<string>;
}

function cancelled(error: unknown): never {
  if (error instanceof Error && error.name === "ExitPromptError") {
    throw new UserError("CANCELLED", "cancelled", { exitCode: EXIT.cancelled });
  }
  throw error;
}

/** The terminal prompter on @inquirer/prompts (loaded on first use), reading `input`, talking on `output`. */
export function terminalPrompter(input: Readable, output: Writable): Prompter {
  return {
    async confirm(message, defaultValue = false) {
      const { confirm } = await import("@inquirer/prompts");
      try {
        return await confirm({ message, default: defaultValue }, { input, output });
      } catch (error) {
        cancelled(error);
      }
    },
    async secret(message) {
      const { password } = await import("@inquirer/prompts");
      try {
        return await password({ message, mask: "*" }, { input, output });
      } catch (error) {
        cancelled(error);
      }
    },
  };
}
