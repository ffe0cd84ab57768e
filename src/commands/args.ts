import { type ParseArgsConfig, parseArgs } from "node:util";
import { UserError } from "../core/errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's argv with node:util parseArgs, turning its errors into a usage error that
 * names the command. Throws UserError(USAGE).
 */
export function parseCommandArgs<T extends Options>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError("USAGE", `secrets ${command}: ${message}`, {
      hint: `run \`secrets ${command} --help\``,
    });
  }
}

/** Splits a comma-separated flag value into trimmed, non-empty items. */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}
