/**
 * Rewrites one package.json script so it loads secrets through dotsecrets: `-r dotenv/config` →
 * `-r dotsecrets/config`, `node --env-file=.env` → `node -r dotsecrets/config`, dotenv-cli and
 * env-cmd wrappers → `secrets run --`. What cannot be rewritten safely is reported with guidance.
 * Works segment by segment (`&&`, `||`, `;`, `|`), so the rest of the command is kept as written.
 */
import type { ShapeId } from "./types.js";

export interface ScriptFinding {
  shape: ShapeId;
  rewrite: boolean;
  guidance?: string;
}

export interface ScriptResult {
  after: string;
  findings: ScriptFinding[];
}

const SEPARATORS = /(\s*(?:&&|\|\||;|\|)\s*)/;
const ENV_ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*=\S*$/;
const DEFAULT_FILES = new Set([".env", "./.env"]);

/** Rewrites one script command. Pure; never throws. */
export function rewriteScript(command: string): ScriptResult {
  const findings: ScriptFinding[] = [];
  const parts = command.split(SEPARATORS);
  for (let i = 0; i < parts.length; i += 2) parts[i] = rewriteSegment(parts[i]!, findings);
  return { after: parts.join(""), findings };
}

const runPrefix = (file: string | undefined) =>
  file === undefined || DEFAULT_FILES.has(file) ? "secrets run --" : `secrets run --file ${file} --`;

function rewriteSegment(segment: string, findings: ScriptFinding[]): string {
  const words = segment.split(/(\s+)/);
  // words: [word, blank, word, blank, ...]; skip leading VAR=value assignments and npx.
  let head = 0;
  while (
    head < words.length &&
    (ENV_ASSIGN.test(words[head]!) || words[head] === "npx" || words[head] === "")
  )
    head += 2;
  const tool = words[head];
  if (tool === "secrets" && words[head + 2] === "run") return segment;
  if (tool === "dotenv" || tool === "dotenv-cli") return wrapper(words, head, "dotenv-cli", findings);
  if (tool === "env-cmd") return wrapper(words, head, "env-cmd", findings);
  if (tool === "dotenvx") {
    findings.push({ shape: "dotenvx-run", rewrite: false });
    return segment;
  }
  if ((tool === "source" || tool === ".") && /(^|\/)\.env\b/.test(words[head + 2] ?? "")) {
    findings.push({ shape: "script-source-env", rewrite: false });
    return segment;
  }
  if (/\$\(\s*(cat|grep)\b[^)]*\.env\b/.test(segment)) {
    findings.push({ shape: "script-source-env", rewrite: false });
    return segment;
  }
  let out = segment;
  if (/(^|\s)(-r|--require|--import)(\s+|=)(['"]?)dotenv\/config\4(?=\s|$)/.test(out)) {
    if (/\bdotenv_config_\w+=/.test(out)) {
      findings.push({ shape: "script-require-dotenv", rewrite: false });
      return segment;
    }
    out = out.replace(
      /((?:^|\s)(?:-r|--require|--import)(?:\s+|=))(['"]?)dotenv\/config\2(?=\s|$)/g,
      "$1$2dotsecrets/config$2",
    );
    findings.push({ shape: "script-require-dotenv", rewrite: true });
  }
  const envFiles = [...out.matchAll(/(^|\s)--env-file(?:-if-exists)?(?:=|\s+)(['"]?)([^\s'"]+)\2(?=\s|$)/g)];
  if (envFiles.length === 1) {
    const [match] = envFiles;
    const file = match![3]!;
    const start = match!.index! + match![1]!.length;
    const end = match!.index! + match![0].length;
    if (DEFAULT_FILES.has(file)) out = `${out.slice(0, start)}-r dotsecrets/config${out.slice(end)}`;
    else {
      const rest = `${out.slice(0, match!.index!)}${out.slice(end)}`;
      const lead = rest.match(/^\s*/)![0];
      out = `${lead}${runPrefix(file)} ${rest.slice(lead.length)}`;
    }
    findings.push({ shape: "node-env-file", rewrite: true });
  } else if (envFiles.length > 1) {
    findings.push({
      shape: "node-env-file",
      rewrite: false,
      guidance: "several --env-file flags: dotsecrets loads one stub; use `secrets run --env <name> --`",
    });
  }
  toolFinding(
    words.slice(head).filter((w) => w.trim()),
    findings,
  );
  return out;
}

const TOOLS: [RegExp, string][] = [
  [
    /^next$/,
    "Next.js reads .env* itself and `next build` inlines NEXT_PUBLIC_* values into the client bundle at build time: run `secrets run -- next build` (and dev/start); never give a secret a public prefix",
  ],
  [
    /^prisma$/,
    "the Prisma CLI reads DATABASE_URL from .env: `prisma migrate`, `db push`, `studio` and `seed` need `secrets run -- prisma …`",
  ],
  [/^vite$/, "Vite reads .env* itself and inlines VITE_* values at build time: run `secrets run -- vite …`"],
  [
    /^(sequelize|sequelize-cli)$/,
    "sequelize-cli reads the database settings from process.env: run `secrets run -- sequelize db:migrate`",
  ],
];

function toolFinding(words: string[], findings: ScriptFinding[]) {
  const bin = words[0];
  const sub = words[1] ?? "";
  if (!bin) return;
  for (const [re, guidance] of TOOLS) {
    if (!re.test(bin)) continue;
    if (bin === "prisma" && !/^(migrate|db|studio)$/.test(sub)) return;
    if (bin === "next" && !/^(build|dev|start)$/.test(sub)) return;
    findings.push({ shape: "tool-reads-env", rewrite: false, guidance });
  }
}

/** dotenv-cli (`dotenv -e f -- cmd`) and env-cmd (`env-cmd -f f cmd`): → `secrets run [--file f] -- cmd`. */
function wrapper(
  words: string[],
  head: number,
  shape: "dotenv-cli" | "env-cmd",
  findings: ScriptFinding[],
): string {
  const fileFlags = shape === "dotenv-cli" ? ["-e"] : ["-f", "--file"];
  const dropFlags =
    shape === "dotenv-cli"
      ? ["-o", "--override", "--debug", "--quiet"]
      : ["--no-override", "--silent", "--verbose"];
  const files: string[] = [];
  let i = head + 2;
  for (; i < words.length; i += 2) {
    const w = words[i]!;
    if (w === "--") {
      i += 2;
      break;
    }
    if (fileFlags.includes(w)) {
      files.push(words[i + 2] ?? "");
      i += 2;
    } else if (fileFlags.some((f) => w.startsWith(`${f}=`))) files.push(w.slice(w.indexOf("=") + 1));
    else if (dropFlags.includes(w)) continue;
    else if (shape === "env-cmd" && files.length === 0 && /^\.?\.?\/?\.env/.test(w)) files.push(w);
    else if (w.startsWith("-")) {
      findings.push({
        shape,
        rewrite: false,
        guidance: `${w} has no dotsecrets equivalent here: replace the wrapper with \`secrets run [--env <name>] --\` by hand`,
      });
      return words.join("");
    } else break;
  }
  if (files.length > 1 || i >= words.length) {
    findings.push({ shape, rewrite: false });
    return words.join("");
  }
  const before = words.slice(0, head).join("");
  const rest = words.slice(i).join("");
  findings.push({ shape, rewrite: true });
  const after = `${before}${runPrefix(files[0])} ${rest}`;
  toolFinding(
    words.slice(i).filter((w) => w.trim()),
    findings,
  );
  return after;
}
