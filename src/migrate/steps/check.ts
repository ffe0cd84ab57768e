/**
 * The check step, a migration's last: `secrets check` over the working tree with the values this
 * migration moved (held in memory, never stored), so a value that also sits in a source file, a
 * template or a kept line is found. The result goes into the journal as counts and a summary line
 * of file:line, rule and key (no value); it never fails the migration.
 */
import { runCheck } from "../../check/index.js";
import { renderCheckLine } from "../../ui/check-render.js";
import type { MigrationStep } from "./types.js";

export const checkStep: MigrationStep = {
  id: "check",
  async run(ctx) {
    const { journal } = ctx;
    const originals = await ctx.originals();
    const knownValues = journal.plan.files.flatMap((file) =>
      file.entries.flatMap((entry) => {
        if (entry.action !== "move" || !journal.written[entry.name!]) return [];
        const value = originals.get(file.path)?.doc.entries[entry.index]?.value;
        return value ? [{ key: entry.key, value, env: file.env, provider: journal.plan.provider }] : [];
      }),
    );
    const report = await runCheck({ root: ctx.root, env: ctx.env, knownValues });
    journal.check = {
      findings: report.findings.length,
      files: report.stats.files,
      summary: renderCheckLine(report).trim(),
    };
  },
};
