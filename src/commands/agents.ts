import { agentFacts } from "../agents/facts.js";
import { readAgentFile, writeAgentChange } from "../agents/files.js";
import { AGENT_FILES, planAgentFiles } from "../agents/index.js";
import { loadProject } from "../core/project.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets agents [options]

Writes the agent-safety files: Claude Code's .claude/settings.json deny rules, .cursorignore,
.geminiignore, .aiderignore, .aiexclude, .codeiumignore, and a section in AGENTS.md (and in
CLAUDE.md when it exists). Your own content is kept: rules are merged in, our block is marked.
Running it again changes nothing.

Options:
  --dry-run    show what would change, write nothing
  --json       print the result as JSON
  -h, --help   show this help
`;

const options = {
  "dry-run": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `secrets agents`: write or update the agent-safety files and list what changed. */
export const agents: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("agents", argv, options);
  if (values.help) {
    ctx.stdout.write(HELP);
    return 0;
  }
  const project = loadProject(ctx.cwd);
  const read = (path: string) => readAgentFile(project.root, path);
  const changes = planAgentFiles(read, agentFacts(project));
  const dryRun = values["dry-run"] ?? false;
  if (!dryRun) for (const change of changes) await writeAgentChange(project.root, change);
  const files = AGENT_FILES.map((spec) => {
    const change = changes.find((c) => c.path === spec.path);
    const action = change
      ? change.created
        ? "created"
        : "updated"
      : read(spec.path) !== undefined
        ? "ok"
        : "not present";
    return { path: spec.path, tool: spec.tool, action };
  });
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify({ root: project.root, dryRun, files }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...files.map((f) => f.path.length));
  for (const f of files) {
    const shown =
      dryRun && f.action !== "ok" && f.action !== "not present" ? `would be ${f.action}` : f.action;
    ctx.stdout.write(`${shown.padEnd(18)}${f.path.padEnd(width + 2)}${f.tool}\n`);
  }
  const verb = dryRun ? "would change" : "changed";
  ctx.stderr.write(`${changes.length} file(s) ${verb}${dryRun ? " (dry run: nothing written)" : ""}\n`);
  return 0;
};
