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

/** `a/.env=staging,b/.env.x=prod` (repeatable) → a record. Throws UserError(USAGE) on a malformed item. */
export function parseEnvMap(items: string[], command: string): Record<string, string> | undefined {
  const pairs = items.flatMap(splitList);
  if (pairs.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf("=");
    const file = pair.slice(0, at).trim();
    const env = pair.slice(at + 1).trim();
    if (at <= 0 || !file || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(env)) {
      throw new UserError("USAGE", `secrets ${command}: --env-map item '${pair}' is not FILE=ENV`, {
        hint: "for example --env-map config/.env=staging (environment names: letters, digits, . _ -)",
      });
    }
    map[file.replace(/^\.\//, "")] = env;
  }
  return map;
}
