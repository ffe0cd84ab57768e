/**
 * Reading and writing agent files for the planner: text in, atomic writes out. Nothing printed.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../core/atomic-write.js";
import { UserError } from "../core/errors.js";
import type { AgentFileChange } from "./types.js";

/**
 * Reads an agent file under `root` as text, or undefined when it does not exist. Throws
 * UserError(CONFIG) for a file that is not UTF-8 text (rewriting it would change its bytes).
 */
export function readAgentFile(root: string, path: string): string | undefined {
  const file = join(root, path);
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  const text = bytes.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(bytes)) {
    throw new UserError("CONFIG", `${path}: not UTF-8 text, left alone`, {
      hint: "convert it to UTF-8, then run `secrets agents` again",
    });
  }
  return text;
}

/** Writes one planned change atomically (a new file 0644, its folder created). Throws I/O errors. */
export async function writeAgentChange(root: string, change: AgentFileChange): Promise<void> {
  const file = join(root, change.path);
  mkdirSync(dirname(file), { recursive: true });
  await writeFileAtomic(file, change.after, change.created ? { mode: 0o644 } : {});
}
