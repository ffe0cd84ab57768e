/**
 * `secrets inventory`: lists every dotenv file and key (secret, config or public, and why) and where
 * the code reads each one, as a table or `--json`. Values never appear: only redacted previews, and
 * those only in the JSON.
 *
 * Exit codes: 0 when the inventory was produced, warnings included, and also for a project with no
 * .env files at all (a clear message, not a failure: there is simply nothing to migrate); 2 for bad
 * options, a missing root, or when dotenv files exist but not one of them could be read.
 */
import { resolve } from "node:path";
import { EXIT, UserError } from "../core/errors.js";
import type { Inventory, InventoryWarning, Usage } from "../inventory/types.js";
import { renderTable } from "../ui/table.js";
import { parseCommandArgs, splitList } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets inventory [options]

List every .env file under the project and every key in them: whether it looks like a secret,
plain config, or a public (browser-exposed) value, why, and where the code reads it.
No value is ever printed.

Options:
  --root DIR               project root to scan (default: the current directory)
  --env-map FILE=ENV,...   set the environment of files whose name does not say it
                           (paths relative to the root, e.g. config/.env=staging)
  --no-usages              do not scan source files for env reads
  --json                   print the inventory as JSON (previews only, never values)
  -h, --help               show this help
`;

/** `secrets inventory [--json] [--root DIR] [--env-map FILE=ENV,...]`. Throws UserError(USAGE|CONFIG). */
export const inventory: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("inventory", argv, {
    json: { type: "boolean" },
    root: { type: "string" },
    "env-map": { type: "string", multiple: true },
    "no-usages": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const rootArg = values.root ?? ".";
  // Loaded here, not at the top, so `--help` and usage errors stay as fast as `secrets --help`.
  const { buildInventory } = await import("../inventory/index.js");
  const result = await buildInventory({
    root: resolve(ctx.cwd, rootArg),
    envMap: parseEnvMap(values["env-map"] ?? []),
    scanCode: !values["no-usages"],
  });
  const unreadable = result.files.length > 0 && result.files.every((f) => !f.readable);

  if (values.json) {
    ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.files.length === 0) {
    ctx.stderr.write(renderWarnings(result.warnings));
    ctx.stderr.write(`No .env files found under ${rootArg}: nothing to inventory.\n`);
    if (result.undeclared.length > 0) ctx.stdout.write(renderUndeclared(result));
  } else {
    ctx.stdout.write(renderInventory(result));
    ctx.stderr.write(renderWarnings(result.warnings));
  }
  if (unreadable) {
    ctx.stderr.write(
      `error: none of the ${result.files.length} dotenv file(s) could be read (see the warnings above)\n`,
    );
    return EXIT.usage;
  }
  return EXIT.ok;
};

/** `a/.env=staging,b/.env.x=prod` (repeatable) → a record. Throws UserError(USAGE) on a malformed item. */
export function parseEnvMap(items: string[]): Record<string, string> | undefined {
  const pairs = items.flatMap(splitList);
  if (pairs.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf("=");
    const file = pair.slice(0, at).trim();
    const env = pair.slice(at + 1).trim();
    if (at <= 0 || !file || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(env)) {
      throw new UserError("USAGE", `secrets inventory: --env-map item '${pair}' is not FILE=ENV`, {
        hint: "for example --env-map config/.env=staging (environment names: letters, digits, . _ -)",
      });
    }
    map[file] = env;
  }
  return map;
}

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

function renderUndeclared(inv: Inventory): string {
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
