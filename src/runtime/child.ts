/**
 * Starts the program behind `secrets run` as a transparent child: argv as given (no shell, never
 * joined and re-split), exactly the environment given, signals forwarded, and the child's own exit
 * code returned (chamber cmd/exec.go). With a redactor its stdout and stderr pass through it;
 * without one the child owns the terminal.
 */
import { type ChildProcess, type IOType, type StdioOptions, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { constants } from "node:os";
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isatty } from "node:tty";
import { debuglog } from "node:util";
import { UserError } from "../core/errors.js";
import type { Redactor } from "./mask.js";

type WithTTY<T> = T & { isTTY?: boolean };

export interface RunChildOptions {
  command: string;
  args: readonly string[];
  /** The child's whole environment; it is also where `command` is looked up (its PATH). */
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Mask the child's stdout and stderr; without it they are the parent's own descriptors. */
  mask?: Redactor;
  /** Default process.stdin / stdout / stderr. A stream with a file descriptor is shared, not copied. */
  stdin?: WithTTY<Readable>;
  stdout?: WithTTY<Writable>;
  stderr?: WithTTY<Writable>;
  /** When masking, set FORCE_COLOR/CLICOLOR_FORCE in the child. Default: when stdout is a terminal. */
  forceColor?: boolean;
  /** Forward SIGINT/SIGQUIT even when a terminal is attached (see forwardedSignals). */
  forwardInterrupts?: boolean;
}

/** The signals the parent intercepts while a child runs. */
export const INTERCEPTED_SIGNALS = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "SIGQUIT",
] as const satisfies NodeJS.Signals[];

/**
 * Which intercepted signals are passed on to the child. SIGTERM and SIGHUP always are. SIGINT and
 * SIGQUIT come from Ctrl-C and Ctrl-\, which the terminal already delivers to the whole foreground
 * process group, child included; a second copy makes programs with a "press Ctrl-C again to force"
 * rule (docker compose, many dev servers) skip their graceful shutdown. So with a terminal attached
 * they are only swallowed, as Doppler does, unless `forwardInterrupts`. Throws nothing.
 */
export function forwardedSignals(terminalAttached: boolean, forwardInterrupts = false): NodeJS.Signals[] {
  const interactive = terminalAttached && !forwardInterrupts;
  return INTERCEPTED_SIGNALS.filter(
    (signal) => !interactive || (signal !== "SIGINT" && signal !== "SIGQUIT"),
  );
}

/**
 * Runs `command` with `args` and resolves with its exit code, or 128+n when it died of signal n,
 * once all its (masked) output is written. While it runs, INTERCEPTED_SIGNALS do not end the
 * parent; see forwardedSignals for which reach the child.
 * Throws UserError COMMAND_NOT_FOUND (exit 127) or COMMAND_NOT_EXECUTABLE (exit 126) when the
 * command cannot be started, CONFIG when `cwd` is not a directory or a variable holds a NUL byte,
 * or when Node's NODE_DEBUG output would print the child's environment (assertQuietSpawn); other spawn failures (EAGAIN, EMFILE) are rethrown as they are.
 */
export async function runChild(options: RunChildOptions): Promise<number> {
  const { mask } = options;
  assertQuietSpawn();
  assertPassable(options.env);
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const stdio: StdioOptions = [
    share(options.stdin),
    mask ? "pipe" : share(options.stdout),
    mask ? "pipe" : share(options.stderr),
  ];
  const env = mask ? withForcedColor(options.env, options.forceColor ?? stdout.isTTY === true) : options.env;
  const child = spawn(options.command, [...options.args], { cwd: options.cwd, env, stdio });

  const relays = [relay(child.stdout, stdout, mask), relay(child.stderr, stderr, mask)];
  if (child.stdin && options.stdin) {
    // The child may exit without reading everything; that is its business, not an error here.
    child.stdin.on("error", () => {});
    options.stdin.pipe(child.stdin);
  }
  const terminal = [options.stdin, options.stdout, options.stderr].some((stream, fd) =>
    stream ? stream.isTTY === true : isatty(fd),
  );
  const stopForwarding = forwardSignals(child, forwardedSignals(terminal, options.forwardInterrupts));
  const release = () => {
    stopForwarding();
    if (child.stdin && options.stdin) options.stdin.unpipe(child.stdin);
  };

  return new Promise<number>((resolvePromise, reject) => {
    let spawned = false;
    child.once("spawn", () => {
      spawned = true;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      // After a successful start an error only means a signal could not be delivered.
      if (spawned) return;
      release();
      reject(startError(error, options));
    });
    child.once("exit", release);
    // "close" waits for the child's stdio to close, so output from a background grandchild that
    // still holds the pipe is masked too rather than cut off.
    child.once("close", (code, signal) => {
      if (!spawned) return;
      void Promise.all(relays).then(() => resolvePromise(exitCode(code, signal)));
    });
  });
}

/** How one of the parent's streams reaches the child: the descriptor itself when it has one. */
function share(stream: WithTTY<Readable | Writable> | undefined): IOType | number {
  if (stream === undefined) return "inherit";
  const descriptor = (stream as { fd?: unknown }).fd;
  return typeof descriptor === "number" ? descriptor : "pipe";
}

/** Copies a child's output into the parent's stream through the redactor, then waits until written. */
async function relay(
  source: Readable | null,
  destination: Writable,
  mask: Redactor | undefined,
): Promise<void> {
  if (!source) return;
  try {
    if (mask) await pipeline(source, mask.stream(), destination, { end: false });
    else await pipeline(source, destination, { end: false });
  } catch {
    // The reader went away (EPIPE, e.g. `| head`): pipeline destroyed the source, so the child
    // gets EPIPE or SIGPIPE on its next write, as it would in a shell pipeline.
    return;
  }
  if (destination.writableEnded || destination.destroyed) return;
  // Writes complete in order, so once an empty write is done everything before it is too.
  await new Promise<void>((done) => destination.write(Buffer.alloc(0), () => done()));
}

/** Makes signals delivered to the parent go to the child; returns the undo. */
function forwardSignals(child: ChildProcess, forwarded: readonly NodeJS.Signals[]): () => void {
  const installed: [NodeJS.Signals, () => void][] = [];
  for (const signal of INTERCEPTED_SIGNALS) {
    // A listener is installed even for a signal not forwarded: its presence is what keeps the
    // parent alive to report the child's outcome.
    const handler = forwarded.includes(signal) ? () => deliver(child, signal) : () => {};
    try {
      process.on(signal, handler);
      installed.push([signal, handler]);
    } catch {
      // Some of these cannot be listened for on Windows.
    }
  }
  return () => {
    for (const [signal, handler] of installed.splice(0)) process.removeListener(signal, handler);
  };
}

function deliver(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    child.kill(signal);
  } catch {
    // Windows refuses signals it has no equivalent for; the child keeps running, as a shell's would.
  }
}

function exitCode(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal === null ? undefined : constants.signals[signal];
  return number === undefined ? 1 : 128 + number;
}

function withForcedColor(env: NodeJS.ProcessEnv, wanted: boolean): NodeJS.ProcessEnv {
  if (!wanted || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) return env;
  return { ...env, FORCE_COLOR: env.FORCE_COLOR ?? "1", CLICOLOR_FORCE: env.CLICOLOR_FORCE ?? "1" };
}

/**
 * Throws UserError(CONFIG) when Node would log this process's spawn calls: with NODE_DEBUG naming
 * child_process (or a wildcard that covers it) Node prints each spawn's options, the child's whole
 * environment included, to stderr, past any masking. Node reads NODE_DEBUG once at startup, so
 * clearing it now would change nothing: ask Node itself whether the section is enabled.
 */
export function assertQuietSpawn(): void {
  if (!debuglog("child_process").enabled) return;
  throw new UserError(
    "CONFIG",
    "NODE_DEBUG enables child_process: Node would print the child's whole environment, secrets included",
    {
      hint: "unset NODE_DEBUG for secrets itself; to debug the app, give it to the child only: secrets run -- env NODE_DEBUG=child_process <command>",
    },
  );
}

/** spawn would reject a NUL byte with a message quoting the value; name the variable instead. */
function assertPassable(env: NodeJS.ProcessEnv): void {
  for (const [key, value] of Object.entries(env)) {
    if (value?.includes("\0")) {
      throw new UserError(
        "CONFIG",
        `environment variable ${key} contains a NUL byte and cannot be passed on`,
      );
    }
  }
}

function startError(error: NodeJS.ErrnoException, options: RunChildOptions): Error {
  const { command, cwd } = options;
  if (error.code === "ENOENT" && !isDirectory(cwd)) {
    return new UserError("CONFIG", `working directory not found: ${cwd}`, { cause: error });
  }
  if (error.code === "ENOENT") {
    const isPath = /[\\/]/.test(command);
    if (isPath && existsSync(resolve(cwd, command))) {
      return new UserError("COMMAND_NOT_FOUND", `cannot run ${command}: its #! interpreter was not found`, {
        exitCode: 127,
        hint: "check the first line of the script",
        cause: error,
      });
    }
    return new UserError("COMMAND_NOT_FOUND", `command not found: ${command}`, {
      exitCode: 127,
      hint: isPath
        ? "check the path"
        : "check the spelling and that it is on PATH; it runs without a shell, so aliases and builtins need: secrets run -- sh -c '...'",
      cause: error,
    });
  }
  if (error.code === "EACCES" || error.code === "EPERM" || error.code === "ENOEXEC") {
    return new UserError("COMMAND_NOT_EXECUTABLE", `command not executable: ${command}`, {
      exitCode: 126,
      hint: "check that it is a program or script with execute permission (chmod +x), not a directory",
      cause: error,
    });
  }
  return error;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
