/** git for tests: commits in fresh repositories need an author and committer, whatever the machine's config. */
import { execFileSync } from "node:child_process";

/** A function running git in `cwd` (with `env`, plus a fixed identity) and returning its stdout. Throws when git fails. */
export function gitIn(cwd: string, env: NodeJS.ProcessEnv = process.env): (...args: string[]) => string {
  return (...args) =>
    execFileSync("git", args, {
      cwd,
      env: {
        ...env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.com",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.com",
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
}
