/**
 * `secrets check`: exits 1 when a plaintext secret is in the working tree, the index (`--staged`),
 * git history (`--history`) or stdin; 0 when clean; 2 for bad options or a failed git call.
 * Output: `file:line:col  rule  key  preview` lines (stdout), `--json`, or `--format sarif`.
 */
import { resolve } from "node:path";
import { EXIT, UserError } from "../core/errors.js";
import { loadProject } from "../core/project.js";
import { parseCommandArgs } from "./args.js";
import type { Command } from "./context.js";

const HELP = `Usage: secrets check [options]

Proves no plaintext secret is left: known secret formats, random values assigned to secret-looking
names, plaintext secrets in .env files, and the exact values dotsecrets migrated (fetched from the
provider, in raw and encoded forms). Never prints a value.

Targets (default: the working tree, .gitignore respected, .env files always):
  --staged               the files staged for commit (for a pre-commit hook)
  --history              every blob of every commit reachable from any ref
  --stdin                the text on stdin

Options:
  --format text|json|sarif   output format (default text); --json is --format json
  --baseline FILE            ignore the findings recorded in FILE
  --write-baseline FILE      record the current findings' fingerprints in FILE and exit 0
  --offline                  do not ask the provider: use the fingerprints saved by the last check
  --no-values                rules only: do not look for the migrated values
  --max-size BYTES           skip files larger than this (default 2097152)
  --workers N                threads that scan, this one included (default: one per core,
                             workers starting only when the work left pays for them)
  --root DIR                 project root (default: the nearest dotsecrets.json, else the cwd)
  -h, --help                 show this help

Exit codes: 0 nothing found, 1 findings, 2 usage or configuration error.
A line holding the comment \`dotsecrets-allow\` is accepted as it is.
`;

const VERSION = "0.1.0";

/** The `secrets check` command. Throws UserError(USAGE|CONFIG). */
export const check: Command = async (argv, ctx) => {
  const { values } = parseCommandArgs("check", argv, {
    staged: { type: "boolean" },
    history: { type: "boolean" },
    stdin: { type: "boolean" },
    json: { type: "boolean" },
    format: { type: "string" },
    baseline: { type: "string" },
    "write-baseline": { type: "string" },
    offline: { type: "boolean" },
    "no-values": { type: "boolean" },
    "max-size": { type: "string" },
    workers: { type: "string" },
    root: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const targets = (["staged", "history", "stdin"] as const).filter((t) => values[t]);
  if (targets.length > 1)
    throw new UserError("USAGE", "secrets check: choose one of --staged, --history, --stdin");
  const format = values.json ? "json" : (values.format ?? "text");
  if (!["text", "json", "sarif"].includes(format)) {
    throw new UserError("USAGE", `secrets check: unknown --format '${format}'`, {
      hint: "use text, json or sarif",
    });
  }
  const root = values.root ? resolve(ctx.cwd, values.root) : loadProject(ctx.cwd).root;
  const stdin = values.stdin ? await readAll(ctx.stdin) : undefined;
  const { runCheck, writeBaseline } = await import("../check/index.js");
  const report = await runCheck({
    root,
    env: ctx.env,
    target: targets[0] === undefined ? "tree" : targets[0],
    ...(stdin && { stdin }),
    ...(values.baseline && { baseline: resolve(ctx.cwd, values.baseline) }),
    offline: values.offline ?? false,
    values: !values["no-values"],
    ...(values["max-size"] && { maxBytes: positive("--max-size", values["max-size"]) }),
    ...(values.workers && { workers: positive("--workers", values.workers) }),
  });
  if (values["write-baseline"]) {
    const count = await writeBaseline(resolve(ctx.cwd, values["write-baseline"]), report.findings);
    ctx.stderr.write(
      `baseline written: ${count} fingerprint(s) in ${values["write-baseline"]} (no values)\n`,
    );
    return EXIT.ok;
  }
  const { renderCheckSummary, renderFindings } = await import("../ui/check-render.js");
  for (const warning of report.warnings) ctx.stderr.write(`warning: ${warning}\n`);
  if (format === "json") ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === "sarif") {
    const { toSarif } = await import("../check/sarif.js");
    ctx.stdout.write(`${JSON.stringify(toSarif(report, VERSION), null, 2)}\n`);
  } else ctx.stdout.write(renderFindings(report));
  ctx.stderr.write(renderCheckSummary(report));
  return report.findings.length > 0 ? EXIT.findings : EXIT.ok;
};

function positive(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError("USAGE", `secrets check: ${flag} takes a positive integer`);
  return n;
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return new Uint8Array(Buffer.concat(chunks));
}
