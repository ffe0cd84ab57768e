/**
 * `.claude/settings.json`: our `permissions.deny` rules merged into the user's file as text
 * insertions, so every key, value, order and indentation of theirs stays byte for byte.
 */

import { InternalError, UserError } from "../core/errors.js";
import { loadTemplate } from "../core/templates.js";
import { type JsonNode, JsonScanError, member, scanJson } from "./json-scan.js";
import { applySplice, eolOf } from "./splice.js";
import type { AgentFacts, Splice } from "./types.js";

export const CLAUDE_SETTINGS = ".claude/settings.json";

/**
 * The deny rules: Read rules for env overrides, keys and credential files, and the local store's
 * folders; Bash rules for `secrets get` and for printing the environment under `secrets run`.
 */
export function claudeDenyRules(facts: AgentFacts): string[] {
  const rules = loadTemplate("agents/claude-deny.txt")
    .split("\n")
    .filter((line) => line.trim() !== "");
  for (const dir of facts.storeDirs) rules.push(`Read(${dir.replace(/\/+$/, "")}/**)`);
  return [...new Set(rules)];
}

interface Style {
  eol: string;
  unit: string;
  text: string;
}

function lineIndent(text: string, pos: number): string {
  const start = text.lastIndexOf("\n", pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function styleOf(text: string): Style {
  const indented = /\n([ \t]+)\S/.exec(text);
  return { eol: eolOf(text), unit: indented?.[1] ?? "  ", text };
}

function renderList(items: string[], indent: string, s: Style): string {
  const lines = items.map((item) => `${indent}${s.unit}${JSON.stringify(item)}`);
  return `[${s.eol}${lines.join(`,${s.eol}`)}${s.eol}${indent}]`;
}

/** Inserts `entries` (already rendered at `indent` + unit) into an object or array node. */
function insertInto(node: JsonNode & { type: "object" | "array" }, entries: string[], s: Style): Splice {
  const children = node.type === "object" ? node.members.map((m) => m.value) : node.items;
  const last = children[children.length - 1];
  if (!last) {
    const indent = lineIndent(s.text, node.start);
    const inner = entries.map((e) => `${indent}${s.unit}${e}`).join(`,${s.eol}`);
    const at = node.start + 1;
    return { at, removed: s.text.slice(at, node.end - 1), inserted: `${s.eol}${inner}${s.eol}${indent}` };
  }
  const firstStart = node.type === "object" ? node.members[0]!.keyStart : node.items[0]!.start;
  if (!s.text.slice(node.start, firstStart).includes("\n")) {
    return { at: last.end, removed: "", inserted: entries.map((e) => `, ${e}`).join("") };
  }
  const indent = lineIndent(s.text, node.type === "object" ? node.members.at(-1)!.keyStart : last.start);
  return { at: last.end, removed: "", inserted: entries.map((e) => `,${s.eol}${indent}${e}`).join("") };
}

/**
 * Plans the settings file: returns the splice that adds the missing deny rules, or undefined when
 * every rule is there. Throws UserError(CONFIG) when the file is not JSON or `permissions` /
 * `permissions.deny` have another type (the file is left alone rather than clobbered).
 */
export function planClaudeSettings(current: string | undefined, facts: AgentFacts): Splice | undefined {
  const rules = claudeDenyRules(facts);
  const base = current ?? "{}\n";
  let root: JsonNode;
  try {
    root = scanJson(base);
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    throw new UserError("CONFIG", `${CLAUDE_SETTINGS}: not valid JSON (${error.message})`, {
      hint: "fix the file, then run `secrets agents` again",
    });
  }
  const wrongType = (what: string) =>
    new UserError("CONFIG", `${CLAUDE_SETTINGS}: ${what}`, {
      hint: "fix the file, then run `secrets agents`",
    });
  if (root.type !== "object") throw wrongType("expected a JSON object");
  const s = styleOf(base);
  const permissions = member(root, "permissions");
  let splice: Splice | undefined;
  if (!permissions) {
    const indent = lineIndent(base, root.start) + s.unit;
    const deny = `"deny": ${renderList(rules, indent + s.unit, s)}`;
    const value = `{${s.eol}${indent}${s.unit}${deny}${s.eol}${indent}}`;
    splice = insertInto(root, [`"permissions": ${value}`], s);
  } else if (permissions.value.type !== "object") {
    throw wrongType('"permissions" must be an object');
  } else {
    const deny = member(permissions.value, "deny");
    if (!deny) {
      const indent = lineIndent(base, permissions.value.start) + s.unit;
      splice = insertInto(permissions.value, [`"deny": ${renderList(rules, indent, s)}`], s);
    } else if (deny.value.type !== "array") {
      throw wrongType('"permissions.deny" must be an array');
    } else {
      const have = new Set(deny.value.items.flatMap((item) => (item.type === "string" ? [item.value] : [])));
      const missing = rules.filter((rule) => !have.has(rule));
      if (missing.length === 0) return undefined;
      splice = insertInto(
        deny.value,
        missing.map((rule) => JSON.stringify(rule)),
        s,
      );
    }
  }
  const after = applySplice(base, splice);
  assertMerged(after, rules);
  return current === undefined ? { at: 0, removed: "", inserted: after } : splice;
}

/** Guards the text surgery: the result parses and denies every rule. */
function assertMerged(after: string, rules: string[]): void {
  const parsed = JSON.parse(after.replace(/^\uFEFF/, "")) as { permissions?: { deny?: unknown } };
  const deny = parsed.permissions?.deny;
  if (!Array.isArray(deny) || rules.some((rule) => !deny.includes(rule))) {
    throw new InternalError(`${CLAUDE_SETTINGS}: merged text lost a rule`);
  }
}

/** True when the settings text denies every rule (for `secrets doctor`). Never throws. */
export function claudeSettingsHoldRules(current: string | undefined, facts: AgentFacts): boolean {
  try {
    return current !== undefined && planClaudeSettings(current, facts) === undefined;
  } catch {
    return false;
  }
}
