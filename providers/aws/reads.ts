/**
 * AWS reads: getMany (BatchGetSecretValue in chunks of 20, in parallel; GetSecretValue for pinned
 * versions, and for everything when the identity may not batch), describe and paged list.
 */
import type { DescribeSecretCommandOutput, SecretListEntry } from "@aws-sdk/client-secrets-manager";
import { mapLimit } from "../../src/core/pace.js";
import { type RetryOptions, withRetry } from "../../src/core/retry.js";
import type { ListOptions, SecretInfo, SecretPage, SecretRequest, SecretResult } from "../types.js";
import type { SecretsApi } from "./api.js";
import { hasCode, readFailure, toUserError } from "./errors.js";

const BATCH = 20;
const PARALLEL = 8;
const STAGES = new Set(["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"]);
/** Tags dotsecrets writes: `dotsecrets:<label>`. */
export const TAG_PREFIX = "dotsecrets:";

type Found = { ok: true; version: string; value: string };
type Missing = { ok: false; reason: "not-found" | "version-not-found" | "denied" };

export interface ReadState {
  /** Set once a batch call was refused: later reads go straight to GetSecretValue. */
  batchDenied: boolean;
}

/**
 * Fetches `requests`: latest values batched, pinned versions one by one. Each call is retried on
 * its own (`retry`), so one throttled call among fifty does not fail, and repeat, the other
 * forty-nine. Throws UserError for whole-call failures.
 */
export async function getMany(
  api: SecretsApi,
  state: ReadState,
  requests: readonly SecretRequest[],
  retry: RetryOptions = { attempts: 1 },
): Promise<SecretResult[]> {
  const latestNames = [...new Set(requests.filter((r) => r.version === undefined).map((r) => r.name))];
  const pinned = [
    ...new Map(
      requests.filter((r) => r.version !== undefined).map((r) => [`${r.name}#${r.version}`, r]),
    ).values(),
  ];
  const [latest, pinnedResults] = await Promise.all([
    batchLatest(api, state, latestNames, retry),
    mapLimit(pinned, PARALLEL, (r) => withRetry(() => getOne(api, r.name, r.version), retry)),
  ]);
  const byPin = new Map(pinned.map((r, i) => [`${r.name}#${r.version}`, pinnedResults[i]!]));
  return requests.map((request) => {
    const got =
      request.version === undefined
        ? latest.get(request.name)!
        : byPin.get(`${request.name}#${request.version}`)!;
    if (got.ok) return { ok: true, name: request.name, version: got.version, value: got.value };
    return {
      ok: false,
      name: request.name,
      ...(request.version !== undefined && { version: request.version }),
      reason: got.reason,
    };
  });
}

async function batchLatest(
  api: SecretsApi,
  state: ReadState,
  names: string[],
  retry: RetryOptions,
): Promise<Map<string, Found | Missing>> {
  const out = new Map<string, Found | Missing>();
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += BATCH) chunks.push(names.slice(i, i + BATCH));
  await mapLimit(chunks, PARALLEL, async (chunk) => {
    if (!state.batchDenied) {
      try {
        const answer = await withRetry(
          () =>
            api.batchGetSecretValue({ SecretIdList: chunk }).catch((error: unknown) => {
              // Mapped so the retry can tell throttling from a refusal; AccessDenied stays raw.
              throw hasCode(error, "AccessDeniedException")
                ? error
                : toUserError(error, "BatchGetSecretValue", `${chunk.length} secret(s)`);
            }),
          retry,
        );
        for (const entry of answer.SecretValues ?? []) {
          if (entry.Name && entry.VersionId)
            out.set(entry.Name, { ok: true, version: entry.VersionId, value: secretText(entry) });
        }
        for (const error of answer.Errors ?? []) {
          if (!error.SecretId) continue;
          const reason = missingReason(error.ErrorCode);
          if (reason === undefined)
            throw toUserError({ name: error.ErrorCode }, "BatchGetSecretValue", error.SecretId);
          out.set(error.SecretId, { ok: false, reason });
        }
        for (const name of chunk) if (!out.has(name)) out.set(name, { ok: false, reason: "not-found" });
        return;
      } catch (error) {
        // An identity allowed GetSecretValue but not BatchGetSecretValue (or ListSecrets, which
        // AWS also checks for a batch): read one by one from now on.
        if (!hasCode(error, "AccessDeniedException"))
          throw toUserError(error, "BatchGetSecretValue", `${chunk.length} secret(s)`);
        state.batchDenied = true;
      }
    }
    const single = await mapLimit(chunk, PARALLEL, (name) =>
      withRetry(() => getOne(api, name, undefined), retry),
    );
    for (const [i, name] of chunk.entries()) out.set(name, single[i]!);
  });
  return out;
}

/** One GetSecretValue, by version id or staging label; a missing version is told apart from a missing secret. */
async function getOne(api: SecretsApi, name: string, version: string | undefined): Promise<Found | Missing> {
  const byStage = version !== undefined && STAGES.has(version);
  try {
    const answer = await api.getSecretValue({
      SecretId: name,
      ...(version !== undefined && (byStage ? { VersionStage: version } : { VersionId: version })),
    });
    return { ok: true, version: answer.VersionId ?? "", value: secretText(answer) };
  } catch (error) {
    const { code } = readFailure(error);
    if (code === "ResourceNotFoundException" && version !== undefined) {
      // The same code answers "no such secret" and "no such version": ask which.
      return (await describeRaw(api, name)) === undefined
        ? { ok: false, reason: "not-found" }
        : { ok: false, reason: "version-not-found" };
    }
    const reason = missingReason(code);
    if (reason !== undefined) return { ok: false, reason };
    throw toUserError(error, "GetSecretValue", JSON.stringify(name));
  }
}

function missingReason(code: string | undefined): Missing["reason"] | undefined {
  if (code === "ResourceNotFoundException" || code === "InvalidRequestException") return "not-found"; // deleted: scheduled
  if (code === "AccessDeniedException" || code === "DecryptionFailure") return "denied";
  return undefined;
}

function secretText(entry: {
  SecretString?: string | undefined;
  SecretBinary?: Uint8Array | undefined;
}): string {
  if (entry.SecretString !== undefined) return entry.SecretString;
  return entry.SecretBinary ? Buffer.from(entry.SecretBinary).toString("utf8") : "";
}

/** DescribeSecret, scheduled deletions included, or undefined when the secret does not exist. Throws UserError. */
export async function describeAny(
  api: SecretsApi,
  name: string,
): Promise<DescribeSecretCommandOutput | undefined> {
  try {
    return await api.describeSecret({ SecretId: name });
  } catch (error) {
    if (hasCode(error, "ResourceNotFoundException")) return undefined;
    throw toUserError(error, "DescribeSecret", JSON.stringify(name));
  }
}

/** DescribeSecret of a live secret, or undefined when missing or scheduled for deletion. Throws UserError. */
export async function describeRaw(
  api: SecretsApi,
  name: string,
): Promise<DescribeSecretCommandOutput | undefined> {
  const answer = await describeAny(api, name);
  return answer?.DeletedDate ? undefined : answer;
}

/** Metadata of one live secret with its version count, or undefined. */
export async function describe(api: SecretsApi, name: string): Promise<SecretInfo | undefined> {
  const answer = await describeRaw(api, name);
  if (!answer) return undefined;
  const info = toInfo({ ...answer, SecretVersionsToStages: answer.VersionIdsToStages }, name);
  info.versionCount = await countVersions(api, name);
  return info;
}

/** Counts every version AWS keeps, deprecated ones included (one or more ListSecretVersionIds calls). */
export async function countVersions(api: SecretsApi, name: string): Promise<number> {
  let count = 0;
  let NextToken: string | undefined;
  do {
    try {
      const page = await api.listSecretVersionIds({
        SecretId: name,
        IncludeDeprecated: true,
        MaxResults: 100,
        ...(NextToken && { NextToken }),
      });
      count += page.Versions?.length ?? 0;
      NextToken = page.NextToken;
    } catch (error) {
      throw toUserError(error, "ListSecretVersionIds", JSON.stringify(name));
    }
  } while (NextToken);
  return count;
}

/** One page of secrets under `prefix`, sorted by name (AWS sorts; the page is re-checked for the prefix). */
export async function listPage(api: SecretsApi, prefix: string, options: ListOptions): Promise<SecretPage> {
  let answer: Awaited<ReturnType<SecretsApi["listSecrets"]>>;
  try {
    answer = await api.listSecrets({
      ...(prefix && { Filters: [{ Key: "name", Values: [prefix] }] }),
      SortBy: "name",
      SortOrder: "asc",
      MaxResults: Math.max(1, Math.min(options.pageSize ?? 100, 100)),
      ...(options.cursor && { NextToken: options.cursor }),
    });
  } catch (error) {
    throw toUserError(error, "ListSecrets", JSON.stringify(prefix || "*"));
  }
  const entries = (answer.SecretList ?? []).filter((s) => s.Name?.startsWith(prefix) && !s.DeletedDate);
  const items = entries
    .map((entry) => toInfo(entry, entry.Name!))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (options.versionCount) {
    const counts = await mapLimit(items, PARALLEL, (info) => countVersions(api, info.name));
    items.forEach((info, i) => {
      info.versionCount = counts[i]!;
    });
  }
  return { items, ...(answer.NextToken && { cursor: answer.NextToken }) };
}

function toInfo(entry: SecretListEntry, name: string): SecretInfo {
  const stages = entry.SecretVersionsToStages ?? {};
  const current = Object.keys(stages).find((id) => stages[id]?.includes("AWSCURRENT")) ?? "";
  const created = entry.CreatedDate ?? new Date(0);
  const labels: Record<string, string> = {};
  for (const tag of entry.Tags ?? [])
    if (tag.Key?.startsWith(TAG_PREFIX)) labels[tag.Key.slice(TAG_PREFIX.length)] = tag.Value ?? "";
  return {
    name,
    version: current,
    createdAt: created,
    updatedAt: entry.LastChangedDate ?? created,
    ...(Object.keys(labels).length > 0 && { labels }),
  };
}
