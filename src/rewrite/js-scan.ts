/**
 * Collects the facts the JavaScript codemod decides on, from one parsed file: where loader modules
 * are imported or required, which local names are bound to them, and every use of those names.
 */
import type { CallExpression, File, Node, StringLiteral } from "@babel/types";

/** Modules whose `config()` loads an env file, by family. */
export const CALL_MODULES: Record<string, Family> = {
  dotenv: "dotenv",
  "dotenv-safe": "dotenv-safe",
  "dotenv-flow": "dotenv-flow",
  "dotenv-expand": "dotenv-expand",
  "@dotenvx/dotenvx": "dotenvx",
};
/** Modules that load an env file just by being imported. */
export const SIDE_EFFECT_MODULES: Record<string, Family> = {
  "dotenv/config": "dotenv",
  "dotenv/config.js": "dotenv",
  "dotenv-safe/config": "dotenv-safe",
  "dotenv-flow/config": "dotenv-flow",
  "dotenv-expand/config": "dotenv-expand",
  "@dotenvx/dotenvx/config": "dotenvx",
  "dotsecrets/config": "dotsecrets",
};

export type Family = "dotenv" | "dotenv-safe" | "dotenv-flow" | "dotenv-expand" | "dotenvx" | "dotsecrets";

/** A statement declaring names bound to a loader module (an import, or `const x = require(...)`). */
export interface Decl {
  stmt: Node;
  family: Family;
  literal: StringLiteral;
  /** `import`-style (ESM or TS import-equals) rather than `require`. */
  esm: boolean;
  /** True when every name it declares is tracked (so it can go once they are all unused). */
  whole: boolean;
  topLevel: boolean;
  /** Uses of its names that the codemod does not consume (e.g. dotenv.parse, passing dotenv around). */
  otherUses: number;
}

export interface Binding {
  decl: Decl;
  /** `module`: the module object; `config` / `parse`: that function. */
  kind: "module" | "config" | "parse" | "other";
}

export interface ModuleSite {
  family: Family;
  literal: StringLiteral;
  /** The import declaration or require() call. */
  node: Node;
  sideEffect: boolean;
  ancestors: Node[];
}

export interface CallSite {
  call: CallExpression;
  family: Family;
  binding?: Binding;
  ancestors: Node[];
}

export interface Scan {
  program: File["program"];
  esm: boolean;
  sites: ModuleSite[];
  configCalls: CallSite[];
  parseCalls: CallSite[];
  loadEnvFileCalls: CallSite[];
  nestCalls: CallSite[];
  decls: Decl[];
}

const SKIP_KEYS = new Set([
  "loc",
  "start",
  "end",
  "extra",
  "leadingComments",
  "trailingComments",
  "innerComments",
  "range",
]);

/** Calls `visit` on every node under `node` with its ancestors (outermost first). */
export function walk(
  node: Node,
  visit: (node: Node, ancestors: Node[]) => void,
  ancestors: Node[] = [],
): void {
  visit(node, ancestors);
  ancestors.push(node);
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit, ancestors);
    } else if (isNode(value)) walk(value, visit, ancestors);
  }
  ancestors.pop();
}

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";

/** `require('x')` with one string argument: its literal, else undefined. */
export function requireLiteral(node: Node | null | undefined): StringLiteral | undefined {
  if (node?.type !== "CallExpression" || node.callee.type !== "Identifier" || node.callee.name !== "require")
    return undefined;
  const [arg] = node.arguments;
  return node.arguments.length === 1 && arg?.type === "StringLiteral" ? arg : undefined;
}

const propName = (node: Node): string | undefined =>
  node.type === "Identifier" ? node.name : node.type === "StringLiteral" ? node.value : undefined;

/** Reads the facts of one parsed file. Never throws. */
export function scanFile(ast: File, extension: string): Scan {
  const program = ast.program;
  const esm =
    extension === "mjs" ||
    extension === "mts" ||
    program.body.some((s) => s.type === "ImportDeclaration" || s.type.startsWith("Export"));
  const scan: Scan = {
    program,
    esm,
    sites: [],
    configCalls: [],
    parseCalls: [],
    loadEnvFileCalls: [],
    nestCalls: [],
    decls: [],
  };
  const bindings = new Map<string, Binding>();
  const declIds = new Set<Node>();
  let nestName: string | undefined;

  const bind = (id: Node, decl: Decl, kind: Binding["kind"]) => {
    if (id.type !== "Identifier") return;
    bindings.set(id.name, { decl, kind });
    declIds.add(id);
  };

  // Pass 1: declarations and module sites.
  walk(program, (node, ancestors) => {
    const topLevel = ancestors.length === 1;
    if (node.type === "ImportDeclaration" && node.importKind !== "type") {
      const source = node.source.value;
      if (source === "@nestjs/config") {
        for (const s of node.specifiers)
          if (s.type === "ImportSpecifier" && propName(s.imported) === "ConfigModule")
            nestName = s.local.name;
        return;
      }
      const family = CALL_MODULES[source] ?? SIDE_EFFECT_MODULES[source];
      if (!family) return;
      scan.sites.push({
        family,
        literal: node.source,
        node,
        sideEffect: node.specifiers.length === 0,
        ancestors: [...ancestors],
      });
      if (node.specifiers.length === 0 || !CALL_MODULES[source]) return;
      const decl: Decl = {
        stmt: node,
        family,
        literal: node.source,
        esm: true,
        whole: true,
        topLevel,
        otherUses: 0,
      };
      scan.decls.push(decl);
      for (const s of node.specifiers) {
        if (s.type === "ImportSpecifier") {
          const name = propName(s.imported);
          bind(s.local, decl, name === "config" ? "config" : name === "parse" ? "parse" : "other");
        } else bind(s.local, decl, "module");
      }
    } else if (
      node.type === "TSImportEqualsDeclaration" &&
      node.moduleReference.type === "TSExternalModuleReference"
    ) {
      const literal = node.moduleReference.expression;
      const family = CALL_MODULES[literal.value];
      if (!family) return;
      scan.sites.push({ family, literal, node, sideEffect: false, ancestors: [...ancestors] });
      const decl: Decl = { stmt: node, family, literal, esm: true, whole: true, topLevel, otherUses: 0 };
      scan.decls.push(decl);
      bind(node.id, decl, "module");
    } else if (
      node.type === "ImportExpression" ||
      (node.type === "CallExpression" && node.callee.type === "Import")
    ) {
      // import('dotenv/config'): a side-effect load like require(), renamed in place.
      const arg = node.type === "ImportExpression" ? node.source : node.arguments[0];
      const family = arg?.type === "StringLiteral" ? SIDE_EFFECT_MODULES[arg.value] : undefined;
      if (arg?.type === "StringLiteral" && family) {
        scan.sites.push({ family, literal: arg, node, sideEffect: true, ancestors: [...ancestors] });
      }
    } else if (node.type === "CallExpression") {
      const literal = requireLiteral(node);
      const family = literal && (CALL_MODULES[literal.value] ?? SIDE_EFFECT_MODULES[literal.value]);
      if (!literal || !family) return;
      scan.sites.push({
        family,
        literal,
        node,
        sideEffect: !CALL_MODULES[literal.value],
        ancestors: [...ancestors],
      });
      const declarator = ancestors[ancestors.length - 1];
      const stmt = ancestors[ancestors.length - 2];
      if (
        declarator?.type !== "VariableDeclarator" ||
        declarator.init !== node ||
        stmt?.type !== "VariableDeclaration"
      )
        return;
      const whole = stmt.declarations.length === 1;
      const decl: Decl = {
        stmt,
        family,
        literal,
        esm: false,
        whole,
        topLevel: ancestors.length === 3,
        otherUses: 0,
      };
      scan.decls.push(decl);
      if (declarator.id.type === "Identifier") bind(declarator.id, decl, "module");
      else if (declarator.id.type === "ObjectPattern") {
        for (const p of declarator.id.properties) {
          if (p.type !== "ObjectProperty" || p.computed) {
            decl.whole = false;
            continue;
          }
          const name = propName(p.key);
          declIds.add(p.key);
          bind(p.value, decl, name === "config" ? "config" : name === "parse" ? "parse" : "other");
        }
      } else decl.whole = false;
    }
  });

  // Pass 2: calls and every other use of the bound names.
  walk(program, (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    const grand = ancestors[ancestors.length - 2];
    if (node.type === "CallExpression") {
      const callee = node.callee;
      if (callee.type !== "MemberExpression" || callee.computed) return;
      const method = propName(callee.property);
      const objLiteral = requireLiteral(callee.object);
      const family = objLiteral && CALL_MODULES[objLiteral.value];
      if (family && method === "config")
        scan.configCalls.push({ call: node, family, ancestors: [...ancestors] });
      else if (family === "dotenv" && method === "parse")
        scan.parseCalls.push({ call: node, family, ancestors: [...ancestors] });
      else if (
        callee.object.type === "Identifier" &&
        callee.object.name === "process" &&
        method === "loadEnvFile"
      )
        scan.loadEnvFileCalls.push({ call: node, family: "dotenv", ancestors: [...ancestors] });
      else if (
        nestName &&
        callee.object.type === "Identifier" &&
        callee.object.name === nestName &&
        method === "forRoot"
      )
        scan.nestCalls.push({ call: node, family: "dotenv", ancestors: [...ancestors] });
      return;
    }
    if (node.type !== "Identifier" || declIds.has(node)) return;
    const binding = bindings.get(node.name);
    if (!binding || !parent) return;
    if (
      (parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") &&
      parent.property === node &&
      !parent.computed
    )
      return;
    if (
      (parent.type === "ObjectProperty" || parent.type === "ObjectMethod") &&
      parent.key === node &&
      !parent.computed
    )
      return;
    if (
      parent.type === "ImportSpecifier" ||
      parent.type === "ImportDefaultSpecifier" ||
      parent.type === "ImportNamespaceSpecifier"
    )
      return;
    if (
      parent.type.startsWith("TS") &&
      parent.type !== "TSNonNullExpression" &&
      parent.type !== "TSAsExpression"
    )
      return;
    if (
      binding.kind === "module" &&
      parent.type === "MemberExpression" &&
      parent.object === node &&
      grand?.type === "CallExpression" &&
      grand.callee === parent
    ) {
      const method = propName(parent.property);
      const site: CallSite = {
        call: grand,
        family: binding.decl.family,
        binding,
        ancestors: ancestors.slice(0, -2),
      };
      if (method === "config") return void scan.configCalls.push(site);
      if (method === "parse" && binding.decl.family === "dotenv") {
        scan.parseCalls.push(site);
      }
    } else if (binding.kind === "config" && parent.type === "CallExpression" && parent.callee === node) {
      return void scan.configCalls.push({
        call: parent,
        family: binding.decl.family,
        binding,
        ancestors: ancestors.slice(0, -1),
      });
    } else if (
      binding.kind === "parse" &&
      parent.type === "CallExpression" &&
      parent.callee === node &&
      binding.decl.family === "dotenv"
    ) {
      scan.parseCalls.push({ call: parent, family: "dotenv", binding, ancestors: ancestors.slice(0, -1) });
    }
    binding.decl.otherUses++;
  });
  return scan;
}
