/** `secrets run --explain`: which file gave each key. Names, files and lines only, never a value. */
import type { Loaded } from "../runtime/load.js";
import { renderTable } from "./table.js";

/** The explanation as data for --json. Throws nothing. */
export function explainJson(loaded: Pick<Loaded, "read" | "explain" | "warnings">) {
  return {
    files: loaded.read,
    keys: loaded.explain,
    warnings: loaded.warnings,
  };
}

/** The explanation as a table, most specific file last in the list of files read. Throws nothing. */
export function renderExplain(loaded: Pick<Loaded, "read" | "explain">): string {
  const rows = loaded.explain.map((row) => [
    row.key,
    `${row.file}:${row.line}`,
    row.source === "reference" ? `secret ${row.name}` : "plain",
    row.overrides.length > 0 ? `over ${row.overrides.join(", ")}` : "",
  ]);
  const table = rows.length === 0 ? "" : renderTable(["key", "from", "value", "overrides"], rows);
  return `Stubs read, lowest precedence first: ${loaded.read.join(", ")}\n${table}`;
}
