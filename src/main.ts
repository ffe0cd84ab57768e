/**
 * Dispatch for the `secrets` binary: picks a command module (loaded lazily so start-up imports
 * nothing it does not need) and turns thrown errors into a message and an exit code.
 */
import type { Command, CommandContext } from "./commands/context.js";
import { EXIT, ExitError, UserError } from "./errors.js";

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  inventory: {
    summary: "list every .env file and key: secret, config or public, and where code reads it",
    load: async () => (await import("./commands/inventory.js")).inventory,
  },
  run: {
    summary: "start a command with the stub's secrets resolved into its environment",
    load: async () => (await import("./commands/run.js")).run,
  },
  set: {
    summary: "store a secret (value from stdin or a hidden prompt) and reference it from the stub",
    load: async () => (await import("./commands/set.js")).set,
  },
  get: {
    summary: "print one secret's value (the only command that prints a value)",
    load: async () => (await import("./commands/get.js")).get,
  },
  migrate: {
    summary: "move every secret of the .env files into a provider and leave stubs of references",
    load: async () => (await import("./commands/migrate.js")).migrate,
  },
  undo: {
    summary: "revert the last migration: the plaintext .env files back, byte for byte",
    load: async () => (await import("./commands/undo.js")).undo,
  },
  check: {
    summary: "prove no plaintext secret is left: tree, --staged, --history (exit 1 on findings)",
    load: async () => (await import("./commands/check.js")).check,
  },
  hook: {
    summary: "install or remove the git pre-commit hook that runs `secrets check --staged`",
    load: async () => (await import("./commands/hook.js")).hook,
  },
  list: {
    summary: "list stored secrets: names, versions, dates (no values)",
    load: async () => (await import("./commands/list.js")).list,
  },
};

const VERSION = "0.1.0";

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "secrets: take a project off plaintext .env files",
    "",
    "Usage: secrets <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `secrets <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/** Runs the CLI with the given argv (without node and script) and returns the exit code. */
export async function main(argv: string[], ctx: CommandContext): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === "--help" || verb === "-h" || verb === "help") {
    ctx.stdout.write(usage());
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  if (verb === "--version" || verb === "-v") {
    ctx.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = commands[verb];
  if (!command) {
    ctx.stderr.write(`secrets: unknown command '${verb}'\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const run = await command.load();
    return await run(rest, ctx);
  } catch (error) {
    return report(error, ctx);
  }
}

function report(error: unknown, ctx: CommandContext): number {
  if (error instanceof ExitError) return error.exitCode;
  if (error instanceof UserError) {
    ctx.stderr.write(`error: ${error.message}\n`);
    if (error.hint) ctx.stderr.write(`  fix: ${error.hint}\n`);
    return error.exitCode;
  }
  // An unexpected error: show the message and stack (they never carry values: core code does not
  // put values into errors), and ask for a report.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  ctx.stderr.write(
    `internal error: ${detail}\nPlease report this at https://github.com/dotsecrets/dotsecrets/issues\n`,
  );
  return 70;
}
