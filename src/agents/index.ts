/**
 * Agent-safety files: which files, how each is planned, and how each change is taken back.
 * Pure: the caller reads the current texts and writes the results (see src/commands/agents.ts).
 */
import { CLAUDE_SETTINGS, planClaudeSettings } from "./claude-settings.js";
import { planIgnoreFile, planInstructions } from "./line-files.js";
import { applySplice, revertSplice } from "./splice.js";
import type { AgentFacts, AgentFileChange, AgentFileKind, Splice } from "./types.js";

export { claudeDenyRules, claudeSettingsHoldRules } from "./claude-settings.js";
export { ignoreRules } from "./line-files.js";
export { applySplice, revertSplice } from "./splice.js";
export type * from "./types.js";

export interface AgentFileSpec {
  path: string;
  kind: AgentFileKind;
  /** Which tool reads it, for listings and docs. */
  tool: string;
  /** Written only when the file already exists (CLAUDE.md). */
  onlyIfPresent?: boolean;
}

/** Every agent file dotsecrets maintains, in the order they are listed. */
export const AGENT_FILES: readonly AgentFileSpec[] = [
  { path: CLAUDE_SETTINGS, kind: "claude-settings", tool: "Claude Code" },
  { path: ".cursorignore", kind: "ignore", tool: "Cursor" },
  { path: ".geminiignore", kind: "ignore", tool: "Gemini CLI" },
  { path: ".aiderignore", kind: "ignore", tool: "Aider" },
  { path: ".aiexclude", kind: "ignore", tool: "Gemini Code Assist / Android Studio" },
  { path: ".codeiumignore", kind: "ignore", tool: "Windsurf (Codeium)" },
  { path: "AGENTS.md", kind: "instructions", tool: "AGENTS.md readers (Codex, Copilot, Cursor, …)" },
  { path: "CLAUDE.md", kind: "instructions", tool: "Claude Code", onlyIfPresent: true },
];

/**
 * Plans one file: the splice that brings `current` (undefined when missing) up to date, or
 * undefined when nothing changes. Throws UserError(CONFIG) for a settings file that is not JSON.
 */
export function planAgentFile(spec: AgentFileSpec, current: string | undefined, facts: AgentFacts) {
  if (spec.kind === "claude-settings") return planClaudeSettings(current, facts);
  if (spec.kind === "ignore") return planIgnoreFile(current);
  return planInstructions(current, facts);
}

/**
 * Plans every agent file from their current texts (`read` returns undefined for a missing file).
 * Returns only the files that change; running it again on the results returns nothing.
 * Throws UserError(CONFIG) for a settings file that is not JSON (nothing is planned then).
 */
export function planAgentFiles(
  read: (path: string) => string | undefined,
  facts: AgentFacts,
): AgentFileChange[] {
  const changes: AgentFileChange[] = [];
  for (const spec of AGENT_FILES) {
    const current = read(spec.path);
    if (spec.onlyIfPresent && current === undefined) continue;
    const splice: Splice | undefined = planAgentFile(spec, current, facts);
    if (!splice) continue;
    const after = applySplice(current ?? "", splice);
    changes.push({ path: spec.path, kind: spec.kind, created: current === undefined, after, splice });
  }
  return changes;
}

/**
 * The inverse of a change: the file's text before it, byte for byte, or undefined when the change
 * created the file (undo deletes it). Throws InternalError when `after` is not the change's result.
 */
export function revertAgentChange(
  after: string,
  change: Pick<AgentFileChange, "created" | "splice">,
): string | undefined {
  const before = revertSplice(after, change.splice);
  return change.created ? undefined : before;
}

/** True when the file holds everything dotsecrets puts in it (for `secrets doctor`). Never throws. */
export function agentFileHolds(spec: AgentFileSpec, current: string | undefined, facts: AgentFacts): boolean {
  if (current === undefined) return false;
  try {
    return planAgentFile(spec, current, facts) === undefined;
  } catch {
    return false;
  }
}
