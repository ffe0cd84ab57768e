/**
 * The codemod's data: findings (how a project loads its env) and file edits. Nothing here holds a
 * secret value: findings name files, lines, shapes and keys only, so every type is safe to print.
 */

/** A file handed to the detector: path relative to the project root (`/`-separated) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** How a loader was found. Stable ids: tests, `--json` and the inventory match on them. */
export type ShapeId =
  // JavaScript / TypeScript
  | "dotenv-config-import" // import 'dotenv/config' / require('dotenv/config')
  | "dotenv-config-call" // import dotenv from 'dotenv' (or * as / { config }); dotenv.config()
  | "require-dotenv-config" // require('dotenv').config(), or const dotenv = require('dotenv')
  | "override-true" // config({ override: true })
  | "config-parsed-used" // config().parsed read by the code
  | "config-result-used" // the return value of config() kept or checked
  | "dotenv-parse-readfile" // dotenv.parse(readFileSync(...))
  | "conditional-loading" // a loader inside if / function / expression
  | "custom-path" // config({ path: '.env.test' }): one named file
  | "computed-path" // config({ path: `.env.${NODE_ENV}` }), arrays, variables
  | "custom-target" // config({ processEnv: obj })
  | "duplicate-loader" // a second loader in the same file
  | "nest-config-module" // ConfigModule.forRoot(...)
  | "process-loadEnvFile" // process.loadEnvFile()
  | "dotenv-expand"
  | "dotenv-flow"
  | "dotenv-safe"
  | "dotenvx"
  | "compiled-output" // a loader in dist/ or build/ output: edit the source
  | "parse-error" // the file does not parse: left untouched
  // package.json scripts
  | "script-require-dotenv" // node -r dotenv/config x
  | "node-env-file" // node --env-file=.env x
  | "dotenv-cli" // dotenv -e .env -- cmd
  | "env-cmd" // env-cmd -f .env cmd
  | "dotenvx-run" // dotenvx run -- cmd
  | "script-source-env" // . ./.env && cmd
  | "dependency-added" // dotsecrets added to package.json dependencies
  // Reported with guidance
  | "python-load-dotenv"
  | "dockerfile-env-secret"
  | "compose-env-file"
  | "compose-interpolation"
  | "shell-source-env"
  | "tool-reads-env" // Prisma, Next.js, Vite, sequelize-cli
  | "mcp-env-file";

export interface LoaderFinding {
  /** Path relative to the root. */
  file: string;
  /** 1-based line and column of the loader. */
  line: number;
  column: number;
  shape: ShapeId;
  /** What this loader does to `secrets run` (and to an app started without it). */
  effect: string;
  /** True when it defeats `secrets run` itself (the app gets secret:// references even under it). */
  defeatsRun: boolean;
  /** True when planRewrite edits it. */
  rewrite: boolean;
  /** What the rewrite does, or what the user should do when it is not rewritten. */
  guidance: string;
}

export interface Detection {
  findings: LoaderFinding[];
  stats: DetectionStats;
}

export interface DetectionStats {
  /** Files handed in. */
  files: number;
  /** Files that passed the substring prefilter. */
  candidates: number;
  /** Files handed to the JavaScript parser (only candidates are ever parsed). */
  parsed: number;
}

/** One file's new content. `before` is what the plan was computed from: apply refuses a file changed since. */
export interface FileEdit {
  path: string;
  before: string;
  after: string;
  /** The span edits (offsets into `before`, sorted) that turn `before` into `after`. */
  spans: SpanEdit[];
  findings: LoaderFinding[];
}

/** Replace `before.slice(start, end)` with `text`; `start === end` inserts. */
export interface SpanEdit {
  start: number;
  end: number;
  text: string;
}

export interface RewritePlan {
  /** Absolute project root the paths are relative to. */
  root: string;
  edits: FileEdit[];
  /** Every finding, rewritten or not, in file and line order. */
  findings: LoaderFinding[];
  /** Packages the user must install after the rewrite (`npm install`), with why. */
  install: { packageJson: string | null; name: string; reason: string }[];
  stats: DetectionStats;
}
