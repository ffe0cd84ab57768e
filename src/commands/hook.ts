/** `secrets hook install|uninstall`: the pre-commit hook running `secrets check --staged`. */
import { EXIT, UserError } from "../core/errors.js";
import { loadProject } from "../core/project.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets hook install|uninstall

install     adds \`secrets check --staged\` to the git pre-commit hook, before what the hook already
            runs (an existing hook is kept; running it twice changes nothing). With husky, lefthook
            or the pre-commit framework it prints the line to add to their configuration instead.
uninstall   removes exactly what install added.
`;

/** The `secrets hook` command. Throws UserError(USAGE|CONFIG). */
export const hook: Command = async (argv, ctx) => {
  const { values, positionals } = parseCommandArgs(
    "hook",
    argv,
    { help: { type: "boolean", short: "h" } },
    true,
  );
  if (values.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const action = positionals[0];
  if ((action !== "install" && action !== "uninstall") || positionals.length > 1) {
    throw new UserError("USAGE", "secrets hook: expected `install` or `uninstall`", {
      hint: "run `secrets hook --help`",
    });
  }
  const { installHook, uninstallHook } = await import("../check/hook.js");
  const root = loadProject(ctx.cwd).root;
  const outcome = action === "install" ? await installHook(root) : await uninstallHook(root);
  if (outcome.action === "manual") {
    ctx.stdout.write(
      `${outcome.manager} manages this repository's hooks: add this to ${outcome.file}:\n\n${outcome.line}\n`,
    );
  } else if (outcome.action === "unchanged") {
    ctx.stderr.write(
      `${outcome.path}: ${action === "install" ? "already runs secrets check" : "has no dotsecrets block"}; nothing changed\n`,
    );
  } else if (outcome.action === "installed") {
    ctx.stderr.write(
      `${outcome.path}: ${outcome.created ? "created" : "now runs secrets check --staged first"}\n`,
    );
  } else {
    ctx.stderr.write(
      `${outcome.path}: ${outcome.removedFile ? "removed (install had created it)" : "dotsecrets block removed"}\n`,
    );
  }
  return EXIT.ok;
};
