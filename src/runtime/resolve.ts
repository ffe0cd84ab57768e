/**
 * Resolution: turns a stub's entries into variables, fetching every reference of the file with
 * one batch call per provider (and one fetch per JSON bundle, whatever the number of its keys).
 */

import type { SecretProvider, SecretRequest } from "../../providers/types.js";
import { parseBundle } from "../core/bundle.js";
import { UserError } from "../core/errors.js";
import type { Project } from "../core/project.js";
import { isReference, parseReference, type Reference } from "../core/reference.js";
import { withRetry } from "../core/retry.js";
import type { EnvDocument } from "../envfile/types.js";
import { openForProject } from "./scope.js";

export interface ResolvedVariable {
  key: string;
  value: string;
  /** True when the value came from a provider (so it is masked and never printed). */
  secret: boolean;
  line: number;
  reference?: Reference;
}

export interface ResolveOptions {
  project: Project;
  env: NodeJS.ProcessEnv;
  /** Resolve only these keys (others are left out entirely). */
  only?: readonly string[];
  /** Opens a provider; tests and long-lived callers may pass their own. */
  open?: (kind: string) => Promise<SecretProvider>;
}

/**
 * Resolves every entry of a stub (the last assignment of a key wins, as in dotenv). Throws one
 * UserError(REFERENCE) listing every key that could not be resolved, naming file and line.
 */
export async function resolveDocument(
  doc: EnvDocument,
  options: ResolveOptions,
): Promise<ResolvedVariable[]> {
  const latest = new Map<string, (typeof doc.entries)[number]>();
  for (const entry of doc.entries) latest.set(entry.key, entry);
  if (options.only) {
    const missing = options.only.filter((key) => !latest.has(key));
    if (missing.length > 0) {
      throw new UserError("REFERENCE", `${doc.file}: no entry for ${missing.join(", ")}`, {
        hint: "check the names given to --only",
      });
    }
    for (const key of [...latest.keys()]) if (!options.only.includes(key)) latest.delete(key);
  }

  const problems: string[] = [];
  const variables: ResolvedVariable[] = [];
  const byProvider = new Map<string, Array<{ variable: ResolvedVariable; ref: Reference }>>();
  for (const entry of latest.values()) {
    const variable: ResolvedVariable = {
      key: entry.key,
      value: entry.value,
      secret: false,
      line: entry.line,
    };
    variables.push(variable);
    if (!isReference(entry.value)) continue;
    const ref = parseReference(entry.value);
    if ("error" in ref) {
      problems.push(`${doc.file}:${entry.line} ${entry.key}: malformed reference (${ref.error})`);
      continue;
    }
    variable.secret = true;
    variable.reference = ref;
    const group = byProvider.get(ref.provider) ?? [];
    group.push({ variable, ref });
    byProvider.set(ref.provider, group);
  }

  const open = options.open ?? ((kind: string) => openForProject(options.project, kind, options.env));
  for (const [kind, items] of byProvider) {
    let provider: SecretProvider;
    try {
      provider = await open(kind);
    } catch (error) {
      if (error instanceof UserError && error.code === "PROVIDER_UNKNOWN") {
        for (const { variable } of items) {
          problems.push(`${doc.file}:${variable.line} ${variable.key}: unknown provider '${kind}'`);
        }
        continue;
      }
      throw error;
    }
    try {
      await fetchGroup(provider, items, doc.file, problems);
    } finally {
      await provider.close?.();
    }
  }
  if (problems.length > 0) {
    throw new UserError(
      "REFERENCE",
      `cannot resolve ${problems.length} reference(s):\n  ${problems.join("\n  ")}`,
      {
        hint: "store the value with `secrets set KEY --env <env>`, or fix the reference in the stub",
      },
    );
  }
  return variables;
}

async function fetchGroup(
  provider: SecretProvider,
  items: Array<{ variable: ResolvedVariable; ref: Reference }>,
  file: string,
  problems: string[],
): Promise<void> {
  // One request per distinct (name, version): bundle fields share their bundle's fetch.
  const requestKey = (ref: Reference) => `${ref.name}#${ref.version ?? ""}`;
  const requests = new Map<string, SecretRequest>();
  for (const { ref } of items) {
    requests.set(requestKey(ref), {
      name: ref.name,
      ...(ref.version !== undefined && { version: ref.version }),
    });
  }
  const list = [...requests.entries()];
  // Resolution retries throttling and transient failures like migrate does (one shared policy).
  const results = await withRetry(() => provider.getMany(list.map(([, request]) => request)), {
    attempts: 3,
  });
  const byKey = new Map(list.map(([key], index) => [key, results[index]]));
  const bundles = new Map<string, Record<string, string> | undefined>();
  for (const { variable, ref } of items) {
    const where = `${file}:${variable.line} ${variable.key}`;
    const result = byKey.get(requestKey(ref));
    if (!result?.ok) {
      const why =
        result?.reason === "version-not-found"
          ? `version ${ref.version} not found`
          : result?.reason === "denied"
            ? "access denied"
            : "not found";
      problems.push(`${where}: ${ref.name} ${why} in the ${provider.kind} provider`);
      continue;
    }
    if (ref.field === undefined) {
      variable.value = result.value;
      continue;
    }
    const bundleKey = requestKey(ref);
    if (!bundles.has(bundleKey)) bundles.set(bundleKey, parseBundle(result.value));
    const bundle = bundles.get(bundleKey);
    const value = bundle?.[ref.field];
    if (bundle === undefined) problems.push(`${where}: ${ref.name} is not a JSON object bundle`);
    else if (typeof value !== "string")
      problems.push(`${where}: bundle ${ref.name} has no string field ${ref.field}`);
    else variable.value = value;
  }
}
