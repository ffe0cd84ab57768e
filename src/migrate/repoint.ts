/**
 * Moving a project from one provider to another (local → aws, say): entries whose value is a
 * `secret://<old>/…` reference are planned as moves like plaintext ones, with `from` set to the
 * reference. Their values are read from the old provider (at plan time, to size and compare them;
 * at apply time, to write them), the stub gets the new reference, and undo puts the old reference
 * text back byte for byte. The old provider keeps its secrets: nothing is deleted there.
 *
 * A stub carrying the old provider's header gets the new one instead (`oldHeader`); these helpers
 * wrap buildStub / restoreSource so every caller swaps headers the same way.
 */
import type { SecretProvider } from "../../providers/types.js";
import { parseBundle } from "../core/bundle.js";
import { isReference, parseReference, type Reference } from "../core/reference.js";
import { withRetry } from "../core/retry.js";
import { buildStub, restoreSource, type StubEntry } from "../core/stub.js";
import { insertHeader, parseEnv, removeHeader } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import type { PlannedFile, PlanProblem } from "./types.js";

/** What the planner needs to re-point references. */
export interface RepointOptions {
  /** The target provider. */
  provider: { kind: string };
  /** Providers whose references move to the target (the project's previous provider). */
  repointFrom?: readonly string[];
  /** Opens a provider references come from. */
  openSource?: (kind: string) => Promise<SecretProvider>;
}

/** The parsed reference when `value` is one that moves to the target provider, else undefined. */
export function repointed(value: string, options: RepointOptions): Reference | undefined {
  if (!isReference(value) || !options.repointFrom?.length) return undefined;
  const ref = parseReference(value);
  if ("error" in ref) return undefined;
  if (ref.provider === options.provider.kind || !options.repointFrom.includes(ref.provider)) return undefined;
  return ref;
}

/**
 * Reads the values of references from their providers: one batch per provider, each distinct
 * reference once. Unreadable references are reported in `errors` (by file, line and key, never a
 * value) and left out of the map. Throws what opening a provider throws.
 */
export async function resolveReferences(
  items: ReadonlyArray<{ file: string; line: number; key: string; text: string; ref: Reference }>,
  open: (kind: string) => Promise<SecretProvider>,
  errors: PlanProblem[],
): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  const byProvider = new Map<string, Map<string, Reference>>();
  for (const item of items) {
    const refs = byProvider.get(item.ref.provider) ?? new Map<string, Reference>();
    refs.set(item.text, item.ref);
    byProvider.set(item.ref.provider, refs);
  }
  for (const [kind, refs] of byProvider) {
    const list = [...refs.entries()];
    const provider = await open(kind);
    try {
      const results = await withRetry(() =>
        provider.getMany(
          list.map(([, ref]) => ({
            name: ref.name,
            ...(ref.version !== undefined && { version: ref.version }),
          })),
        ),
      );
      list.forEach(([text, ref], index) => {
        const result = results[index];
        const value =
          result?.ok && ref.field !== undefined
            ? parseBundle(result.value)?.[ref.field]
            : result?.ok
              ? result.value
              : undefined;
        if (value !== undefined) values.set(text, value);
      });
    } finally {
      await provider.close?.();
    }
  }
  for (const item of items) {
    if (values.has(item.text)) continue;
    errors.push({
      file: item.file,
      line: item.line,
      key: item.key,
      message: `${item.text} cannot be read from the ${item.ref.provider} provider, so it cannot move`,
    });
  }
  return values;
}

/** The old provider's header a file starts with, among `headers`, or undefined. */
export function findOldHeader(
  source: string,
  headers: readonly string[][] | undefined,
): string[] | undefined {
  return headers?.find((header) => header.length > 0 && removeHeader(source, header) !== undefined);
}

/** buildStub, first taking off the old provider's header when the file is moving providers. */
export function stubOf(
  doc: EnvDocument,
  moved: readonly StubEntry[],
  header: string[],
  file: Pick<PlannedFile, "oldHeader" | "path">,
): string {
  if (!file.oldHeader || moved.length === 0) return buildStub(doc, moved, header);
  const body = removeHeader(doc.source, file.oldHeader);
  if (body === undefined) return buildStub(doc, moved, header);
  return buildStub(parseEnv(body, file.path), moved, header);
}

/** restoreSource, then the old provider's header back on top when the stub replaced it. */
export function restoreOf<E extends StubEntry>(
  stub: string,
  file: Pick<PlannedFile, "oldHeader" | "path" | "entryCount">,
  header: string[],
  moved: readonly E[],
  valueFor: (planned: E) => string | undefined,
): string | undefined {
  const restored = restoreSource(stub, file.path, header, file.entryCount, moved, valueFor);
  if (restored === undefined || !file.oldHeader) return restored;
  return insertHeader(restored, file.oldHeader);
}
