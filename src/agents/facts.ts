/**
 * The project facts agent files mention, computed from the committed configuration only (never
 * from this machine's environment), so every clone writes and checks the same files.
 */
import { isAbsolute } from "node:path";
import type { Project } from "../core/project.js";
import { providerName } from "../core/project.js";
import { describeProvider } from "../core/stub.js";
import type { AgentFacts } from "./types.js";

/** The local store's default folders on Linux, macOS and Windows, as Claude Code `~/` paths. */
const DEFAULT_STORE_DIRS = [
  "~/.local/share/dotsecrets",
  "~/Library/Application Support/dotsecrets",
  "~/AppData/Local/dotsecrets",
];

/** A folder as a Claude Code path rule: `~/x` stays, `/abs` becomes `//abs`; else undefined. */
function asRulePath(dir: string): string | undefined {
  if (dir === "~" || dir.startsWith("~/")) return dir;
  if (isAbsolute(dir) && dir.startsWith("/")) return `/${dir}`;
  return undefined;
}

/** The facts for a project: its provider in words and the local store folders. Throws nothing. */
export function agentFacts(project: Project): AgentFacts {
  const kind = providerName(project);
  const settings = project.config.providers?.[kind] ?? {};
  const dirs = [...DEFAULT_STORE_DIRS];
  const home = project.config.providers?.local?.home;
  if (typeof home === "string") {
    const rule = asRulePath(home);
    if (rule && !dirs.includes(rule)) dirs.unshift(rule);
  }
  return { provider: describeProvider(kind, settings), storeDirs: dirs };
}
