/**
 * The stub a plan will write, for review, with every value that is not a reference replaced by its
 * redacted preview (`sk_l…(32 chars)`) in both the original and the stub: a diff of the two shows
 * what changes and never a value. Reads the files; writes nothing.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isReference } from "../core/reference.js";
import { buildStub } from "../core/stub.js";
import { parseEnv, parseEnvBuffer } from "../envfile/index.js";
import type { EnvDocument } from "../envfile/types.js";
import { classify, preview } from "../inventory/index.js";
import { headerOf, type Plan } from "./types.js";

export interface StubPreview {
  path: string;
  /** The original text, values redacted. */
  before: string;
  /** The stub text, values other than references redacted. */
  after: string;
}

/**
 * One preview per file of the plan that moves something. Throws UserError(ENV_PARSE / ENV_READ)
 * when a file no longer reads, and Error when it changed so that the plan no longer fits it.
 */
export async function stubPreviews(root: string, plan: Plan): Promise<StubPreview[]> {
  const previews: StubPreview[] = [];
  for (const file of plan.files) {
    const moved = file.entries.filter((entry) => entry.action === "move");
    if (moved.length === 0) continue;
    const doc = parseEnvBuffer(await readFile(join(root, file.path)), file.path);
    const stub = buildStub(doc, moved, headerOf(plan, file));
    // Values the preview does not show as they are (all but a few config words and numbers).
    const secrets = doc.entries
      .filter((entry) => shown(entry.value, entry.key) !== entry.value)
      .map((entry) => entry.value);
    previews.push({
      path: file.path,
      before: scrub(redact(doc), secrets),
      after: scrub(redact(parseEnv(stub, file.path)), secrets),
    });
  }
  return previews;
}

/** The document's text with each value span that is not a reference replaced by its preview. */
export function redact(doc: EnvDocument): string {
  let out = "";
  let at = 0;
  for (const entry of doc.entries) {
    if (isReference(entry.value)) continue;
    out += doc.source.slice(at, entry.valueStart) + shown(entry.value, entry.key);
    at = entry.valueEnd;
  }
  return out + doc.source.slice(at);
}

function shown(value: string, key: string): string {
  const c = classify(key, value);
  return preview(value, c.publicWarning ? "public-secret" : c.class);
}

/** Belt and braces: a value that still shows (inside a comment, say) is cut out too. */
function scrub(text: string, values: string[]): string {
  let out = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (value.length < 8 || isReference(value)) continue;
    out = out.split(value).join("…");
  }
  return out;
}
