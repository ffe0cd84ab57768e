/**
 * The doctor's checks: pure functions from gathered facts to report lines, in report order.
 */
import type { DoctorFacts, DoctorLine } from "./types.js";

const list = (items: string[], max = 3) =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;

function config(f: DoctorFacts): DoctorLine {
  const c = f.config;
  if (!c.ok) return { id: "config", status: "fail", summary: c.message, fix: "fix dotsecrets.json" };
  if (!c.configured) {
    return {
      id: "config",
      status: "warn",
      summary: `no dotsecrets.json: defaults (provider ${c.provider}, app ${c.app})`,
      fix: "secrets migrate",
    };
  }
  return {
    id: "config",
    status: "ok",
    summary: `dotsecrets.json valid: provider ${c.provider}, app ${c.app}`,
  };
}

function provider(f: DoctorFacts): DoctorLine {
  const p = f.provider;
  if (!p) return { id: "provider", status: "fail", summary: "not checked: the configuration is invalid" };
  if (!p.ok) {
    return {
      id: "provider",
      status: "fail",
      summary: `${p.kind}: ${p.message}`,
      fix: `check ${p.kind} credentials`,
    };
  }
  if (p.write && !p.write.ok) {
    return { id: "provider", status: "fail", summary: `${p.kind}: reads, cannot write: ${p.write.message}` };
  }
  const write = p.write ? ", write" : "";
  return {
    id: "provider",
    status: "ok",
    summary: `${p.kind}: reachable, credentials read${write} (${p.listed} secrets)`,
  };
}

function references(f: DoctorFacts): DoctorLine {
  const total = f.references.reduce((n, r) => n + r.references, 0);
  const problems = f.references.flatMap((r) => r.problems);
  if (total > 0 && !f.provider?.ok) {
    return {
      id: "references",
      status: "fail",
      summary: `${total} reference(s) not checked: provider unusable`,
    };
  }
  if (problems.length > 0) {
    const key = /^\S+ (\S+):/.exec(problems[0]!)?.[1] ?? "KEY";
    return {
      id: "references",
      status: "fail",
      summary: `${problems.length} of ${total} reference(s) do not resolve: ${list(problems, 1)}`,
      fix: `secrets set ${key} --env ${f.env}, or fix the reference`,
    };
  }
  if (total === 0) {
    return {
      id: "references",
      status: "warn",
      summary: "no secret:// reference in any .env file",
      fix: "secrets migrate",
    };
  }
  const files = f.references.filter((r) => r.references > 0).length;
  return { id: "references", status: "ok", summary: `${total} reference(s) in ${files} stub(s) resolve` };
}

function plaintext(f: DoctorFacts): DoctorLine {
  if (f.plaintext.length === 0)
    return { id: "plaintext", status: "ok", summary: "no plaintext secret in any .env file" };
  const where = f.plaintext.map((p) => `${p.file}:${p.line} ${p.key}`);
  return {
    id: "plaintext",
    status: "fail",
    summary: `${f.plaintext.length} plaintext secret(s): ${list(where, 2)}`,
    fix: "secrets migrate (or secrets set KEY, then delete the line)",
  };
}

function gitignore(f: DoctorFacts): DoctorLine {
  if (f.gitignoreMissing.length === 0) {
    return { id: "gitignore", status: "ok", summary: ".gitignore covers .env.local and .env.*.local" };
  }
  return {
    id: "gitignore",
    status: "warn",
    summary: `.gitignore does not cover ${list(f.gitignoreMissing)}`,
    fix: `add ${f.gitignoreMissing.join(" and ")} to .gitignore`,
  };
}

function agents(f: DoctorFacts): DoctorLine {
  const missing = f.agentFiles.filter((a) => !a.present).map((a) => a.path);
  const lacking = f.agentFiles.filter((a) => a.present && !a.holds).map((a) => a.path);
  if (missing.length + lacking.length === 0) {
    return {
      id: "agents",
      status: "ok",
      summary: `${f.agentFiles.length} agent files hold the dotsecrets rules`,
    };
  }
  const parts = [
    missing.length ? `missing ${list(missing)}` : "",
    lacking.length ? `lacking rules ${list(lacking)}` : "",
  ];
  return {
    id: "agents",
    status: "warn",
    summary: `agent files: ${parts.filter(Boolean).join("; ")}`,
    fix: "secrets agents",
  };
}

function dependency(f: DoctorFacts): DoctorLine {
  const { importers, declared } = f.dependency;
  if (importers.length === 0)
    return { id: "dependency", status: "ok", summary: "code does not import dotsecrets" };
  if (declared === "dependencies") {
    return { id: "dependency", status: "ok", summary: "dotsecrets is in package.json dependencies" };
  }
  const where = declared ? "only in devDependencies" : "not in package.json dependencies";
  return {
    id: "dependency",
    status: "fail",
    summary: `${list(importers, 2)} import(s) dotsecrets, ${where}`,
    fix: "npm install dotsecrets",
  };
}

function hook(f: DoctorFacts): DoctorLine {
  if (f.hook.where)
    return { id: "hook", status: "ok", summary: `pre-commit runs secrets check (${f.hook.where})` };
  return {
    id: "hook",
    status: "warn",
    summary: f.hook.git
      ? "no pre-commit hook runs `secrets check`"
      : "not a git repository: no pre-commit hook",
    fix: "run `secrets hook install` (after `git init`)",
  };
}

function shadowed(f: DoctorFacts): DoctorLine {
  if (f.shadowed.length === 0) {
    return { id: "environment", status: "ok", summary: "no stub key is set differently in the environment" };
  }
  const keys = f.shadowed.map((s) => s.key);
  return {
    id: "environment",
    status: "warn",
    summary: `set in the environment with another value than the stub's: ${list(keys)}`,
    fix: `unset ${keys[0]} (dotenv and secrets run keep an existing value)`,
  };
}

/**
 * AWS SDK releases after the first week of January 2027 need Node 22; the SDK's own notice is kept
 * out of every command's output (it would print into every app started by `secrets run`), so it is
 * said here, once. No line for other providers or a newer Node.
 */
function nodeForAws(f: DoctorFacts): DoctorLine | undefined {
  const major = Number(/^v(\d+)/.exec(f.node)?.[1] ?? 0);
  if (!f.config.ok || f.config.provider !== "aws" || major >= 22) return undefined;
  return {
    id: "node",
    status: "warn",
    summary: `Node ${f.node}: AWS SDK releases after the first week of January 2027 need Node 22 or later`,
    fix: "upgrade Node to 22 LTS before updating dotsecrets",
  };
}

/** Every check, in report order. Throws nothing. */
export function runChecks(facts: DoctorFacts): DoctorLine[] {
  return [config, provider, references, plaintext, gitignore, agents, dependency, hook, shadowed, nodeForAws]
    .map((check) => check(facts))
    .filter((line): line is DoctorLine => line !== undefined);
}
