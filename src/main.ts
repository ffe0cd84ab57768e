/**
 * Dispatch for the `secrets` binary: picks a command module (loaded lazily so start-up imports
 * nothing it does not need) and turns thrown errors into a message and an exit code.
 */
import type { Command, CommandContext } from "./commands/context.js";
import { EXIT, ExitError, UserError } from "./core/errors.js";
import { onNotice } from "./core/notices.js";
import { seenValues } from "./core/seen-values.js";
import { createRedactor, type Redactor } from "./runtime/mask.js";

/** `printsValues`: the command's stdout carries a value on purpose, so only its stderr is guarded. */
const commands: Record<string, { summary: string; load: () => Promise<Command>; printsValues?: boolean }> = {
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
    printsValues: true,
  },
  migrate: {
    summary: "move every secret of the .env files into a provider and leave stubs of references",
    load: async () => (await import("./commands/migrate.js")).migrate,
  },
  rewrite: {
    summary: "rewrite the code's dotenv loading to fetch secrets at run time (shows a diff first)",
    load: async () => (await import("./commands/rewrite.js")).rewrite,
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
  agents: {
    summary: "write the AI agent-safety files (Claude Code deny rules, ignore files, AGENTS.md)",
    load: async () => (await import("./commands/agents.js")).agents,
  },
  doctor: {
    summary: "check the setup: config, provider, references, plaintext, agent files, hooks",
    load: async () => (await import("./commands/doctor.js")).doctor,
  },
  policy: {
    summary: "print least-privilege access for the runtime and the migrating identity (aws, gcp)",
    load: async () => (await import("./commands/policy.js")).policy,
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
  const guarded: CommandContext = {
    ...ctx,
    stdout: command.printsValues ? ctx.stdout : guard(ctx.stdout),
    stderr: guard(ctx.stderr),
  };
  // Provider notices (ignored variables, never values) go to stderr as the provider opens.
  const stopNotices = onNotice((notice) => guarded.stderr.write(`notice: ${notice}\n`));
  try {
    const run = await command.load();
    return await run(rest, guarded);
  } catch (error) {
    return report(error, guarded);
  } finally {
    stopNotices();
  }
}

function report(error: unknown, ctx: CommandContext): number {
  if (error instanceof ExitError) return error.exitCode;
  if (error instanceof UserError) {
    ctx.stderr.write(`error: ${error.message}\n`);
    if (error.hint) ctx.stderr.write(`  fix: ${error.hint}\n`);
    return error.exitCode;
  }
  const io = ioProblem(error);
  if (io) {
    ctx.stderr.write(`error: ${io.message}\n  fix: ${io.hint}\n`);
    return EXIT.usage;
  }
  // An unexpected error: the message (a library's message may quote request text: the guarded
  // stream redacts every value seen), the stack only when asked for, and a request to report it.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = ctx.env.DOTSECRETS_DEBUG === "1" && error instanceof Error ? `\n${error.stack ?? ""}` : "";
  ctx.stderr.write(
    `internal error: ${message}${stack}\nRun with DOTSECRETS_DEBUG=1 for the stack trace, and please report this at https://github.com/dotsecrets/dotsecrets/issues\n`,
  );
  return 70;
}

const IO_PROBLEMS: Record<string, { what: string; hint: string }> = {
  EACCES: {
    what: "permission denied",
    hint: "check the file's and its folder's permissions (ls -l), or run as its owner",
  },
  EPERM: {
    what: "operation not permitted",
    hint: "check the file's permissions and attributes (read-only, immutable)",
  },
  EROFS: { what: "the file system is read-only", hint: "run the command where the project can be written" },
  ENOSPC: {
    what: "no space left on the device",
    hint: "free some disk space (df -h) and run the command again",
  },
  EDQUOT: {
    what: "disk quota exceeded",
    hint: "free some space within your quota and run the command again",
  },
  EIO: { what: "an input/output error", hint: "check the disk (dmesg) and run the command again" },
  EMFILE: { what: "too many open files", hint: "raise the limit (ulimit -n) and run the command again" },
};

/**
 * A file-system failure as one line naming the path, and its fix. Migrations are journaled and
 * every write is atomic, so such a failure loses nothing: running the command again resumes.
 */
function ioProblem(error: unknown): { message: string; hint: string } | undefined {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const known = code ? IO_PROBLEMS[code] : undefined;
  if (!known) return undefined;
  const where = path ? `${path}` : "a file";
  return {
    message: `cannot ${syscall ?? "access"} ${where}: ${known.what}`,
    hint: `${known.hint}; nothing was lost (a migration resumes when run again)`,
  };
}

/**
 * The output boundary: a stream whose string writes are redacted of every value this process has
 * seen (src/core/seen-values.ts) before they leave. The child of `secrets run` writes to the file
 * descriptor itself (its output is masked only with --mask); everything dotsecrets prints goes here.
 */
function guard<T extends CommandContext["stdout"]>(stream: T): T {
  let redactor: Redactor | undefined;
  let generation = -1;
  const redact = (text: string): string => {
    const seen = seenValues();
    if (seen.values.length === 0) return text;
    if (seen.generation !== generation) {
      redactor = createRedactor(seen.values);
      generation = seen.generation;
    }
    return redactor!.redact(text);
  };
  return new Proxy(stream, {
    get(target, property) {
      if (property === "write") {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...args: unknown[]) => boolean)(
            typeof chunk === "string" ? redact(chunk) : chunk,
            ...rest,
          );
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
