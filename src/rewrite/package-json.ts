/**
 * package.json: rewrites loader wrappers in `scripts` and adds dotsecrets to `dependencies`, as span
 * edits, so the file keeps its formatting byte for byte outside the edited strings.
 */

import { objectEnd, objectMembers, rootObject } from "./json-spans.js";
import { rewriteScript } from "./scripts.js";
import { makeFinding } from "./shapes.js";
import { eolOf, type SpanEdit } from "./spans.js";
import type { LoaderFinding } from "./types.js";

export interface PackageJsonPlan {
  findings: LoaderFinding[];
  edits: SpanEdit[];
  /** True when a rewritten script now needs dotsecrets (`-r dotsecrets/config` or `secrets run`). */
  needsDotsecrets: boolean;
  /** True when dotsecrets is already a dependency of any kind. */
  hasDotsecrets: boolean;
  /** "dependencies" when it is a runtime dependency, the section name otherwise. */
  dotsecretsIn?: string;
}

const DEP_SECTIONS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

function position(text: string, offset: number) {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/**
 * Plans the script edits of one package.json. A file that is not valid JSON gets a parse-error
 * finding and no edit. Pure; never throws.
 */
export function planPackageJson(path: string, text: string): PackageJsonPlan {
  const plan: PackageJsonPlan = { findings: [], edits: [], needsDotsecrets: false, hasDotsecrets: false };
  let members: ReturnType<typeof objectMembers>;
  try {
    JSON.parse(text.replace(/^\uFEFF/, ""));
    members = objectMembers(text, rootObject(text));
  } catch {
    plan.findings.push(
      makeFinding(path, { line: 1, column: 1 }, "parse-error", false, "left untouched: not valid JSON"),
    );
    return plan;
  }
  for (const section of DEP_SECTIONS) {
    const deps = members.find((m) => m.key === section && m.kind === "{");
    if (deps && objectMembers(text, deps.valueStart).some((m) => m.key === "dotsecrets")) {
      plan.hasDotsecrets = true;
      plan.dotsecretsIn ??= section;
      if (section === "dependencies") plan.dotsecretsIn = section;
    }
  }
  const scripts = members.find((m) => m.key === "scripts" && m.kind === "{");
  if (!scripts) return plan;
  for (const script of objectMembers(text, scripts.valueStart)) {
    if (script.kind !== '"') continue;
    const command = JSON.parse(text.slice(script.valueStart, script.valueEnd)) as string;
    const result = rewriteScript(command);
    const at = position(text, script.valueStart);
    for (const f of result.findings) {
      const finding = makeFinding(path, at, f.shape, f.rewrite, f.guidance);
      finding.guidance = `script "${script.key}": ${finding.guidance}`;
      plan.findings.push(finding);
    }
    if (result.after !== command) {
      plan.edits.push({ start: script.valueStart, end: script.valueEnd, text: JSON.stringify(result.after) });
      if (/dotsecrets\/config|secrets run/.test(result.after)) plan.needsDotsecrets = true;
    }
  }
  return plan;
}

/**
 * The edit that adds `"dotsecrets": range` to `dependencies` (creating the section when missing),
 * in key order when the section is sorted, with the file's own indentation and line endings.
 * Throws SyntaxError when the text is not a JSON object (planPackageJson reports that first).
 */
export function addDependencyEdit(text: string, range: string): SpanEdit {
  const root = rootObject(text);
  const members = objectMembers(text, root);
  const entry = `"dotsecrets": ${JSON.stringify(range)}`;
  const eol = eolOf(text);
  const lead = (at: number) => {
    let i = at;
    while (i > 0 && /\s/.test(text[i - 1]!)) i--;
    return text.slice(i, at);
  };
  const topSep = members[0] ? lead(members[0].keyStart) : `${eol}  `;
  const unit = topSep.replace(/^\r?\n/, "") || "  ";
  const deps = members.find((m) => m.key === "dependencies" && m.kind === "{");
  if (!deps) {
    const after = members.find((m) => m.key === "scripts") ?? members[members.length - 1];
    const block = `"dependencies": {${eol}${unit}${unit}${entry}${eol}${unit}}`;
    if (!after) return { start: root + 1, end: root + 1, text: `${eol}${unit}${block}${eol}` };
    return { start: after.valueEnd, end: after.valueEnd, text: `,${topSep}${block}` };
  }
  const inner = objectMembers(text, deps.valueStart);
  if (inner.length === 0) {
    const end = objectEnd(text, deps.valueStart);
    return { start: deps.valueStart, end: end + 1, text: `{${eol}${unit}${unit}${entry}${eol}${unit}}` };
  }
  const sep = lead(inner[0]!.keyStart);
  const sorted = inner.every((m, i) => i === 0 || inner[i - 1]!.key <= m.key);
  const next = sorted ? inner.find((m) => m.key > "dotsecrets") : undefined;
  if (next) return { start: next.keyStart, end: next.keyStart, text: `${entry},${sep}` };
  const last = inner[inner.length - 1]!;
  return { start: last.valueEnd, end: last.valueEnd, text: `,${sep}${entry}` };
}
