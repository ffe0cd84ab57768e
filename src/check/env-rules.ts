/**
 * Hygiene rules for dotenv files, reusing inventory's classification: a real settings file (not a
 * template) holding a plaintext value classified secret (`env-plaintext`), and a template holding
 * a value that looks like a real secret (`template-secret`). References (`secret://`) never fire.
 */

import { isReference } from "../core/reference.js";
import { parseEnv } from "../envfile/index.js";
import { classify, maySignalSecret } from "../inventory/classify.js";
import { parseEnvFileName } from "../inventory/discover.js";
import { redactValue } from "./redact-value.js";
import type { RawMatch } from "./scan-buffer.js";

/** Largest dotenv file the hygiene rules parse (the text rules still scan bigger ones). */
const MAX_ENV_BYTES = 1024 * 1024;

/** Findings of the hygiene rules for a buffer named `name`; none when it is not a dotenv file. Never throws. */
export function envFileMatches(bytes: Buffer, name: string): RawMatch[] {
  const parsed = parseEnvFileName(name);
  if (parsed?.type !== "dotenv" || bytes.length > MAX_ENV_BYTES) return [];
  const source = bytes.toString("utf8");
  // Offsets below are UTF-16 indices into `source`; the scanner works in bytes.
  const toByte = (index: number) => Buffer.byteLength(source.slice(0, index), "utf8");
  const out: RawMatch[] = [];
  // Most entries are plain config: the cheap necessary test first, classify for the rest.
  const only = (key: string, value: string) =>
    value !== "" && !isReference(value) && maySignalSecret(key, value);
  for (const entry of parseEnv(source, name, { warnings: false, only }).entries) {
    const value = entry.value;
    const c = classify(entry.key, value);
    const template = parsed.kind === "template";
    const fires = template ? c.valueLooksSecret : c.class === "secret" && !c.placeholder;
    if (!fires) continue;
    const at = toByte(entry.valueStart);
    out.push({
      rule: template ? "template-secret" : "env-plaintext",
      message: template
        ? `a real-looking secret in a template (${c.reason}): templates are committed, use a placeholder`
        : `a plaintext secret in a dotenv file (${c.reason}): move it with \`secrets migrate\` or \`secrets set ${entry.key}\``,
      at,
      start: at,
      end: toByte(entry.valueEnd),
      secret: value,
      key: entry.key,
      preview: redactValue(value),
      rank: 1000,
    });
  }
  return out;
}
