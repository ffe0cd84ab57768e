/**
 * The git pre-commit hook that runs `secrets check --staged`. Installed as a marked block inside
 * the repository's own pre-commit hook: an existing hook is kept and runs after the check (never
 * clobbered), a second install changes nothing, and uninstall removes exactly the block (and the
 * file, when install created it). Repositories managed by husky, lefthook or the pre-commit
 * framework get the line to add to their config instead: writing into their hooks would be undone.
 */
import { existsSync } from "node:fs";
import { chmod, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../core/atomic-write.js";
import { loadTemplate } from "../core/templates.js";
import { git } from "./git.js";

const COMMAND = "secrets check --staged";
/** The marked block (templates/hooks/pre-commit-block.sh), without its last line ending. */
const block = () => loadTemplate("hooks/pre-commit-block.sh").replace(/\n$/, "");
/** The first lines of a hook file install creates (shebang and a note), with a line ending. */
const head = () => loadTemplate("hooks/pre-commit-head.sh");
const begin = () => block().split("\n")[0]!;

export type HookManager = "husky" | "lefthook" | "pre-commit";

export type HookOutcome =
  | {
      action: "installed" | "uninstalled" | "unchanged";
      path: string;
      created?: boolean;
      removedFile?: boolean;
    }
  | { action: "manual"; manager: HookManager; file: string; line: string };

/** Which hook manager owns the repository's hooks, if any. Never throws. */
export async function detectManager(
  root: string,
): Promise<{ manager: HookManager; file: string } | undefined> {
  if (existsSync(join(root, ".husky"))) return { manager: "husky", file: ".husky/pre-commit" };
  for (const name of ["lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml"]) {
    if (existsSync(join(root, name))) return { manager: "lefthook", file: name };
  }
  if (existsSync(join(root, ".pre-commit-config.yaml")))
    return { manager: "pre-commit", file: ".pre-commit-config.yaml" };
  return undefined;
}

const MANUAL: Record<HookManager, () => string> = {
  husky: () => COMMAND,
  lefthook: () => loadTemplate("hooks/lefthook.yml").replace(/\n$/, ""),
  "pre-commit": () => loadTemplate("hooks/pre-commit-config.yaml").replace(/\n$/, ""),
};

/** Path of the repository's pre-commit hook (core.hooksPath respected). Throws UserError(CONFIG) outside git. */
export async function hookPath(root: string): Promise<string> {
  const dir = (await git(root, ["rev-parse", "--git-path", "hooks"])).toString("utf8").trim();
  return join(resolve(root, dir), "pre-commit");
}

/** Installs the block. Throws UserError(CONFIG) outside a git repository. */
export async function installHook(root: string): Promise<HookOutcome> {
  const managed = await detectManager(root);
  if (managed) return { action: "manual", ...managed, line: MANUAL[managed.manager]() };
  const path = await hookPath(root);
  const current = await readFile(path, "utf8").catch(() => undefined);
  if (current?.includes(begin())) return { action: "unchanged", path };
  const BLOCK = block();
  let next: string;
  if (current === undefined) {
    next = `${head()}${BLOCK}\n`;
  } else if (current.startsWith("#!")) {
    const nl = current.indexOf("\n");
    const head = nl < 0 ? `${current}\n` : current.slice(0, nl + 1);
    next = `${head}${BLOCK}\n${nl < 0 ? "" : current.slice(nl + 1)}`;
  } else {
    next = `${BLOCK}\n${current}`;
  }
  const { mkdir } = await import("node:fs/promises");
  await mkdir(join(path, ".."), { recursive: true });
  await writeFileAtomic(path, next, { mode: 0o755 });
  await chmod(path, 0o755);
  return { action: "installed", path, created: current === undefined };
}

/** Removes exactly the block install added (and the file if install created it). Throws UserError(CONFIG) outside git. */
export async function uninstallHook(root: string): Promise<HookOutcome> {
  const path = await hookPath(root);
  const current = await readFile(path, "utf8").catch(() => undefined);
  if (current === undefined || !current.includes(begin())) return { action: "unchanged", path };
  const BLOCK = block();
  const next = current.replace(`${BLOCK}\n`, "").replace(BLOCK, "");
  if (next === head()) {
    await rm(path, { force: true });
    return { action: "uninstalled", path, removedFile: true };
  }
  await writeFileAtomic(path, next, { mode: 0o755 });
  return { action: "uninstalled", path };
}
