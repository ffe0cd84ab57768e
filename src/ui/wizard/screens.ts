/**
 * The wizard's screens as strings (the command writes them to stderr): the inventory with its
 * warnings, the environments, the plan, the stub and code diffs, the summary and next steps. Every
 * screen fits 80 columns and holds names, paths and redacted previews only — never a value.
 */

import type { Inventory } from "../../inventory/types.js";
import type { CandidateKey } from "../../migrate/choices.js";
import type { StubPreview } from "../../migrate/stub-preview.js";
import type { Outcome } from "../../migrate/summary.js";
import type { Journal, Plan } from "../../migrate/types.js";
import { unifiedDiff } from "../diff.js";
import { renderTable } from "../table.js";
import { clip, WIDTH, wrap } from "./text.js";

/** The keys found (key, class, environments, reads in code), then every warning worth knowing. */
export function inventoryScreen(inventory: Inventory): string {
  const rows = inventory.keys
    .filter((key) => key.occurrences.some((o) => o.kind !== "template"))
    .map((key) => {
      const envs = [...new Set(key.occurrences.filter((o) => o.env).map((o) => o.env!))].join(", ");
      const reads = key.usages.length === 0 ? "-" : `${key.usages.length} read(s)`;
      return [key.key, key.class, envs || "-", reads];
    });
  const s = inventory.summary;
  let out = `${s.files} env file(s), ${s.keys} key(s): ${s.secret} secret, ${s.config} config, ${s.public} public\n\n`;
  if (rows.length > 0)
    out += renderTable(["key", "class", "environments", "in code"], rows, { maxWidths: [30, 6, 26, 10] });
  const warnings = inventoryWarnings(inventory);
  if (warnings.length > 0) out += `\nWarnings:\n${warnings.map((w) => wrap(w, "  ! ", 4)).join("")}`;
  return out;
}

const UNDECLARED_SHOWN = 5;

/** One line each: public-prefixed secrets, templates with real secrets, undeclared and unused keys. */
export function inventoryWarnings(inventory: Inventory): string[] {
  const lines: string[] = [];
  for (const warning of inventory.warnings) {
    if (
      !["public-secret", "template-secret", "env-parse", "env-read", "unsupported-file"].includes(
        warning.code,
      )
    )
      continue;
    lines.push(`${warning.file}${warning.line ? `:${warning.line}` : ""}: ${warning.message}`);
  }
  for (const key of inventory.undeclared.slice(0, UNDECLARED_SHOWN)) {
    const at = key.usages[0];
    lines.push(`${key.key} is read in code (${at?.file}:${at?.line}) but defined in no .env file`);
  }
  const more = inventory.undeclared.length - UNDECLARED_SHOWN;
  if (more > 0)
    lines.push(`${more} more key(s) read in code are defined nowhere (secrets inventory lists them)`);
  // "Never read" means something only when the code was found and scanned at all.
  const scanned = inventory.keys.some((key) => key.usages.length > 0) || inventory.undeclared.length > 0;
  if (scanned) {
    const unused = inventory.keys
      .filter((key) => key.usages.length === 0 && key.occurrences.some((o) => o.kind !== "template"))
      .map((key) => key.key);
    if (unused.length > 0) lines.push(`defined but never read in code: ${unused.join(", ")}`);
  }
  return lines;
}

/** The environment each env file configures. */
export function environmentsScreen(files: Array<{ path: string; env: string }>): string {
  return renderTable(
    ["file", "environment"],
    files.map((file) => [file.path, file.env]),
    { maxWidths: [50, 28] },
  );
}

/** A checkbox line for a key: name, class, environments, a flag for public prefixes. */
export function keyChoice(key: CandidateKey): { name: string; description: string } {
  const envs = [...new Set(key.files.map((file) => file.env))].join(", ");
  const flag = key.class === "public" ? "  ! public prefix" : key.publicWarning ? "  ! looks secret" : "";
  const name = clip(`${key.key.padEnd(24)} ${key.class.padEnd(6)} ${envs}${flag}`, 72);
  const previews = key.files.map((file) => `${file.path}:${file.line} ${file.preview}`).join(", ");
  const warn = key.publicWarning ? ` ${key.publicWarning}.` : "";
  return { name, description: clip(`${key.reason}.${warn} ${previews}`, 78) };
}

/** The plan: every key that moves with its scoped name, grouped by file; then what stays. */
export function planScreen(plan: Plan): string {
  const rows: string[][] = [];
  let kept = 0;
  for (const file of plan.files) {
    for (const entry of file.entries) {
      if (entry.action === "move") rows.push([file.path, entry.key, entry.name!]);
      else kept++;
    }
  }
  const widest = (i: number, max: number) => Math.min(max, Math.max(4, ...rows.map((row) => row[i]!.length)));
  const file = widest(0, 18);
  const key = widest(1, 22);
  const table = renderTable(["file", "key", `stored in ${plan.provider} as`], rows, {
    maxWidths: [file, key, WIDTH - file - key - 4],
  });
  const writes = plan.writes.length;
  return `${table}\n${wrap(`${rows.length} key(s) move into ${writes} secret(s) (${plan.layout}); ${kept} line(s) stay as they are.`)}`;
}

/** The stub diffs: removed lines show a redacted preview of the value, never the value. */
export function stubDiffScreen(previews: StubPreview[]): string {
  return previews.map((p) => clip(unifiedDiff(p.path, p.before, p.after))).join("\n");
}

/** The summary and the next steps for this project. */
export function summaryScreen(journal: Journal, outcome: Outcome, start: string): string {
  const { plan } = journal;
  const lines = [
    "",
    `Migration ${plan.id}: ${journal.state}`,
    `  moved to ${plan.provider}: ${outcome.moved} key(s); stubs written: ${outcome.stubs.length} file(s)`,
  ];
  for (const failure of outcome.failed)
    lines.push(`  FAILED ${failure.name}: ${failure.message} (still in plaintext)`);
  if (outcome.failed.length > 0) {
    lines.push("", "Some keys are still in their files. Run `secrets migrate` again to retry.");
    return `${lines.join("\n")}\n`;
  }
  lines.push(
    "",
    "Next steps:",
    step(`secrets run -- ${start}`, "run your app with the secrets"),
    step("secrets check", "in CI: fails on any plaintext secret"),
  );
  if (plan.provider !== "local")
    lines.push(step(`secrets policy --provider ${plan.provider}`, "least-privilege access policy"));
  lines.push(
    step("secrets undo", "put the plaintext files back"),
    "  The stubs hold only references: safe to read and to commit.",
  );
  return `${lines.map((line) => clip(line)).join("\n")}\n`;
}

const step = (command: string, what: string) => `  ${command.padEnd(36)}${what}`;
