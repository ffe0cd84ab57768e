/**
 * The pure half of resolution, shared by the async path (`secrets run`, loadSecrets, getSecret)
 * and the synchronous one (`dotsecrets/config`): group the references of a list of entries into one
 * batch of requests per provider, then put the provider's results back into the variables.
 * Only fetching differs between the two paths; nothing here does I/O.
 */
import type { SecretRequest, SecretResult } from "../../providers/types.js";
import { parseBundle } from "../core/bundle.js";
import { UserError } from "../core/errors.js";
import { isReference, parseReference, type Reference } from "../core/reference.js";
import type { EnvDocument } from "../envfile/types.js";

export interface ResolvedVariable {
  key: string;
  value: string;
  /** True when the value came from a provider (so it is masked and never printed). */
  secret: boolean;
  line: number;
  reference?: Reference;
  /** True when the reference was the value of a variable already in the environment. */
  fromEnvironment?: boolean;
}

/** One assignment to resolve: from a stub (file and line) or from the environment. */
export interface SourceEntry {
  key: string;
  value: string;
  /** 1-based line in the stub; 0 for a variable of the environment. */
  line: number;
  /** How messages name the entry: `.env:3 KEY`, or `environment variable KEY`. Never a value. */
  where: string;
  fromEnvironment?: boolean;
}

interface PlannedItem {
  variable: ResolvedVariable;
  ref: Reference;
  where: string;
}

/** The requests for one provider, deduplicated (bundle fields share their bundle's fetch). */
export interface ProviderBatch {
  kind: string;
  items: PlannedItem[];
  requests: SecretRequest[];
}

export interface ResolutionPlan {
  variables: ResolvedVariable[];
  batches: ProviderBatch[];
  /** Problems so far, one line each, naming where and never a value. */
  problems: string[];
}

/**
 * The entries of a stub that count: the last assignment of a key wins, as in dotenv; with `only`,
 * just those keys. Throws UserError(REFERENCE) when a key of `only` has no entry.
 */
export function stubEntries(doc: EnvDocument, only?: readonly string[]): SourceEntry[] {
  const latest = new Map<string, (typeof doc.entries)[number]>();
  for (const entry of doc.entries) latest.set(entry.key, entry);
  if (only) {
    const missing = only.filter((key) => !latest.has(key));
    if (missing.length > 0) {
      throw new UserError("REFERENCE", `${doc.file}: no entry for ${missing.join(", ")}`, {
        hint: "check the names given to --only",
      });
    }
    for (const key of [...latest.keys()]) if (!only.includes(key)) latest.delete(key);
  }
  return [...latest.values()].map((entry) => ({
    key: entry.key,
    value: entry.value,
    line: entry.line,
    where: `${doc.file}:${entry.line} ${entry.key}`,
  }));
}

const requestKey = (ref: { name: string; version?: string }) => `${ref.name}#${ref.version ?? ""}`;

/** Groups the entries' references by provider. Throws nothing: malformed ones become problems. */
export function planResolution(entries: readonly SourceEntry[]): ResolutionPlan {
  const plan: ResolutionPlan = { variables: [], batches: [], problems: [] };
  const byKind = new Map<string, ProviderBatch>();
  for (const entry of entries) {
    const variable: ResolvedVariable = {
      key: entry.key,
      value: entry.value,
      secret: false,
      line: entry.line,
    };
    if (entry.fromEnvironment) variable.fromEnvironment = true;
    plan.variables.push(variable);
    if (!isReference(entry.value)) continue;
    const ref = parseReference(entry.value);
    if ("error" in ref) {
      // An environment variable's text is not ours to quote: it may not be a reference at all.
      const why = entry.fromEnvironment ? "expected secret://<provider>/<name>" : ref.error;
      plan.problems.push(`${entry.where}: malformed reference (${why})`);
      continue;
    }
    variable.secret = true;
    variable.reference = ref;
    let batch = byKind.get(ref.provider);
    if (!batch) {
      batch = { kind: ref.provider, items: [], requests: [] };
      byKind.set(ref.provider, batch);
      plan.batches.push(batch);
    }
    batch.items.push({ variable, ref, where: entry.where });
  }
  for (const batch of plan.batches) {
    const requests = new Map<string, SecretRequest>();
    for (const { ref } of batch.items) {
      requests.set(requestKey(ref), {
        name: ref.name,
        ...(ref.version !== undefined && { version: ref.version }),
      });
    }
    batch.requests = [...requests.values()];
  }
  return plan;
}

/** Records that a batch's provider is unknown: one problem per entry. Throws nothing. */
export function unknownProvider(plan: ResolutionPlan, batch: ProviderBatch): void {
  for (const { where } of batch.items) plan.problems.push(`${where}: unknown provider '${batch.kind}'`);
}

/**
 * Puts a provider's results (aligned with batch.requests) into the batch's variables; what is
 * missing, denied or not a bundle field becomes a problem. Throws nothing.
 */
export function applyResults(
  plan: ResolutionPlan,
  batch: ProviderBatch,
  results: readonly SecretResult[],
): void {
  const byKey = new Map(batch.requests.map((request, index) => [requestKey(request), results[index]]));
  const bundles = new Map<string, Record<string, string> | undefined>();
  for (const { variable, ref, where } of batch.items) {
    const result = byKey.get(requestKey(ref));
    if (!result?.ok) {
      const why =
        result?.reason === "version-not-found"
          ? `version ${ref.version} not found`
          : result?.reason === "denied"
            ? "access denied"
            : "not found";
      plan.problems.push(`${where}: ${ref.name} ${why} in the ${batch.kind} provider`);
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
    if (bundle === undefined) plan.problems.push(`${where}: ${ref.name} is not a JSON object bundle`);
    else if (typeof value !== "string")
      plan.problems.push(`${where}: bundle ${ref.name} has no string field ${ref.field}`);
    else variable.value = value;
  }
}

/**
 * Returns the resolved variables. Throws one UserError(REFERENCE) listing every problem, each
 * naming its file and line or its environment variable, never a value.
 */
export function finishResolution(plan: ResolutionPlan): ResolvedVariable[] {
  if (plan.problems.length > 0) {
    throw new UserError(
      "REFERENCE",
      `cannot resolve ${plan.problems.length} reference(s):\n  ${plan.problems.join("\n  ")}`,
      {
        hint: "store the value with `secrets set KEY --env <env>`, or fix the reference in the stub",
      },
    );
  }
  return plan.variables;
}
