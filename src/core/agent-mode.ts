/**
 * Agent mode: is this command being run by an AI coding agent? Detected from the variables agents
 * set for the commands they run (docs/agents-research.md cites each). It is one layer, not a
 * sandbox: an agent can unset a variable, so the deny rules and ignore files stay the first line.
 */

export interface AgentDetection {
  /** The agent, as far as the variable tells. */
  name: string;
  /** The variable that gave it away (named in messages; its value is never shown). */
  variable: string;
}

interface Signal {
  variable: string;
  name: string;
  /** When set, the variable must hold exactly this value. */
  value?: string;
}

/** Variables that mark a command run by a coding agent, most specific first. */
export const AGENT_SIGNALS: readonly Signal[] = [
  { variable: "CLAUDECODE", name: "Claude Code" },
  { variable: "CLAUDE_CODE", name: "Claude Code" },
  { variable: "GEMINI_CLI", name: "Gemini CLI" },
  { variable: "CODEX_SANDBOX", name: "OpenAI Codex" },
  { variable: "CODEX_THREAD_ID", name: "OpenAI Codex" },
  { variable: "CODEX_CI", name: "OpenAI Codex" },
  { variable: "CURSOR_AGENT", name: "Cursor agent" },
  { variable: "CURSOR_EXTENSION_HOST_ROLE", name: "Cursor agent", value: "agent-exec" },
  { variable: "COPILOT_CLI", name: "GitHub Copilot CLI" },
  { variable: "COPILOT_AGENT", name: "GitHub Copilot agent" },
  { variable: "CLINE_ACTIVE", name: "Cline", value: "true" },
  { variable: "OPENCODE", name: "opencode" },
  { variable: "OPENCODE_CLIENT", name: "opencode" },
  { variable: "AUGMENT_AGENT", name: "Augment" },
  { variable: "ANTIGRAVITY_AGENT", name: "Antigravity" },
  { variable: "AGENT", name: "Amp", value: "amp" },
];

/**
 * Returns the agent running this command, or undefined. `DOTSECRETS_AGENT=1` (any value but empty
 * or `0`) turns agent mode on for any other agent; `AI_AGENT=<name>` (the proposed cross-tool
 * standard) does too. `DOTSECRETS_AGENT=0` does NOT turn detection off: an agent could prefix its
 * own commands with it, so a false positive is settled by a person confirming on the terminal.
 * Throws nothing.
 */
export function detectAgent(env: NodeJS.ProcessEnv): AgentDetection | undefined {
  const own = env.DOTSECRETS_AGENT;
  if (own !== undefined && own !== "" && own !== "0")
    return { name: "a coding agent", variable: "DOTSECRETS_AGENT" };
  const generic = env.AI_AGENT?.trim();
  if (generic) {
    const name = /^[A-Za-z0-9_.@-]{1,40}$/.test(generic) ? generic : "a coding agent";
    return { name, variable: "AI_AGENT" };
  }
  for (const signal of AGENT_SIGNALS) {
    const value = env[signal.variable];
    if (value === undefined || value === "") continue;
    if (signal.value !== undefined && value !== signal.value) continue;
    return { name: signal.name, variable: signal.variable };
  }
  return undefined;
}
