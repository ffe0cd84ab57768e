import { appName, loadProject, providerName } from "../core/project.js";
import { runSteps } from "../migrate/runner.js";
import { planCodeRewrite } from "../rewrite/project.js";
import { openForProject } from "../runtime/scope.js";
import { codeSummary, renderCodeDiff, renderLoaders } from "../ui/rewrite-render.js";
import { parseCommandArgs } from "./args.js";
import { type Command, confirmOrCancel } from "./context.js";

const HELP = `Usage: secrets rewrite [--dry-run] [--json] [-y]

Rewrites how the code loads its env so the app fetches its secrets at run time without
\`secrets run\`: dotenv's config() and dotenv/config become dotsecrets/config, and package.json
scripts (-r dotenv/config, --env-file, dotenv-cli, env-cmd) their dotsecrets equivalents. Shows a
unified diff first; only the changed spans differ. \`secrets undo\` puts the code back byte for byte.
Loaders it cannot rewrite safely are listed with what to do.

Options:
  --dry-run   show the diff and the loaders, change nothing
  --json      print the files, findings and installs as JSON on stdout
  -y, --yes   do not ask for confirmation
  -h, --help  show this help
`;

const options = {
  "dry-run": { type: "boolean" },
  json: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
} as const;

/** `secrets rewrite`: plan, show, confirm, apply as a journaled step. */
export const rewrite: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("rewrite", argv, options);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const project = loadProject(ctx.cwd);
  const plan = await planCodeRewrite(project.root);
  if (values.json) ctx.stdout.write(`${JSON.stringify(codeSummary(plan), null, 2)}\n`);
  else {
    ctx.stdout.write(renderCodeDiff(plan));
    const left = plan.findings.filter((finding) => !finding.rewrite);
    if (left.length > 0) ctx.stderr.write(`\nNot rewritten:\n${renderLoaders(left)}`);
  }
  if (plan.edits.length === 0) {
    ctx.stderr.write("Nothing to rewrite: no dotenv loading found that dotsecrets can take over.\n");
    return 0;
  }
  if (values["dry-run"]) {
    ctx.stderr.write(`Dry run: ${plan.edits.length} file(s) would change. Nothing was changed.\n`);
    return 0;
  }
  await confirmOrCancel(ctx, `Rewrite ${plan.edits.length} file(s)?`, {
    yes: values.yes,
    command: "rewrite",
  });
  const provider = await openForProject(project, providerName(project), ctx.env);
  try {
    const journal = await runSteps({
      root: project.root,
      provider,
      app: appName(project),
      steps: ["rewrite"],
    });
    const files = new Set(journal.changes.map((change) => change.path));
    ctx.stderr.write(`Rewrote ${files.size} file(s). \`secrets undo\` puts them back.\n`);
    for (const item of plan.install) ctx.stderr.write(`Now install ${item.name}: ${item.reason}\n`);
    return 0;
  } finally {
    await provider.close?.();
  }
};
