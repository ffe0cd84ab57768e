/**
 * The wizard's questions: the confirm of every Prompter plus a list to pick one from, a checkbox
 * list and a line of text, on @inquirer/prompts (loaded on first use). Every question talks on the
 * given output (stderr) and throws UserError(CANCELLED, exit 130) on Ctrl-C. Tests that run the
 * command in-process pass their own WizardPrompter.
 */
import type { Readable, Writable } from "node:stream";
import { EXIT, UserError } from "../../core/errors.js";
import { type Prompter, terminalPrompter } from "../prompt.js";

export interface Choice<T> {
  value: T;
  /** The line shown for the choice. */
  name: string;
  /** Shown under the list while the choice is highlighted. */
  description?: string;
  /** Shown as the answer once chosen (default: name). */
  short?: string;
  checked?: boolean;
}

/** What the wizard may ask. */
export interface WizardPrompter extends Prompter {
  select<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>;
  checkbox<T>(message: string, choices: Choice<T>[]): Promise<T[]>;
  input(
    message: string,
    defaultValue: string,
    validate?: (text: string) => string | undefined,
  ): Promise<string>;
}

/** True when `prompter` can ask the wizard's questions. */
export function isWizardPrompter(prompter: Prompter | undefined): prompter is WizardPrompter {
  const p = prompter as Partial<WizardPrompter> | undefined;
  return typeof p?.select === "function" && typeof p.checkbox === "function" && typeof p.input === "function";
}

async function ask<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (error) {
    if (error instanceof Error && error.name === "ExitPromptError")
      throw new UserError("CANCELLED", "cancelled: nothing was changed", { exitCode: EXIT.cancelled });
    throw error;
  }
}

/** The terminal wizard prompter, reading `input`, talking on `output`. */
export function terminalWizardPrompter(input: Readable, output: Writable): WizardPrompter {
  const context = { input, output };
  return {
    ...terminalPrompter(input, output),
    async select(message, choices, defaultValue) {
      const { select } = await import("@inquirer/prompts");
      return ask(() =>
        select(
          {
            message,
            choices: choices.map(plain),
            ...(defaultValue !== undefined && { default: defaultValue }),
            loop: false,
          },
          context,
        ),
      );
    },
    async checkbox(message, choices) {
      const { checkbox } = await import("@inquirer/prompts");
      return ask(() =>
        checkbox(
          {
            message,
            choices: choices.map((choice) => ({ ...plain(choice), checked: choice.checked ?? false })),
            pageSize: Math.min(15, Math.max(choices.length, 1)),
            loop: false,
            instructions: " (space: toggle, a: all, enter: done)",
          },
          context,
        ),
      );
    },
    async input(message, defaultValue, validate) {
      const { input: inputPrompt } = await import("@inquirer/prompts");
      return ask(() =>
        inputPrompt(
          {
            message,
            default: defaultValue,
            ...(validate && { validate: (text: string) => validate(text.trim()) ?? true }),
          },
          context,
        ),
      );
    },
  };
}

function plain<T>(choice: Choice<T>) {
  return {
    value: choice.value,
    name: choice.name,
    ...(choice.description !== undefined && { description: choice.description }),
    ...(choice.short !== undefined && { short: choice.short }),
  };
}
