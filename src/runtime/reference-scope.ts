/**
 * Where a stub's references may point. A stub is a file anyone with write access to the repo can
 * edit, so one changed line must not put a production secret into a browser bundle
 * (`NEXT_PUBLIC_ID=secret://…/bank/production/STRIPE_SECRET_KEY`), nor quietly read another app's
 * or environment's secrets. Messages name keys, lines and scoped names: never a value.
 */

import { isReference, parseReference } from "../core/reference.js";
import type { EnvDocument } from "../envfile/types.js";
import { publicPrefix } from "../inventory/names.js";

/** The app and environment a stub belongs to (the scoped names it is expected to read). */
export interface StubScope {
  app: string;
  env: string;
}

export interface ScopeFindings {
  /** References under a public prefix: never resolved. */
  refused: string[];
  /** References outside the stub's own app/environment: resolved, but said. */
  warnings: string[];
}

/**
 * Checks every reference of a stub: one under a framework's public prefix (NEXT_PUBLIC_, VITE_, …:
 * inventory's list) is refused; one outside `scope` (when known) is a warning. Never throws.
 */
export function checkReferenceScope(doc: EnvDocument, scope: StubScope | undefined): ScopeFindings {
  const findings: ScopeFindings = { refused: [], warnings: [] };
  for (const entry of doc.entries) {
    if (!isReference(entry.value)) continue;
    const prefix = publicPrefix(entry.key);
    if (prefix) {
      findings.refused.push(
        `${entry.key} (line ${entry.line}): ${prefix} variables are built into browser bundles`,
      );
      continue;
    }
    const ref = parseReference(entry.value);
    if ("error" in ref || scope === undefined) continue;
    const [app, env] = ref.name.split("/");
    if (app !== scope.app || env !== scope.env) {
      findings.warnings.push(
        `${doc.file}:${entry.line} ${entry.key} reads ${ref.name}, outside this stub's scope ${scope.app}/${scope.env}`,
      );
    }
  }
  return findings;
}
