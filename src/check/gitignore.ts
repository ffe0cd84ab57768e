/** The hygiene rule for `.gitignore`: machine-local env files (`.env.local`, `.env.*.local`) must be ignored. */

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ignore from "ignore";
import type { BufferFinding } from "./types.js";

const SAMPLES = [".env.local", ".env.production.local"];

/**
 * A finding when `root` is a git work tree whose top .gitignore does not ignore local env files.
 * Never throws (an unreadable .gitignore counts as missing).
 */
export async function gitignoreFinding(root: string): Promise<BufferFinding | undefined> {
  if (!existsSync(join(root, ".git"))) return undefined;
  const text = await readFile(join(root, ".gitignore"), "utf8").catch(() => "");
  const ig = ignore().add(text);
  const missing = SAMPLES.filter((name) => !ig.ignores(name));
  if (missing.length === 0) return undefined;
  return {
    rule: "gitignore-env-local",
    message: `.gitignore does not ignore ${missing.join(" or ")}: add \`.env.local\` and \`.env.*.local\``,
    line: 1,
    column: 1,
    preview: "-",
    secretHash: createHash("sha256")
      .update(`gitignore-env-local\0${missing.join(",")}`)
      .digest("hex"),
  };
}
