/**
 * Agent files as plain data: what a file becomes, and the record that takes the change back.
 * A record holds only the text dotsecrets inserted or replaced (our rules and sections, never
 * the user's content), so journaling it copies nothing of theirs.
 */

/** Which agent file and how it is edited. */
export type AgentFileKind = "claude-settings" | "ignore" | "instructions";

/** The project facts the agent files mention. */
export interface AgentFacts {
  /** Where the values live, in words (the stub header's wording). */
  provider: string;
  /**
   * Folders of the local store as Claude Code path rules: `~/...` for a folder under the home
   * directory, `//abs/...` otherwise. Each gets a `Read(<dir>/**)` deny rule.
   */
  storeDirs: string[];
}

/**
 * One contiguous text replacement: at offset `at` of the old text, `removed` became `inserted`.
 * Its inverse needs nothing else: the new text minus `inserted`, plus `removed`.
 */
export interface Splice {
  at: number;
  removed: string;
  inserted: string;
}

/** The change to one agent file, and what undoes it. */
export interface AgentFileChange {
  /** Path relative to the project root, with `/` separators. */
  path: string;
  kind: AgentFileKind;
  /** True when the file did not exist: undoing the change deletes it. */
  created: boolean;
  after: string;
  splice: Splice;
}
