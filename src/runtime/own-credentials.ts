/**
 * dotsecrets' own credentials: environment variables that unlock the secret store itself. They are
 * for `secrets` alone, never for the program it runs (a child that prints its environment, or a
 * dependency that reports it, would hand over every secret at once), so `secrets run` strips them
 * from the child's environment and masks their values.
 *
 * Cloud providers that read a credential of their own add its variable to OWN_CREDENTIALS under
 * their kind. Standard cloud variables (AWS_ACCESS_KEY_ID, GOOGLE_APPLICATION_CREDENTIALS) are not
 * listed: the app usually needs those too.
 */

/** Credential variables by provider kind. */
export const OWN_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  local: ["DOTSECRETS_LOCAL_KEY"],
};

/** The prefix of dotsecrets' variables: any not listed in SETTINGS is treated as a credential. */
const PREFIX = "DOTSECRETS_";

/**
 * dotsecrets' variables that are settings, not credentials: passed to the child as they are (a
 * `secrets` command inside the child needs the same store, endpoints and agent mode).
 */
const SETTINGS = new Set([
  "DOTSECRETS_ENV",
  "DOTSECRETS_HOME",
  "DOTSECRETS_RUN",
  "DOTSECRETS_AGENT",
  "DOTSECRETS_AWS_ENDPOINT",
  "DOTSECRETS_GCP_ENDPOINT",
]);

const LISTED = new Set(Object.values(OWN_CREDENTIALS).flat());

/**
 * True when `name` is one of dotsecrets' own credentials: listed in OWN_CREDENTIALS, or any
 * DOTSECRETS_ variable that is not a known setting (case-insensitive, as on Windows). Never throws.
 */
export function isOwnCredential(name: string): boolean {
  const upper = name.toUpperCase();
  return LISTED.has(upper) || (upper.startsWith(PREFIX) && !SETTINGS.has(upper));
}

/**
 * Splits an environment into a copy without dotsecrets' own credentials and the values removed
 * (with their other common spellings: a key given as hex is also masked as base64 and back), for
 * the masker. Never throws.
 */
export function stripOwnCredentials(env: NodeJS.ProcessEnv): {
  env: NodeJS.ProcessEnv;
  values: string[];
} {
  const kept: NodeJS.ProcessEnv = {};
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!isOwnCredential(name)) kept[name] = value;
    else if (value) values.push(...spellings(value));
  }
  return { env: kept, values };
}

/** A key's value plus its bytes in the other usual encodings (hex, base64, base64url). */
function spellings(value: string): string[] {
  const trimmed = value.trim();
  let bytes: Buffer | undefined;
  if (/^(?:[0-9a-fA-F]{2}){16,}$/.test(trimmed)) bytes = Buffer.from(trimmed, "hex");
  else if (/^[A-Za-z0-9+/_-]{22,}={0,2}$/.test(trimmed)) {
    const decoded = Buffer.from(trimmed, "base64");
    if (decoded.length >= 16) bytes = decoded;
  }
  const out = new Set([value]);
  if (bytes) {
    out.add(bytes.toString("hex"));
    out.add(bytes.toString("hex").toUpperCase());
    out.add(bytes.toString("base64"));
    out.add(bytes.toString("base64url"));
  }
  return [...out];
}
