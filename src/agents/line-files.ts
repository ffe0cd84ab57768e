/**
 * The line-based agent files: gitignore-syntax ignore files (.cursorignore, .geminiignore,
 * .aiderignore, .aiexclude, .codeiumignore) get a marked block of rules, and AGENTS.md / CLAUDE.md
 * get a marked section. The user's lines are never touched; only our block is added or replaced.
 */
import { loadTemplate } from "../core/templates.js";
import { planBlock } from "./splice.js";
import type { AgentFacts, Splice } from "./types.js";

export const IGNORE_MARKERS = { begin: "# dotsecrets:begin", end: "# dotsecrets:end" } as const;
export const SECTION_MARKERS = {
  begin: "<!-- dotsecrets:begin -->",
  end: "<!-- dotsecrets:end -->",
} as const;

/** Converts a template (LF) to the file's line breaks. */
function withEol(text: string, eol: string): string {
  return eol === "\n" ? text : text.replace(/\n/g, eol);
}

/** The block of ignore rules with these line breaks. Throws nothing. */
export function ignoreBlock(eol: string): string {
  const rules = loadTemplate("agents/ignore-rules.txt").replace(/\n$/, "");
  return withEol(loadTemplate("agents/ignore-block.txt", { rules }), eol);
}

/** The rule lines (no comments, no blanks) an ignore file must hold. Throws nothing. */
export function ignoreRules(): string[] {
  return loadTemplate("agents/ignore-rules.txt")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/**
 * Plans an ignore file: our block appended once (or an older version of it replaced). Returns
 * undefined when the file already holds it. Throws nothing.
 */
export function planIgnoreFile(current: string | undefined): Splice | undefined {
  return planBlock(current, ignoreBlock, IGNORE_MARKERS, false);
}

/** The AGENTS.md / CLAUDE.md section for these facts, with these line breaks. Throws nothing. */
export function instructionsSection(facts: AgentFacts, eol: string): string {
  return withEol(loadTemplate("agents/agents-section.md", { provider: facts.provider }), eol);
}

/**
 * Plans an instructions file: our marked section replaced in place, or appended after a blank
 * line. Returns undefined when it is already there verbatim. Throws nothing.
 */
export function planInstructions(current: string | undefined, facts: AgentFacts): Splice | undefined {
  return planBlock(current, (eol) => instructionsSection(facts, eol), SECTION_MARKERS, true);
}
