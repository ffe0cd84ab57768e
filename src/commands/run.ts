import { detectAgent } from "../core/agent-mode.js";
import { UserError } from "../core/errors.js";
import { envName } from "../core/project.js";
import { assertQuietSpawn, runChild } from "../runtime/child.js";
import { loadStub } from "../runtime/load.js";
import { createRedactor } from "../runtime/mask.js";
import { stripOwnCredentials } from "../runtime/own-credentials.js";
import { explainJson, renderExplain } from "../ui/explain-render.js";
import { confirmHuman } from "../ui/human.js";
import { parseCommandArgs, splitList } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets run [options] -- <command> [args...]

Reads the stubs of an environment, layered as Next.js, Vite and dotenv-flow do: in every folder from
the project root down to this one, .env, .env.local (not for test), .env.<env>, .env.<env>.local,
each later file winning and a deeper folder winning over the ones above (docs/layering.md). Resolves
their secret:// references and starts <command> (no shell) with the variables added to its environment.
A variable already in the environment whose value is a secret:// reference (set by docker compose,
Kubernetes or CI) is resolved too; a variable with a plain value is never touched.

Options:
  --env NAME              environment (default: $DOTSECRETS_ENV, else development)
  --file PATH             read this stub instead of the layers (repeatable: the first one wins)
  --explain               say which file gave each key (names and files, never values); with no
                          command, print that and exit
  --json                  with --explain and no command: the same as JSON on stdout
  --only KEY,...          inject only these keys
  --override              stub values win over variables already set in the environment
  --mask                  replace secret values in the child's output with *****
                          (the default when a coding agent runs the command)
  --no-mask               in agent mode: show the output unmasked, after a person confirms
  --allow-unsafe-names    allow the stub to set PATH, NODE_OPTIONS, LD_PRELOAD and the like
  -h, --help              show this help

The child's exit code is returned (128+n when it died of signal n); 127 when the command is not found.
`;

const options = {
  env: { type: "string" },
  file: { type: "string", multiple: true },
  explain: { type: "boolean" },
  json: { type: "boolean" },
  only: { type: "string" },
  override: { type: "boolean" },
  mask: { type: "boolean" },
  "no-mask": { type: "boolean" },
  "allow-unsafe-names": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Splits `run`'s argv into its own options and the child's argv (after `--`, or from the first non-option). */
function splitArgv(argv: string[]): { own: string[]; child: string[] } {
  const own: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return { own, child: argv.slice(i + 1) };
    if (!arg.startsWith("-")) return { own, child: argv.slice(i) };
    own.push(arg);
    const name = arg.replace(/^--?/, "").split("=")[0]!;
    const spec = (options as Record<string, { type: string }>)[name];
    if (spec?.type === "string" && !arg.includes("=") && i + 1 < argv.length) own.push(argv[++i]!);
  }
  return { own, child: [] };
}

/** `secrets run`: start a command with the stub's variables resolved into its environment. */
export const run: Command = async (argv, ctx) => {
  const { own, child } = splitArgv(argv);
  const { values } = parseCommandArgs("run", own, options);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const [command, ...args] = child;
  const explain = values.explain ?? false;
  if (values.json && (!explain || command)) {
    throw new UserError("USAGE", "secrets run: --json goes with --explain and no command", {
      hint: "secrets run --explain --json",
    });
  }
  if (!command && !explain) {
    throw new UserError("USAGE", "secrets run: no command given", { hint: "secrets run -- npm start" });
  }
  // Before any provider is asked for a value (runChild checks again).
  if (command) assertQuietSpawn();
  // In agent mode the child's output goes to the agent: masked unless a person says otherwise.
  const agent = detectAgent(ctx.env);
  let mask = values.mask ?? false;
  if (agent && !values["no-mask"]) mask = true;
  if (agent && values["no-mask"] && !values.mask) {
    await confirmHuman(`Show the output of \`${command}\` unmasked, secret values included?`, ctx);
  }
  const only = splitList(values.only);
  const loaded = await loadStub({
    cwd: ctx.cwd,
    env: ctx.env,
    envName: envName(ctx.env, values.env),
    ...(values.file !== undefined && { files: values.file }),
    ...(only.length > 0 && { only }),
    allowUnsafeNames: values["allow-unsafe-names"] ?? false,
    override: values.override ?? false,
    explainOnly: !command,
  });
  if (!command) {
    ctx.stdout.write(
      values.json ? `${JSON.stringify(explainJson(loaded), null, 2)}\n` : renderExplain(loaded),
    );
    return 0;
  }
  if (explain) ctx.stderr.write(renderExplain(loaded));
  for (const warning of loaded.warnings) ctx.stderr.write(`warning: ${warning}\n`);
  // dotsecrets' own credentials are for this process only: never the child's, and masked.
  const credentials = stripOwnCredentials(ctx.env);
  // Only what applies: stub entries the environment does not set (all with --override), and the
  // environment's own secret:// references, resolved.
  const env: NodeJS.ProcessEnv = credentials.env;
  for (const variable of loaded.variables) env[variable.key] = variable.value;
  // Tells dotsecrets/config inside the child that the values are already there.
  env.DOTSECRETS_RUN = "1";
  const secrets = [
    ...loaded.variables.filter((variable) => variable.secret).map((variable) => variable.value),
    ...credentials.values,
  ];
  return runChild({
    command,
    args,
    env,
    cwd: ctx.cwd,
    stdin: ctx.stdin,
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    ...(mask && { mask: createRedactor(secrets) }),
  });
};
