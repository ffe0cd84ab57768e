/**
 * Loaders outside JavaScript, reported with guidance and never rewritten: Python's load_dotenv,
 * Dockerfile ENV lines with a secret-looking name, docker compose env_file: and ${VAR}
 * interpolation, shell scripts that source .env, and .mcp.json servers started with --env-file.
 * Line scans: these files are small, and a finding only needs a line. Names only, never a value.
 */
import { judgeName } from "../inventory/names.js";
import type { FileKind } from "./prefilter.js";
import { makeFinding } from "./shapes.js";
import type { LoaderFinding } from "./types.js";

/** Findings for one non-JavaScript file of a kind the codemod reports on. Pure; never throws. */
export function reportOther(
  kind: Exclude<FileKind, "js" | "package-json">,
  path: string,
  text: string,
): LoaderFinding[] {
  const lines = text.split("\n");
  const out: LoaderFinding[] = [];
  const add = (line: number, column: number, shape: Parameters<typeof makeFinding>[2], guidance?: string) => {
    const f = makeFinding(path, { line, column }, shape, false, guidance);
    out.push(f);
    return f;
  };
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    const n = index + 1;
    const code =
      kind === "python" || kind === "shell" || kind === "compose" || kind === "dockerfile"
        ? stripHashComment(line)
        : line;
    switch (kind) {
      case "python": {
        const m = /\b(load_dotenv|dotenv_values)\s*\(/.exec(code);
        if (!m) break;
        const f = add(n, m.index + 1, "python-load-dotenv");
        if (m[1] === "dotenv_values") {
          f.effect = "dotenv_values() returns the stub's values, which are now secret:// references";
          f.defeatsRun = true;
          f.guidance = "read os.environ instead and start the app with `secrets run -- python …`";
        } else if (/override\s*=\s*True/.test(code)) {
          f.effect =
            "load_dotenv(override=True) replaces the values `secrets run` injected with the stub's references";
          f.defeatsRun = true;
          f.guidance = "remove override=True and start the app with `secrets run -- python …`";
        }
        break;
      }
      case "dockerfile": {
        const m = /^\s*ENV\s+(.*)$/i.exec(code);
        if (!m) break;
        for (const key of envKeys(m[1]!)) {
          const verdict = judgeName(key);
          if (verdict.secretWord && !verdict.notSecret) {
            add(
              n,
              line.indexOf(key) + 1,
              "dockerfile-env-secret",
              `ENV ${key}: remove it and pass ${key} at run time (\`secrets run -- docker run -e ${key} …\`), or use a build secret (RUN --mount=type=secret)`,
            );
          }
        }
        break;
      }
      case "compose": {
        const m = /^\s*(?:-\s*)?env_file\s*:/.exec(code);
        if (m) add(n, m[0].indexOf("env_file") + 1, "compose-env-file");
        break;
      }
      case "shell": {
        const m =
          /(?:^|[;&|]\s*|\bthen\s+)(?:source|\.)\s+["']?(?:\$\w+\/|\.\/|[\w./-]*\/)?\.env[\w.-]*["']?(?=\s|;|$)/.exec(
            code,
          ) ?? /\bexport\s+\$\(\s*(?:cat|grep)\b[^)]*\.env/.exec(code);
        const direnv = path.endsWith(".envrc")
          ? /^\s*(?:dotenv|dotenv_if_exists|source_env)\b/.exec(code)
          : null;
        if (m ?? direnv) add(n, (m ?? direnv)!.index + 1, "shell-source-env");
        break;
      }
      case "mcp": {
        const m = /--env-file|"envFile"/.exec(code);
        if (m) add(n, m.index + 1, "mcp-env-file");
        break;
      }
    }
  });
  if (kind === "compose") {
    const names = new Set<string>();
    let first: { line: number; column: number } | undefined;
    lines.forEach((raw, index) => {
      for (const m of stripHashComment(raw).matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
        names.add(m[1]!);
        first ??= { line: index + 1, column: m.index! + 1 };
      }
    });
    if (first) {
      const list = [...names].slice(0, 8).join(", ") + (names.size > 8 ? ", …" : "");
      out.push(
        makeFinding(
          path,
          first,
          "compose-interpolation",
          false,
          `it interpolates ${list}: run \`secrets run -- docker compose …\``,
        ),
      );
    }
  }
  return out;
}

/** Drops a `#` comment that is not inside quotes (good enough for a line report). */
function stripHashComment(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** The keys an ENV instruction sets: `ENV A=1 B=2` or the legacy `ENV A value`. */
function envKeys(rest: string): string[] {
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest.trim())) {
    return [...rest.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]!);
  }
  const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s/.exec(rest)?.[1];
  return key ? [key] : [];
}
