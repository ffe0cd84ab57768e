/**
 * Decides, per loader found in one JavaScript/TypeScript file, whether and how it is rewritten to
 * `dotsecrets/config`, and returns the span edits with one finding per decision.
 */
import type { CallExpression, Node } from "@babel/types";
import { DEFAULT_FILE, judgeOptions, type OptionsVerdict, staticPath } from "./js-options.js";
import { type Decl, requireLiteral, type Scan } from "./js-scan.js";
import { makeFinding } from "./shapes.js";
import { eolOf, lineInsertPoint, type SpanEdit, statementSpan } from "./spans.js";
import type { LoaderFinding, ShapeId } from "./types.js";

export interface JsPlan {
  findings: LoaderFinding[];
  edits: SpanEdit[];
  /** True when the edited file imports dotsecrets (so the package must be a dependency). */
  importsDotsecrets: boolean;
}

/** An edit that makes the file load dotsecrets/config here; only the first one in a file is kept. */
interface Provider {
  pos: number;
  with: SpanEdit[];
  /** What to do instead when an earlier provider (or an existing import) already loads it. */
  without: SpanEdit[] | null;
  findings: LoaderFinding[];
}

const TARGET = "dotsecrets/config";
const REPORT_ONLY = new Set(["dotenv-flow", "dotenv-expand", "dotenvx"]);

/** Plans the edits of one parsed file. Pure; never throws. */
export function planJs(path: string, text: string, scan: Scan): JsPlan {
  const findings: LoaderFinding[] = [];
  const edits: SpanEdit[] = [];
  const providers: Provider[] = [];
  const consumed = new Map<Decl, { provide: boolean }>();
  const eol = eolOf(text);
  const firstImport = scan.program.body.find((s) => s.type === "ImportDeclaration");
  const quote = firstImport ? text[firstImport.source.start!]! : guessQuote(scan, text);
  const semi = firstImport ? text[firstImport.end! - 1] === ";" : true;
  const at = (node: Node) => ({ line: node.loc!.start.line, column: node.loc!.start.column + 1 });
  const add = (node: Node, shape: ShapeId, rewrite: boolean, guidance?: string) => {
    const f = makeFinding(path, at(node), shape, rewrite, guidance);
    findings.push(f);
    return f;
  };
  const requireText = (q: string) => `require(${q}${TARGET}${q})`;
  const importText = (q: string, s: boolean) => `import ${q}${TARGET}${q}${s ? ";" : ""}`;
  const remove = (node: Node): SpanEdit => {
    const [start, end] = statementSpan(text, node.start!, node.end!);
    return { start, end, text: "" };
  };
  const overwrite = (node: Node, t: string): SpanEdit => ({ start: node.start!, end: node.end!, text: t });
  const insertBefore = (node: Node, line: string): SpanEdit => {
    const { at: pos, indent } = lineInsertPoint(text, node.start!);
    return { start: pos, end: pos, text: `${line}${eol}${indent}` };
  };
  const topInsert = (): SpanEdit => {
    const anchor = firstImport ?? scan.program.body[0];
    const line = scan.esm ? importText(quote, semi) : `${requireText(quote)}${semi ? ";" : ""}`;
    if (!anchor) return { start: text.length, end: text.length, text: `${line}${eol}` };
    return insertBefore(anchor, line);
  };

  for (const site of scan.sites) {
    const lit = site.literal;
    const parent = site.ancestors[site.ancestors.length - 1];
    if (REPORT_ONLY.has(site.family)) {
      add(site.node, site.family as ShapeId, false);
      continue;
    }
    if (!site.sideEffect || (site.family !== "dotenv" && site.family !== "dotenv-safe")) continue;
    const stmt =
      site.node.type === "ImportDeclaration"
        ? site.node
        : parent?.type === "ExpressionStatement"
          ? parent
          : undefined;
    const top = stmt !== undefined && scan.program.body.includes(stmt as never);
    if (site.family === "dotenv-safe") {
      if (!top) add(site.node, "dotenv-safe", false);
      else {
        const f = add(site.node, "dotenv-safe", true);
        providers.push({
          pos: stmt.start!,
          with: [insertBefore(stmt, lineFor(stmt))],
          without: null,
          findings: [f],
        });
      }
      continue;
    }
    const rename: SpanEdit = { start: lit.start! + 1, end: lit.end! - 1, text: TARGET };
    const f = add(site.node, "dotenv-config-import", true);
    if (top) providers.push({ pos: stmt.start!, with: [rename], without: [remove(stmt)], findings: [f] });
    else {
      edits.push(rename);
      add(site.node, "conditional-loading", true);
    }
  }

  for (const site of scan.configCalls) {
    if (site.family !== "dotenv" && site.family !== "dotenv-safe") continue;
    const verdict = judgeOptions(site.call.arguments, path);
    const parent = site.ancestors[site.ancestors.length - 1]!;
    const stmt = parent.type === "ExpressionStatement" ? parent : undefined;
    const top = stmt !== undefined && site.ancestors.length === 2;
    const decl = site.binding?.decl;
    const keep = () => {
      if (decl) decl.otherUses++;
    };
    if (!stmt) {
      add(site.call, usesParsed(site.call, parent) ? "config-parsed-used" : "config-result-used", false);
      if (verdict.override) add(site.call, "override-true", false);
      keep();
      continue;
    }
    if (!verdict.ok) {
      reportProblem(add, site.call, verdict);
      keep();
      continue;
    }
    if (site.family === "dotenv-safe") {
      if (!top || verdict.override) {
        add(site.call, "dotenv-safe", false);
        if (verdict.override) add(site.call, "override-true", false);
        keep();
        continue;
      }
      const anchor = decl?.topLevel ? decl.stmt : stmt;
      const f = add(site.call, "dotenv-safe", true);
      providers.push({
        pos: anchor.start!,
        with: [insertBefore(anchor, lineFor(anchor))],
        without: null,
        findings: [f],
      });
      keep();
      continue;
    }
    const shape: ShapeId = decl?.esm ? "dotenv-config-call" : "require-dotenv-config";
    if (!top && decl?.esm) {
      add(site.call, "conditional-loading", false);
      keep();
      continue;
    }
    const found = [add(site.call, shape, true)];
    if (verdict.override) found.push(add(site.call, "override-true", true));
    if (!top) {
      found.push(add(site.call, "conditional-loading", true));
      edits.push(
        overwrite(
          site.call,
          requireText(quoteOf(text, decl?.literal ?? requireLiteral(calleeObject(site.call)), quote)),
        ),
      );
      if (decl) markConsumed(consumed, decl, false);
    } else if (decl) {
      edits.push(remove(stmt));
      markConsumed(consumed, decl, true);
    } else {
      const q = quoteOf(text, requireLiteral(calleeObject(site.call)), quote);
      providers.push({
        pos: stmt.start!,
        with: [overwrite(site.call, requireText(q))],
        without: [remove(stmt)],
        findings: found,
      });
    }
  }

  for (const decl of scan.decls) {
    const use = consumed.get(decl);
    if (!use) continue;
    const q = quoteOf(text, decl.literal, quote);
    const s = text[decl.stmt.end! - 1] === ";";
    if (decl.whole && decl.otherUses === 0) {
      if (!use.provide) edits.push(remove(decl.stmt));
      else {
        const line = decl.esm ? importText(q, s) : `${requireText(q)}${s ? ";" : ""}`;
        providers.push({
          pos: decl.stmt.start!,
          with: [overwrite(decl.stmt, line)],
          without: [remove(decl.stmt)],
          findings: [],
        });
      }
    } else if (use.provide) {
      providers.push({
        pos: decl.stmt.start!,
        with: [insertBefore(decl.stmt, lineFor(decl.stmt))],
        without: null,
        findings: [],
      });
    }
  }

  for (const site of scan.parseCalls) add(site.call, "dotenv-parse-readfile", false);
  planLoadEnvFile(scan, path, add, edits, providers, {
    remove,
    overwrite,
    topInsert,
    requireText: () => requireText(quote),
  });
  planNest(scan, path, add, providers, topInsert);

  const hasTarget = scan.sites.some((s) => s.family === "dotsecrets");
  providers.sort((a, b) => a.pos - b.pos);
  providers.forEach((p, i) => {
    if (i === 0 && !hasTarget) {
      edits.push(...p.with);
    } else if (p.without) {
      edits.push(...p.without);
      if (p.findings[0]) add(nodeAt(p.findings[0]), "duplicate-loader", true);
    } else {
      for (const f of p.findings) {
        f.rewrite = false;
        f.guidance = "dotsecrets/config is already loaded before it in this file";
      }
    }
  });
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  const importsDotsecrets = edits.some((e) => e.text.includes(TARGET)) || (hasTarget && findings.length > 0);
  return { findings, edits, importsDotsecrets };

  /** The line that loads dotsecrets/config before `node`, in that statement's module style. */
  function lineFor(node: Node): string {
    const s = text[node.end! - 1] === ";";
    if (node.type === "ImportDeclaration") return importText(text[node.source.start!]!, s);
    if (node.type === "TSImportEqualsDeclaration") return importText(quote, s);
    return `${requireText(quote)}${s ? ";" : ""}`;
  }
}

type Add = (node: Node, shape: ShapeId, rewrite: boolean, guidance?: string) => LoaderFinding;

const nodeAt = (f: LoaderFinding): Node =>
  ({ loc: { start: { line: f.line, column: f.column - 1 } } }) as Node;

function markConsumed(map: Map<Decl, { provide: boolean }>, decl: Decl, provide: boolean) {
  const prev = map.get(decl);
  map.set(decl, { provide: (prev?.provide ?? false) || provide });
}

function reportProblem(add: Add, node: Node, verdict: Extract<OptionsVerdict, { ok: false }>) {
  const extra =
    verdict.problem === "custom-path" && verdict.path
      ? `it loads ${verdict.path}: set DOTSECRETS_ENV to the environment whose stub that is (or DOTENV_CONFIG_PATH=${verdict.path}) and use import 'dotsecrets/config', or start it with \`secrets run --file ${verdict.path} --\``
      : undefined;
  add(node, verdict.problem, false, extra);
  if (verdict.override) add(node, "override-true", false);
}

/** True when the call's result is read for `.parsed` (member access or destructuring). */
function usesParsed(call: CallExpression, parent: Node): boolean {
  if (parent.type === "MemberExpression" && parent.object === call) {
    return parent.property.type === "Identifier" && parent.property.name === "parsed";
  }
  if (parent.type === "VariableDeclarator" && parent.id.type === "ObjectPattern") {
    return parent.id.properties.some(
      (p) => p.type === "ObjectProperty" && p.key.type === "Identifier" && p.key.name === "parsed",
    );
  }
  return false;
}

const calleeObject = (call: CallExpression): Node | undefined =>
  call.callee.type === "MemberExpression" ? call.callee.object : undefined;

const quoteOf = (text: string, literal: Node | undefined, fallback: string) =>
  literal?.start !== undefined && literal.start !== null ? text[literal.start]! : fallback;

function guessQuote(scan: Scan, text: string): string {
  const lit = scan.sites[0]?.literal;
  if (lit?.extra?.raw) return String(lit.extra.raw)[0]!;
  const singles = text.split("'").length;
  return singles > text.split('"').length ? "'" : '"';
}

interface Helpers {
  remove: (node: Node) => SpanEdit;
  overwrite: (node: Node, text: string) => SpanEdit;
  topInsert: () => SpanEdit;
  requireText: () => string;
}

function planLoadEnvFile(
  scan: Scan,
  path: string,
  add: Add,
  edits: SpanEdit[],
  providers: Provider[],
  h: Helpers,
) {
  for (const site of scan.loadEnvFileCalls) {
    const [arg] = site.call.arguments;
    const file = arg === undefined ? DEFAULT_FILE : staticPath(arg, path);
    if (file !== DEFAULT_FILE || site.call.arguments.length > 1) {
      reportProblem(add, site.call, {
        ok: false,
        override: false,
        problem: file ? "custom-path" : "computed-path",
        ...(file ? { path: file } : {}),
      });
      continue;
    }
    const parent = site.ancestors[site.ancestors.length - 1]!;
    const stmt = parent.type === "ExpressionStatement" ? parent : undefined;
    const top = stmt !== undefined && site.ancestors.length === 2;
    if (!stmt || (!top && scan.esm)) {
      add(site.call, "process-loadEnvFile", false);
      if (stmt) add(site.call, "conditional-loading", false);
      continue;
    }
    const found = [add(site.call, "process-loadEnvFile", true)];
    if (!top) {
      found.push(add(site.call, "conditional-loading", true));
      edits.push(h.overwrite(site.call, h.requireText()));
    } else if (scan.esm) {
      edits.push(h.remove(stmt));
      providers.push({ pos: h.topInsert().start, with: [h.topInsert()], without: null, findings: found });
    } else {
      providers.push({
        pos: stmt.start!,
        with: [h.overwrite(site.call, h.requireText())],
        without: [h.remove(stmt)],
        findings: found,
      });
    }
  }
}

function planNest(scan: Scan, path: string, add: Add, providers: Provider[], topInsert: () => SpanEdit) {
  for (const site of scan.nestCalls) {
    const [options] = site.call.arguments;
    if (options?.type === "ObjectExpression") {
      const ignore = options.properties.some(
        (p) =>
          p.type === "ObjectProperty" &&
          p.key.type === "Identifier" &&
          p.key.name === "ignoreEnvFile" &&
          !(p.value.type === "BooleanLiteral" && !p.value.value),
      );
      if (ignore) continue;
    }
    const verdict = judgeOptions(site.call.arguments, path, "envFilePath");
    if (!verdict.ok) {
      add(site.call, "nest-config-module", false);
      continue;
    }
    const f = add(site.call, "nest-config-module", true);
    const edit = topInsert();
    providers.push({ pos: edit.start, with: [edit], without: null, findings: [f] });
  }
}
