/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, the rules
 * that fired, and per finding its rule, level, message, location (uri relative to the repository
 * root, start line and column) and a partial fingerprint that survives line moves.
 */
import { TEXT_RULES } from "../inventory/text-rules.js";
import type { CheckReport } from "./types.js";

const HYGIENE: Record<string, string> = {
  "exact-value": "a value dotsecrets migrated to the secret manager, found in plaintext",
  "env-plaintext": "a plaintext secret in a dotenv file",
  "template-secret": "a real-looking secret in a committed template",
  "gitignore-env-local": ".gitignore does not cover machine-local env files",
};

function describe(id: string): string {
  return TEXT_RULES.find((r) => r.id === id)?.label ?? HYGIENE[id] ?? id;
}

/** Builds the SARIF log of a report. Holds previews and hashes only. Never throws. */
export function toSarif(report: CheckReport, version: string): object {
  const ids = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules = ids.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: describe(id) },
    fullDescription: { text: `dotsecrets check: ${describe(id)}` },
    help: {
      text: "Move the secret into the secret manager (`secrets set KEY`), rotate it if it was ever committed, or accept it with an inline `dotsecrets-allow` comment or a baseline.",
    },
    defaultConfiguration: { level: id === "gitignore-env-local" ? "warning" : "error" },
    properties: {
      tags: ["security", "secrets"],
      "security-severity": id === "gitignore-env-local" ? "4.0" : "8.5",
    },
  }));
  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ids.indexOf(f.rule),
    level: f.rule === "gitignore-env-local" ? "warning" : "error",
    message: {
      text: `${f.message}${f.key ? ` (${f.key})` : ""}: ${f.preview}${f.commit ? `, first committed in ${f.commit}` : ""}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: {
            uri: f.file === "<stdin>" ? "stdin" : encodeURI(f.file),
            uriBaseId: "%SRCROOT%",
          },
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
    partialFingerprints: { "dotsecrets/v1": f.fingerprint },
    ...(f.commit && { properties: { commit: f.commit } }),
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "dotsecrets",
            version,
            informationUri: "https://github.com/dotsecrets/dotsecrets",
            rules,
          },
        },
        results,
      },
    ],
  };
}
