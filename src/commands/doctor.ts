import { envName, loadProject } from "../core/project.js";
import { runChecks } from "../doctor/checks.js";
import { gatherFacts } from "../doctor/gather.js";
import { renderDoctor, useColour } from "../ui/doctor-render.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets doctor [options]

Checks the setup, one line each (ok / warn / fail, with the command that fixes it): the config,
the provider and its credentials, every reference in every stub, plaintext secrets left in .env
files, .gitignore, the agent-safety files, the dotsecrets dependency, the pre-commit hook, and stub
keys the environment overrides. Prints no values. Exit code 1 when any check fails.

Options:
  --env NAME   environment whose stub is compared with this environment (default: $DOTSECRETS_ENV,
               else development)
  --write      also check that the credentials can write (stores and deletes a probe secret)
  --json       print the result as JSON
  -h, --help   show this help
`;

const options = {
  env: { type: "string" },
  write: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `secrets doctor`: report what is wrong with the setup and how to fix it. */
export const doctor: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("doctor", argv, options);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const facts = await gatherFacts({
    cwd: ctx.cwd,
    env: ctx.env,
    envName: envName(ctx.env, values.env),
    write: values.write ?? false,
  });
  const lines = runChecks(facts);
  const failed = lines.some((line) => line.status === "fail");
  let root = ctx.cwd;
  try {
    root = loadProject(ctx.cwd).root;
  } catch {
    // an invalid config: reported by the config line
  }
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify({ root, ok: !failed, checks: lines }, null, 2)}\n`);
  } else {
    ctx.stdout.write(renderDoctor(root, lines, useColour(ctx.stdout, ctx.env)));
  }
  return failed ? 1 : 0;
};
