import type { SecretProvider } from "../../providers/types.js";
import { UserError } from "../core/errors.js";
import { loadProject } from "../core/project.js";
import { fingerprinter } from "../migrate/fingerprint.js";
import { acquireProjectLock, loadJournals } from "../migrate/journal.js";
import { type UndoResult, undoMigration } from "../migrate/undo.js";
import { openForProject } from "../runtime/scope.js";
import { confirmHuman } from "../ui/human.js";
import { parseCommandArgs } from "./args.js";
import { type Command, confirmOrCancel, prompterOf } from "./context.js";

const HELP = `Usage: secrets undo [options]

Reverts the last migration: rebuilds the original .env files byte for byte from the stubs, the
journal (.dotsecrets/) and the provider's values, and removes the .gitignore lines and the
dotsecrets.json it added. Files edited since the migration are refused unless --force.

Options:
  --delete-remote   also delete the secrets the migration created in the provider
                    (aws: scheduled, restorable during the recovery window, 30 days by default)
  --recovery-days N aws: the recovery window for --delete-remote, 7 to 30 days
  --force-delete    aws: with --delete-remote, delete at once, without recovery
  --disable-versions gcp: only disable the versions the migration added (keeps every secret)
  --latest          when a secret was set again since the migration, restore its newest value
  --migrated        ... or the value it had at migration time (undo asks, or refuses without either)
  --force           restore files that changed since the migration (keeping their other edits)
  --json            print the result as JSON
  -y, --yes         do not ask for confirmation
  -h, --help        show this help
`;

const options = {
  "delete-remote": { type: "boolean" },
  "recovery-days": { type: "string" },
  "force-delete": { type: "boolean" },
  "disable-versions": { type: "boolean" },
  force: { type: "boolean" },
  latest: { type: "boolean" },
  migrated: { type: "boolean" },
  json: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
} as const;

/** `secrets undo`: revert the newest migration that was not undone. */
export const undo: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("undo", argv, options);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const recoveryDays = values["recovery-days"] === undefined ? undefined : Number(values["recovery-days"]);
  if (recoveryDays !== undefined && !Number.isInteger(recoveryDays))
    throw new UserError("USAGE", "--recovery-days must be a whole number of days");
  if ((values["force-delete"] || recoveryDays !== undefined) && !values["delete-remote"])
    throw new UserError("USAGE", "--force-delete and --recovery-days go with --delete-remote");
  const project = loadProject(ctx.cwd);
  const newest = async () => (await loadJournals(project.root)).reverse().find((j) => j.state !== "undone");
  if (!(await newest())) {
    throw new UserError("JOURNAL", "no migration to undo in this project", {
      hint: "undo needs the journal in .dotsecrets/ written by `secrets migrate` on this machine",
    });
  }
  const release = await acquireProjectLock(project.root, "undo");
  let provider: SecretProvider | undefined;
  try {
    // Read again under the lock: a migration may have finished or started meanwhile.
    const journal = await newest();
    if (!journal) throw new UserError("JOURNAL", "no migration to undo in this project");
    const remote = values["disable-versions"]
      ? " and disable the versions it added"
      : values["delete-remote"]
        ? values["force-delete"]
          ? " and delete its secrets from the provider at once, WITHOUT recovery"
          : " and delete its secrets from the provider"
        : "";
    const question = `Restore the plaintext .env files of migration ${journal.plan.id}${remote}?`;
    await confirmOrCancel(ctx, question, { yes: values.yes, command: "undo" });
    // In agent mode a person confirms on the terminal, whatever --yes says.
    await confirmHuman(question, ctx);
    provider = await openForProject(project, journal.plan.provider, ctx.env);
    const opened = provider;
    const attempt = (versions: "latest" | "migrated" | undefined) =>
      undoMigration({
        ...(versions && { versions }),
        fingerprint: fingerprinter(ctx.env),
        root: project.root,
        provider: opened,
        journal,
        force: values.force ?? false,
        deleteRemote: values["delete-remote"] ?? false,
        forceDelete: values["force-delete"] ?? false,
        ...(recoveryDays !== undefined && { recoveryDays }),
        disableVersions: values["disable-versions"] ?? false,
      });
    const chosen = values.latest ? "latest" : values.migrated ? "migrated" : undefined;
    let result: Awaited<ReturnType<typeof undoMigration>>;
    try {
      result = await attempt(chosen);
    } catch (error) {
      // A secret set again since the migration: a person chooses which value goes back.
      const canAsk = !values.yes && (ctx.prompter !== undefined || ctx.stdin.isTTY === true);
      if (!(error instanceof UserError && error.code === "UNDO_NEWER" && canAsk)) throw error;
      ctx.stderr.write(`${error.message.replace(/; nothing was restored$/, "")}.\n`);
      const latest = await prompterOf(ctx).confirm(
        "Put the newest values into the files (no: the values at migration time)?",
        true,
      );
      result = await attempt(latest ? "latest" : "migrated");
    }
    if (values.json) ctx.stdout.write(`${JSON.stringify({ id: journal.plan.id, ...result }, null, 2)}\n`);
    ctx.stderr.write(
      `Undid migration ${journal.plan.id}: restored ${result.restored.length} file(s)${remoteSummary(result, journal.plan.provider)}.\n`,
    );
    return 0;
  } finally {
    await provider?.close?.();
    await release();
  }
};

/** What happened in the provider, in words: deleted, scheduled (and until when), or disabled. */
function remoteSummary(result: UndoResult, provider: string): string {
  if (result.disabled.length > 0) return `, disabled ${result.disabled.length} version(s) in ${provider}`;
  if (result.deletions.length === 0) return "";
  const until = result.deletions
    .map((d) => d.recoverableUntil)
    .filter((d): d is string => d !== undefined)
    .sort();
  if (until.length === 0) return `, deleted ${result.deletions.length} secret(s) from ${provider}`;
  const last = until[until.length - 1]!;
  return (
    `, scheduled ${result.deletions.length} secret(s) for deletion in ${provider}: they go on ${last.slice(0, 10)} (${last})` +
    " and can be restored until then (aws secretsmanager restore-secret --secret-id NAME; migrating again restores them)"
  );
}
