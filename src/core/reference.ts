/**
 * References: `secret://<provider>/<scoped name>[?key=<KEY>][#<version>]`.
 *
 * - `secret://local/shop/production/STRIPE_KEY` — one secret per key, latest version.
 * - `secret://local/shop/production/STRIPE_KEY#3` — pinned to version 3.
 * - `secret://aws/shop/production?key=STRIPE_KEY` — the STRIPE_KEY field of a JSON bundle secret
 *   named `shop/production` (the bundle layout: one secret per app and environment).
 *
 * dotenv ends an unquoted value at `#`, so a reference with a version must be quoted in a .env
 * file; `formatReferenceForEnv` does that.
 */
import { UserError } from "./errors.js";

export const REFERENCE_SCHEME = "secret://";

export interface Reference {
  provider: string;
  /** The provider-side scoped name (`app/env/KEY`, or `app/env` for a bundle). */
  name: string;
  /** For a bundle: the field of the JSON object. */
  field?: string;
  version?: string;
}

/** True when a value looks like a reference (starts with `secret://`). */
export function isReference(value: string): boolean {
  return value.startsWith(REFERENCE_SCHEME);
}

// Every character a provider allows in a name (AWS: + = @ as well).
const SEGMENT = /^[A-Za-z0-9_.+=@-]+$/;

/**
 * Parses a reference. Returns the reason it is malformed as `{ error }` instead of throwing, so the
 * caller can name the file, line and key in its own error.
 */
export function parseReference(text: string): Reference | { error: string } {
  if (!isReference(text)) return { error: `does not start with ${REFERENCE_SCHEME}` };
  let rest = text.slice(REFERENCE_SCHEME.length);
  let version: string | undefined;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    version = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
    if (!/^[A-Za-z0-9_.-]+$/.test(version))
      return { error: "the version after # is empty or has invalid characters" };
  }
  let field: string | undefined;
  const query = rest.indexOf("?");
  if (query >= 0) {
    const params = new URLSearchParams(rest.slice(query + 1));
    const key = params.get("key");
    if (!key || [...params.keys()].some((k) => k !== "key"))
      return { error: "the only query allowed is ?key=<KEY>" };
    field = key;
    rest = rest.slice(0, query);
  }
  const slash = rest.indexOf("/");
  if (slash <= 0) return { error: "expected secret://<provider>/<name>" };
  const provider = rest.slice(0, slash);
  const name = rest.slice(slash + 1);
  if (!/^[a-z][a-z0-9-]*$/.test(provider)) return { error: `invalid provider name '${provider}'` };
  if (!name || name.split("/").some((segment) => !SEGMENT.test(segment) || segment === "..")) {
    return { error: "the name must be segments of letters, digits, _ . - + = @ separated by /" };
  }
  return { provider, name, ...(field !== undefined && { field }), ...(version !== undefined && { version }) };
}

/** Parses a reference or throws UserError(REFERENCE) naming where it was found. */
export function parseReferenceOrThrow(text: string, where: string): Reference {
  const parsed = parseReference(text);
  if ("error" in parsed) {
    throw new UserError("REFERENCE", `${where}: malformed reference: ${parsed.error}`, {
      hint: "a reference looks like secret://local/<app>/<env>/<KEY>[#<version>]",
    });
  }
  return parsed;
}

/** Formats a reference as text. */
export function formatReference(ref: Reference): string {
  const field = ref.field === undefined ? "" : `?key=${encodeURIComponent(ref.field)}`;
  const version = ref.version === undefined ? "" : `#${ref.version}`;
  return `${REFERENCE_SCHEME}${ref.provider}/${ref.name}${field}${version}`;
}
