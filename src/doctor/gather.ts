/**
 * Gathers the doctor's facts from the project, the provider and the environment. Values are read
 * (to resolve references and compare) but never kept in the facts.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ignore from "ignore";
import { agentFacts } from "../agents/facts.js";
import { readAgentFile } from "../agents/files.js";
import { AGENT_FILES, agentFileHolds } from "../agents/index.js";
import { UserError } from "../core/errors.js";
import { appName, envFileFor, loadProject, type Project, providerName } from "../core/project.js";
import { isReference } from "../core/reference.js";
import { readEnvFile } from "../envfile/index.js";
import { buildInventory } from "../inventory/index.js";
import { resolveDocument } from "../runtime/resolve.js";
import { openForProject } from "../runtime/scope.js";
import { findHook, findImporters } from "./code.js";
import type { DoctorFacts, ProviderFact, ReferenceFact } from "./types.js";

export interface GatherOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The environment whose stub is compared with the process environment. */
  envName: string;
  /** Also check that the credentials can write (stores and deletes a probe secret). */
  write: boolean;
}

const message = (error: unknown) =>
  error instanceof UserError ? error.message.split("\n")[0]! : String(error);

async function checkProvider(project: Project, options: GatherOptions): Promise<ProviderFact> {
  const kind = providerName(project);
  const app = appName(project);
  try {
    const provider = await openForProject(project, kind, options.env);
    try {
      const listed = (await provider.list(`${app}/`)).items.length;
      if (!options.write) return { ok: true, kind, listed };
      const name = `${app}/dotsecrets-doctor/WRITE_PROBE`;
      try {
        const probe = randomBytes(12).toString("hex");
        await provider.put(name, probe);
        const [back] = await provider.getMany([{ name }]);
        await provider.delete(name);
        const ok = back?.ok === true && back.value === probe;
        return {
          ok: true,
          kind,
          listed,
          write: ok ? { ok } : { ok, message: "read back a different value" },
        };
      } catch (error) {
        return { ok: true, kind, listed, write: { ok: false, message: message(error) } };
      }
    } finally {
      await provider.close?.();
    }
  } catch (error) {
    return { ok: false, kind, message: message(error) };
  }
}

/** Collects every fact the checks need. Throws only for I/O failures of the project itself. */
export async function gatherFacts(options: GatherOptions): Promise<DoctorFacts> {
  let project: Project;
  try {
    project = loadProject(options.cwd);
  } catch (error) {
    project = { root: options.cwd, config: {}, configured: false };
    const bare = await gatherProjectFacts(project, options, undefined);
    return { ...bare, config: { ok: false, message: message(error) } };
  }
  return gatherProjectFacts(project, options, await checkProvider(project, options));
}

async function gatherProjectFacts(
  project: Project,
  options: GatherOptions,
  provider: ProviderFact | undefined,
): Promise<DoctorFacts> {
  const root = project.root;
  const inventory = await buildInventory({ root, envMap: project.config.environments, scanCode: false });
  const classOf = new Map<string, { secret: boolean }>();
  for (const key of inventory.keys) {
    for (const o of key.occurrences) {
      classOf.set(`${o.file}:${o.line}`, { secret: o.class === "secret" && !o.empty && !o.placeholder });
    }
  }
  const references: ReferenceFact[] = [];
  const plaintext: DoctorFacts["plaintext"] = [];
  const shadowed: DoctorFacts["shadowed"] = [];
  const current = relative(root, envFileFor(project, options.envName)).split("\\").join("/");
  for (const file of inventory.files) {
    if (file.kind === "template" || !file.readable) continue;
    const doc = await readEnvFile(join(root, file.path));
    doc.file = file.path;
    for (const entry of doc.entries) {
      if (!isReference(entry.value) && classOf.get(`${file.path}:${entry.line}`)?.secret) {
        plaintext.push({ file: file.path, line: entry.line, key: entry.key });
      }
    }
    const count = doc.entries.filter((e) => isReference(e.value)).length;
    const fact: ReferenceFact = { file: file.path, env: file.env, references: count, problems: [] };
    references.push(fact);
    if (count === 0 || !provider?.ok) continue;
    try {
      const variables = await resolveDocument(doc, { project, env: options.env });
      if (file.path !== current) continue;
      for (const v of variables) {
        const set = options.env[v.key];
        if (set !== undefined && set !== v.value) shadowed.push({ key: v.key, file: file.path });
      }
    } catch (error) {
      if (!(error instanceof UserError) || error.code !== "REFERENCE") throw error;
      fact.problems = error.message
        .split("\n")
        .slice(1)
        .map((line) => line.trim());
    }
  }
  const facts = agentFacts(project);
  const gitignoreText = existsSync(join(root, ".gitignore"))
    ? readFileSync(join(root, ".gitignore"), "utf8")
    : "";
  const ig = ignore().add(gitignoreText);
  return {
    config: {
      ok: true,
      configured: project.configured,
      provider: providerName(project),
      app: appName(project),
    },
    ...(provider && { provider }),
    references,
    plaintext,
    gitignoreMissing: [
      [".env.local", ".env.local"],
      [".env.*.local", ".env.production.local"],
    ].flatMap(([pattern, probe]) => (ig.ignores(probe!) ? [] : [pattern!])),
    agentFiles: AGENT_FILES.flatMap((spec) => {
      let text: string | undefined;
      try {
        text = readAgentFile(root, spec.path);
      } catch {
        text = undefined;
      }
      if (spec.onlyIfPresent && text === undefined) return [];
      return [{ path: spec.path, present: text !== undefined, holds: agentFileHolds(spec, text, facts) }];
    }),
    dependency: { importers: await findImporters(root), declared: declaredIn(root) },
    hook: findHook(root),
    shadowed,
    env: options.envName,
    node: process.version,
  };
}

function declaredIn(root: string): "dependencies" | "devDependencies" | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;
    const has = (field: string) => Object.hasOwn((pkg[field] as Record<string, unknown>) ?? {}, "dotsecrets");
    if (has("dependencies")) return "dependencies";
    if (has("devDependencies")) return "devDependencies";
  } catch {
    // no package.json, or not JSON
  }
  return undefined;
}
