/**
 * What each loader shape does to `secrets run`, and the default guidance for it: one table, so the
 * codemod, the inventory and `migrate`'s warnings say the same thing.
 */
import type { LoaderFinding, ShapeId } from "./types.js";

interface ShapeInfo {
  effect: string;
  defeatsRun: boolean;
  /** Said when the shape is rewritten. */
  rewritten: string;
  /** Said when it is left in place. */
  kept: string;
}

const RUNTIME = "the app fetches its secrets at start-up through dotsecrets/config";
const NO_OVERRIDE =
  "does not override variables already set, so it works under `secrets run`; started without it, the app reads secret:// references";
const RUN_IT = "start it with `secrets run -- <command>`";

const TABLE: Record<ShapeId, ShapeInfo> = {
  "dotenv-config-import": {
    effect: `dotenv/config ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: `now dotsecrets/config: ${RUNTIME}`,
    kept: RUN_IT,
  },
  "dotenv-config-call": {
    effect: `dotenv.config() ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: `replaced by import 'dotsecrets/config' where dotenv was imported (it now runs before the other imports evaluate): ${RUNTIME}`,
    kept: `${RUN_IT}, or replace the loader with import 'dotsecrets/config'`,
  },
  "require-dotenv-config": {
    effect: `require('dotenv').config() ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: `now require('dotsecrets/config'): ${RUNTIME}`,
    kept: `${RUN_IT}, or replace the loader with require('dotsecrets/config')`,
  },
  "override-true": {
    effect: "override: true replaces the values `secrets run` injected with the stub's secret:// references",
    defeatsRun: true,
    rewritten:
      "override dropped: dotsecrets/config resolves the stub itself and leaves what `secrets run` injected alone",
    kept: "remove `override: true`: with it the app gets secret:// references even under `secrets run`",
  },
  "config-parsed-used": {
    effect: "config().parsed holds the stub's values, which are now secret:// references, not secrets",
    defeatsRun: true,
    rewritten: "",
    kept: "read process.env after import 'dotsecrets/config' instead of .parsed, or `const env = await loadSecrets()` from 'dotsecrets'",
  },
  "config-result-used": {
    effect: `the code keeps what config() returns (an error check or .parsed); the loader ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: "",
    kept: "replace the call and its result handling with import 'dotsecrets/config' (it throws a clear error when a secret cannot be fetched)",
  },
  "dotenv-parse-readfile": {
    effect: "dotenv.parse of a migrated .env returns secret:// references, not secrets",
    defeatsRun: true,
    rewritten: "",
    kept: "read the values from process.env after import 'dotsecrets/config', or use `await loadSecrets()` / `getSecret(name)` from 'dotsecrets'",
  },
  "conditional-loading": {
    effect: `a loader behind a condition or inside a function; it ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: "rewritten in place: the condition is kept",
    kept: "an ES module cannot import conditionally without top-level await: move import 'dotsecrets/config' to the entry file's first line, or start the app with `secrets run --`",
  },
  "custom-path": {
    effect: `loads a named env file; it ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: "",
    kept: "dotsecrets/config reads the stub of DOTSECRETS_ENV (.env for development, .env.<name> otherwise): set DOTSECRETS_ENV (or DOTENV_CONFIG_PATH) and use import 'dotsecrets/config', or `secrets run --file <path> --`",
  },
  "computed-path": {
    effect: `picks the env file at run time (NODE_ENV, arrays, variables); it ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: "",
    kept: "dotsecrets/config picks the stub by DOTSECRETS_ENV, not NODE_ENV: set DOTSECRETS_ENV where NODE_ENV is set and use import 'dotsecrets/config', or `secrets run --env <name> --`",
  },
  "custom-target": {
    effect:
      "loads into an object of its own (processEnv), not process.env: that object gets secret:// references",
    defeatsRun: true,
    rewritten: "",
    kept: "use `await loadSecrets()` from 'dotsecrets' to fill the object",
  },
  "duplicate-loader": {
    effect: "a second loader in the same file",
    defeatsRun: false,
    rewritten: "removed: one dotsecrets/config per file is enough",
    kept: "",
  },
  "nest-config-module": {
    effect:
      "@nestjs/config reads .env itself; variables already in process.env win, so it works under `secrets run`",
    defeatsRun: false,
    rewritten:
      "import 'dotsecrets/config' added as the module's first import, so process.env holds the secrets before ConfigModule reads the stub",
    kept: `${RUN_IT}; with envFilePath naming other files, set DOTSECRETS_ENV to match and add import 'dotsecrets/config' to main.ts`,
  },
  "process-loadEnvFile": {
    effect: `process.loadEnvFile() ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: `replaced by dotsecrets/config: ${RUNTIME}`,
    kept: RUN_IT,
  },
  "dotenv-expand": {
    effect: `dotenv-expand expands \${VAR} inside the stub's values, which are now references`,
    defeatsRun: false,
    rewritten: "",
    kept: `check that the stub holds no \`\${VAR}\` built from a secret, then replace the loader with import 'dotsecrets/config'`,
  },
  "dotenv-flow": {
    effect: `dotenv-flow loads .env, .env.local and .env.<NODE_ENV> files; it ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: "",
    kept: "dotsecrets/config picks one stub by DOTSECRETS_ENV: set it where NODE_ENV is set and replace the loader with import 'dotsecrets/config', or `secrets run --env <name> --`",
  },
  "dotenv-safe": {
    effect: `dotenv-safe checks the keys of .env.example and ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten:
      "import 'dotsecrets/config' added before it: the secrets are set first and dotenv-safe's check still runs",
    kept: RUN_IT,
  },
  dotenvx: {
    effect: "dotenvx decrypts encrypted .env files; a migrated stub holds references it cannot resolve",
    defeatsRun: false,
    rewritten: "",
    kept: "once the .env files are migrated (decrypt them first with `dotenvx decrypt`), replace the loader with import 'dotsecrets/config'",
  },
  "compiled-output": {
    effect: "build output checked into the repository: rebuilt from the source",
    defeatsRun: false,
    rewritten: "",
    kept: "never edited: the source is rewritten; rebuild to update this file",
  },
  "parse-error": {
    effect: "the file does not parse, so its loaders are unknown",
    defeatsRun: false,
    rewritten: "",
    kept: "left untouched: fix the syntax error or edit the loader by hand",
  },
  "script-require-dotenv": {
    effect: `-r dotenv/config ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: "now -r dotsecrets/config",
    kept: "with dotenv_config_path=…, set DOTENV_CONFIG_PATH instead and use -r dotsecrets/config",
  },
  "node-env-file": {
    effect: `node --env-file ${NO_OVERRIDE}`,
    defeatsRun: false,
    rewritten: "now -r dotsecrets/config (the default stub) or `secrets run --file <path> --`",
    kept: RUN_IT,
  },
  "dotenv-cli": {
    effect: "dotenv-cli loads the file before the command; with -o it overrides what `secrets run` injected",
    defeatsRun: false,
    rewritten: "now `secrets run --`",
    kept: "replace it with `secrets run [--env <name>] --`",
  },
  "env-cmd": {
    effect:
      "env-cmd overrides variables already set unless --no-override: the command gets secret:// references even under `secrets run`",
    defeatsRun: true,
    rewritten: "now `secrets run --`",
    kept: "replace it with `secrets run [--env <name>] --`",
  },
  "dotenvx-run": {
    effect: "dotenvx run decrypts and loads .env files; a migrated stub holds references it cannot resolve",
    defeatsRun: false,
    rewritten: "",
    kept: "replace it with `secrets run [--env <name>] --` once the files are migrated",
  },
  "script-source-env": {
    effect:
      "the shell sources the stub: every variable becomes a secret:// reference, over what `secrets run` injected",
    defeatsRun: true,
    rewritten: "",
    kept: "drop the `source .env` and start the command with `secrets run --`",
  },
  "dependency-added": {
    effect: "the code now imports dotsecrets",
    defeatsRun: false,
    rewritten: "dotsecrets added to dependencies: run your package manager's install",
    kept: "add dotsecrets to dependencies",
  },
  "python-load-dotenv": {
    effect:
      "python-dotenv's load_dotenv() does not override (unless override=True), so it works under `secrets run`; started without it, the app reads secret:// references",
    defeatsRun: false,
    rewritten: "",
    kept: "start the app with `secrets run -- python …`; remove override=True if set",
  },
  "dockerfile-env-secret": {
    effect: "ENV bakes the value into every image layer, readable by anyone who pulls the image",
    defeatsRun: false,
    rewritten: "",
    kept: "remove the ENV line and pass the secret at run time: `secrets run -- docker run -e NAME …` (or a build secret: RUN --mount=type=secret)",
  },
  "compose-env-file": {
    effect:
      "env_file: passes the stub's secret:// references into the container; `secrets run` on the host does not reach it",
    defeatsRun: true,
    rewritten: "",
    kept: "replace env_file: with `environment: [NAME, …]` (names only) and run `secrets run -- docker compose up`",
  },
  "compose-interpolation": {
    effect: `compose fills \${VAR} from the shell and from .env next to the compose file: without \`secrets run\` it reads the stub's references`,
    defeatsRun: false,
    rewritten: "",
    kept: "run `secrets run -- docker compose …`",
  },
  "shell-source-env": {
    effect:
      "the script sources the stub: its variables become secret:// references, over what `secrets run` injected",
    defeatsRun: true,
    rewritten: "",
    kept: "drop the `source .env` line and start the script with `secrets run -- ./script.sh`",
  },
  "tool-reads-env": {
    effect: "this tool reads .env itself; variables already set win, so it works under `secrets run`",
    defeatsRun: false,
    rewritten: "",
    kept: RUN_IT,
  },
  "mcp-env-file": {
    effect: "the MCP server is started with --env-file: it reads the stub's references",
    defeatsRun: false,
    rewritten: "",
    kept: 'start the server as `secrets run -- <command>` in .mcp.json (command: "secrets", args: ["run", "--", …])',
  },
};

/** A finding with the table's effect and guidance; `guidance` replaces the default. Never throws. */
export function makeFinding(
  file: string,
  at: { line: number; column: number },
  shape: ShapeId,
  rewrite: boolean,
  guidance?: string,
): LoaderFinding {
  const info = TABLE[shape];
  return {
    file,
    line: at.line,
    column: at.column,
    shape,
    effect: info.effect,
    defeatsRun: info.defeatsRun,
    rewrite,
    guidance: guidance ?? (rewrite ? info.rewritten : info.kept),
  };
}
