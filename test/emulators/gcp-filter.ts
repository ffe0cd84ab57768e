/**
 * The subset of Secret Manager's list filter syntax the emulator understands: terms joined by
 * whitespace or `AND`; each term `labels.K=V`, `labels.K:V` (has value), `labels.K:*` (has key),
 * `name:TEXT` (substring of the id), `state:ENABLED` (versions). Anything else is INVALID_ARGUMENT,
 * so a provider sending a filter the real service would read differently fails loudly.
 */
import { status } from "@grpc/grpc-js";
import { EmuError } from "./gcp-store.js";

export type FilterTerm =
  | { kind: "label"; key: string; value: string | undefined }
  | { kind: "name"; text: string }
  | { kind: "state"; state: string };

export interface Filterable {
  name: string;
  labels: Record<string, string>;
  state?: string;
}

const TERM =
  /^(?:labels\.([\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]*)([:=])(\*|"[^"]*"|[^\s"]*)|name:([^\s]+)|state:([A-Z]+))$/u;

/** Parses a filter string. Throws EmuError(INVALID_ARGUMENT) for syntax outside the subset. */
export function parseFilter(filter: string): FilterTerm[] {
  const words = filter.trim() === "" ? [] : filter.trim().split(/\s+/);
  const terms: FilterTerm[] = [];
  for (const word of words) {
    if (word === "AND") continue;
    const match = TERM.exec(word);
    if (!match) throw new EmuError(status.INVALID_ARGUMENT, `unsupported filter term '${word}'`);
    if (match[1] !== undefined) {
      const raw = match[3]!.replace(/^"|"$/g, "");
      terms.push({ kind: "label", key: match[1], value: match[2] === ":" && raw === "*" ? undefined : raw });
    } else if (match[4] !== undefined) terms.push({ kind: "name", text: match[4] });
    else terms.push({ kind: "state", state: match[5]! });
  }
  return terms;
}

/** True when `item` satisfies every term. */
export function matchesFilter(terms: FilterTerm[], item: Filterable): boolean {
  return terms.every((term) => {
    if (term.kind === "name") return item.name.includes(term.text);
    if (term.kind === "state") return item.state === term.state;
    if (!Object.hasOwn(item.labels, term.key)) return false;
    return term.value === undefined || item.labels[term.key] === term.value;
  });
}
