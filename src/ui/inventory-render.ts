/** Renderers for inventory: they return strings; the command decides where they go. */
import type { Inventory, InventoryWarning, Usage } from "../inventory/types.js";
import { renderTable } from "./table.js";

/** The main table, the keys read in code but defined nowhere, and a one-line summary. */
export function renderInventory(inv: Inventory): string {
  const rows: { file: string; line: number; cells: string[] }[] = [];
  for (const key of inv.keys) {
    for (const o of key.occurrences) {
      const cells = [o.file, o.env ?? "-", key.key, o.class, o.reason, usedAt(key.usages)];
      rows.push({ file: o.file, line: o.line, cells });
    }
  }
  rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const table =
    rows.length === 0
      ? ""
      : renderTable(
          ["file", "env", "key", "class", "reason", "used at"],
          rows.map((r) => r.cells),
          { maxWidths: [undefined, 16, undefined, undefined, 64, 48] },
        );
  const s = inv.summary;
  const summary = `${s.files} file(s), ${s.keys} key(s): ${s.secret} secret, ${s.config} config, ${s.public} public\n`;
  return `${table}${renderUndeclared(inv)}${table || inv.undeclared.length > 0 ? "\n" : ""}${summary}`;
}

export function renderUndeclared(inv: Inventory): string {
  if (inv.undeclared.length === 0) return "";
  const rows = inv.undeclared.map((u) => [u.key, usedAt(u.usages)]);
  return `\nRead in code but defined in no .env file:\n${renderTable(["key", "used at"], rows)}`;
}

function usedAt(usages: Usage[]): string {
  if (usages.length === 0) return "-";
  const first = `${usages[0]!.file}:${usages[0]!.line}`;
  return usages.length > 1 ? `${first} +${usages.length - 1} more` : first;
}

/** Warnings as `warning: file:line: message` lines, for stderr. */
export function renderWarnings(warnings: InventoryWarning[]): string {
  return warnings.map((w) => `warning: ${w.file}${w.line ? `:${w.line}` : ""}: ${w.message}\n`).join("");
}
