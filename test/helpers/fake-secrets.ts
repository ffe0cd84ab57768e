/**
 * Credential-shaped test values, assembled at run time: the prefixes that secret scanners look for
 * (`sk_live_`, `AKIA`, `-----BEGIN … PRIVATE KEY-----`, JWT headers, passwords in URLs) never stand
 * in the source as a literal, so no scanner flags this repository. The values still have the real
 * formats, so the classifier and the maskers see what they would see in a real project.
 */
import { randomBytes } from "node:crypto";

const glue = (...parts: string[]) => parts.join("");

/** Well-known secret prefixes, glued from parts. */
export const PREFIX = {
  stripeLive: glue("sk", "_live_"),
  stripeTest: glue("sk", "_test_"),
  stripeRestricted: glue("rk", "_live_"),
  awsKeyId: glue("AK", "IA"),
  github: glue("gh", "p_"),
  githubFine: glue("github", "_pat_"),
  slackBot: glue("xo", "xb-"),
  googleApi: glue("AI", "za"),
  openai: glue("sk", "-proj-"),
  anthropic: glue("sk", "-ant-api03-"),
  sendgrid: glue("S", "G."),
  npm: glue("np", "m_"),
  awsSecretName: glue("aws_secret", "_access_key"),
  githubOauth: glue("gh", "o_"),
  gitlab: glue("gl", "pat-"),
  slackUser: glue("xo", "xp-"),
  slackHook: glue("https://hooks.", "slack.com/services/"),
  stripeWebhook: glue("wh", "sec_"),
  pypi: glue("py", "pi-AgE"),
  twilio: glue("S", "K"),
  jwtHeader: glue("ey", "J"),
} as const;

/** Random lower-case hex, `n` characters. */
export function randomHex(n: number): string {
  return randomBytes(Math.ceil(n / 2))
    .toString("hex")
    .slice(0, n);
}

/** Random upper-case letters and digits, `n` characters (AWS key id bodies). */
export function randomUpperAlnum(n: number): string {
  return randomAlnum(n * 2)
    .toUpperCase()
    .slice(0, n);
}

/** `-----BEGIN <kind>PRIVATE KEY-----` and its END line. */
export function pemMarkers(kind = "RSA "): { begin: string; end: string } {
  const label = `${kind}${glue("PRIV", "ATE")} KEY-----`;
  return { begin: `-----BEGIN ${label}`, end: `-----END ${label}` };
}

/** A JWT-shaped string: base64url header and payload, then `signature`. */
export function jwt(payload: Record<string, unknown>, signature: string): string {
  const part = (data: unknown) => Buffer.from(JSON.stringify(data)).toString("base64url");
  return `${part({ alg: "HS256" })}.${part(payload)}.${signature}`;
}

/** `scheme://user:password@host/rest` with the password given at run time. */
export function urlWithPassword(scheme: string, user: string, password: string, rest: string): string {
  return `${scheme}://${user}${glue(":", password)}@${rest}`;
}

/** Random URL-safe letters and digits (no `-`/`_`), `n` characters. */
export function randomAlnum(n: number): string {
  let out = "";
  while (out.length < n)
    out += randomBytes(n)
      .toString("base64")
      .replace(/[^A-Za-z0-9]/g, "");
  return out.slice(0, n);
}
