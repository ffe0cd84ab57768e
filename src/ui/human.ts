/**
 * Asking a person, not the agent: in agent mode the agent controls stdin, so questions go to the
 * controlling terminal (`/dev/tty`, `CONIN$`/`CONOUT$` on Windows), opened directly. Without one
 * there is nobody to ask and the action is refused.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import type { Writable } from "node:stream";
import { type AgentDetection, detectAgent } from "../core/agent-mode.js";
import { EXIT, UserError } from "../core/errors.js";

/** A line-oriented terminal: write a prompt, read one line, close. */
export interface Terminal {
  write(text: string): void;
  /** One line without its line break; undefined at end of input. */
  readLine(): string | undefined;
  close(): void;
}

/** What confirmHuman needs from the command's context. */
export interface HumanContext {
  env: NodeJS.ProcessEnv;
  stderr: Writable;
  /** Opens the controlling terminal; tests pass their own. Default: openTerminal. */
  terminal?: () => Terminal | undefined;
}

/** Opens the process's controlling terminal, or returns undefined when it has none. */
export function openTerminal(): Terminal | undefined {
  let input: number;
  let output: number;
  try {
    if (process.platform === "win32") {
      input = openSync("CONIN$", "r");
      output = openSync("CONOUT$", "w");
    } else {
      input = openSync("/dev/tty", "r+");
      output = input;
    }
  } catch {
    return undefined;
  }
  return {
    write: (text) => void writeSync(output, text),
    readLine: () => {
      const bytes: number[] = [];
      const one = Buffer.alloc(1);
      while (bytes.length < 1024) {
        let n: number;
        try {
          n = readSync(input, one, 0, 1, null);
        } catch {
          break;
        }
        if (n === 0) return bytes.length > 0 ? Buffer.from(bytes).toString("utf8") : undefined;
        if (one[0] === 0x0a) break;
        bytes.push(one[0]!);
      }
      return Buffer.from(bytes).toString("utf8").replace(/\r$/, "");
    },
    close: () => {
      closeSync(input);
      if (output !== input) closeSync(output);
    },
  };
}

/** Asks `question` on the terminal; true when the person typed y or yes. */
function ask(terminal: Terminal, agent: AgentDetection, question: string): boolean {
  try {
    terminal.write(`\n[dotsecrets] ${agent.name} is running this command (${agent.variable} is set).\n`);
    terminal.write(`${question} Only a person should answer. [y/N] `);
    const answer = terminal.readLine()?.trim().toLowerCase();
    terminal.write("\n");
    return answer === "y" || answer === "yes";
  } finally {
    terminal.close();
  }
}

/**
 * Resolves when the action may go ahead: at once outside agent mode; in agent mode only after a
 * person typed `y` on the controlling terminal. Throws UserError(AGENT_NO_TTY, exit 1) when there
 * is no terminal to ask, UserError(AGENT_DECLINED, exit 1) when the answer is not yes.
 */
export async function confirmHuman(question: string, ctx: HumanContext): Promise<void> {
  const agent = detectAgent(ctx.env);
  if (!agent) return;
  const terminal = (ctx.terminal ?? openTerminal)();
  if (!terminal) {
    throw new UserError(
      "AGENT_NO_TTY",
      `refused: ${agent.name} is running this command (${agent.variable} is set) and there is no terminal on which a person could confirm: ${question}`,
      { hint: "a person can run the command in their own terminal", exitCode: EXIT.findings },
    );
  }
  if (!ask(terminal, agent, question)) {
    throw new UserError("AGENT_DECLINED", "not confirmed by a person: nothing was done", {
      exitCode: EXIT.findings,
    });
  }
}
