import { highEntropy } from "./value-shape.js";

/**
 * Value formats recognised on sight: vendor tokens with a fixed prefix, JWTs, PEM private keys, URLs
 * and connection strings that carry a password. `shown` is how many characters of the fixed,
 * publicly documented prefix a preview may reveal (at most 4: `sk_l…`, `ghp_…`, `AKIA…`).
 */

export interface ValueFormat {
  id: string;
  /** Human wording for the reason column: "a Stripe secret key". */
  label: string;
  pattern: RegExp;
  /** False for formats that are public by design (Stripe publishable keys, Mapbox public tokens). */
  secret: boolean;
  shown: number;
}

const f = (id: string, label: string, pattern: RegExp, shown: number, secret = true): ValueFormat => ({
  id,
  label,
  pattern,
  secret,
  shown,
});

/** Ordered: the first match wins, so more specific prefixes come before general ones (sk-ant- before sk-). */
export const FORMATS: readonly ValueFormat[] = [
  f("aws-access-key-id", "an AWS access key id", /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/, 4),
  f("stripe-secret-key", "a Stripe secret key", /^sk_(live|test)_[A-Za-z0-9]{16,}$/, 4),
  f("stripe-restricted-key", "a Stripe restricted key", /^rk_(live|test)_[A-Za-z0-9]{16,}$/, 4),
  f("stripe-webhook-secret", "a Stripe webhook secret", /^whsec_[A-Za-z0-9+/=]{16,}$/, 4),
  f("stripe-publishable-key", "a Stripe publishable key", /^pk_(live|test)_[A-Za-z0-9]{16,}$/, 4, false),
  f("github-token", "a GitHub token", /^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$/, 4),
  f("github-pat", "a GitHub fine-grained token", /^github_pat_[A-Za-z0-9_]{30,}$/, 4),
  f("gitlab-token", "a GitLab token", /^glpat-[A-Za-z0-9_-]{20,}$/, 4),
  f("slack-token", "a Slack token", /^xox[abposr]-[A-Za-z0-9-]{10,}$/, 4),
  f(
    "slack-webhook",
    "a Slack webhook URL",
    /^https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/\S+$/,
    0,
  ),
  f("google-api-key", "a Google API key", /^AIza[0-9A-Za-z_-]{35}$/, 4),
  f("google-oauth-secret", "a Google OAuth client secret", /^GOCSPX-[A-Za-z0-9_-]{20,}$/, 4),
  f("anthropic-key", "an Anthropic API key", /^sk-ant-[A-Za-z0-9_-]{20,}$/, 4),
  f("langfuse-secret-key", "a Langfuse secret key", /^sk-lf-[A-Za-z0-9-]{8,}$/, 3),
  f("langfuse-public-key", "a Langfuse public key", /^pk-lf-[A-Za-z0-9-]{8,}$/, 3, false),
  f("openai-key", "an OpenAI API key", /^sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}$/, 3),
  f("mapbox-secret", "a Mapbox secret token", /^sk\.eyJ[A-Za-z0-9_.-]{20,}$/, 3),
  f("mapbox-public", "a Mapbox public token", /^pk\.eyJ[A-Za-z0-9_.-]{20,}$/, 3, false),
  f("jwt", "a JSON Web Token", /^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/, 3),
  f("sendgrid-key", "a SendGrid API key", /^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/, 3),
  f("twilio-api-key", "a Twilio API key", /^SK[0-9a-f]{32}$/, 2),
  // An account SID is an identifier, but it looks random enough to trip the entropy rule.
  f("twilio-account-sid", "a Twilio account SID (an identifier)", /^AC[0-9a-f]{32}$/, 2, false),
  f("npm-token", "an npm token", /^npm_[A-Za-z0-9]{36}$/, 4),
  f("pypi-token", "a PyPI token", /^pypi-AgE[A-Za-z0-9_-]{40,}$/, 4),
  f("huggingface-token", "a Hugging Face token", /^hf_[A-Za-z0-9]{30,}$/, 3),
  f("mailgun-key", "a Mailgun API key", /^key-[0-9a-f]{32}$/, 4),
  f("shopify-token", "a Shopify token", /^shp(at|ss|ca|pa)_[a-fA-F0-9]{32}$/, 4),
  f("digitalocean-token", "a DigitalOcean token", /^do[por]_v1_[a-f0-9]{64}$/, 4),
  f("vault-token", "a HashiCorp Vault token", /^hv[sb]\.[A-Za-z0-9_-]{20,}$/, 4),
  f("doppler-token", "a Doppler token", /^dp\.(st|sa|ct|pt|scim|audit)\.[A-Za-z0-9_.-]{20,}$/, 3),
  f("linear-key", "a Linear API key", /^lin_(api|oauth)_[A-Za-z0-9]{30,}$/, 4),
  f("supabase-secret", "a Supabase secret key", /^(sbp_[a-f0-9]{30,}|sb_secret_[A-Za-z0-9_-]{20,})$/, 3),
  f("supabase-publishable", "a Supabase publishable key", /^sb_publishable_[A-Za-z0-9_-]{20,}$/, 3, false),
  f("groq-key", "a Groq API key", /^gsk_[A-Za-z0-9]{40,}$/, 4),
  f("replicate-token", "a Replicate token", /^r8_[A-Za-z0-9]{30,}$/, 3),
  f("age-secret-key", "an age secret key", /^AGE-SECRET-KEY-1[A-Z0-9]{50,}$/, 4),
  f("telegram-bot-token", "a Telegram bot token", /^\d{8,10}:[A-Za-z0-9_-]{35}$/, 0),
];

const PEM_PRIVATE = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
/** `scheme://user:password@host`: the password part must be non-empty. */
const URL_USERINFO = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^\s/?#@:]*):([^\s/?#@]+)@/;
/** `scheme://<user>@host`: a token alone in the user part (git remotes, API base URLs). */
const URL_USER_ONLY = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^\s/?#@:]+)@([^\s/?#@]+)/;
/** npm registry credentials (`//registry.npmjs.org/:_authToken=…`, also `_auth=` and `_password=`). */
const NPM_AUTH = /(?:^|\/):_(authToken|auth|password)=([^\s;]+)/;
const URL_QUERY_CREDENTIAL =
  /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S*[?&](password|passwd|pwd|pass|token|access_token|api_key|apikey|key|secret|client_secret|sig|signature|x-amz-signature|auth)=[^&\s]+/i;
/** Azure, ADO.NET, ODBC: `...;AccountKey=...;` or `Password=...`. */
const CONNECTION_STRING_SECRET = /(^|;)\s*(AccountKey|SharedAccessKey|Password|Pwd)\s*=\s*[^;\s]+/i;

export interface FormatMatch {
  format: ValueFormat;
  /** The characters a preview may show (a fixed prefix or a URL scheme). */
  prefix: string;
  /** For URLs with a password: the password, so the caller can tell a placeholder ("password") from a real one. Never printed. */
  secretPart?: string;
}

/** Finds the format a value has, if any. Pure; never throws. */
export function matchFormat(value: string): FormatMatch | undefined {
  for (const format of FORMATS) {
    if (format.pattern.test(value)) return { format, prefix: value.slice(0, format.shown) };
  }
  if (PEM_PRIVATE.test(value)) {
    return {
      format: {
        id: "pem-private-key",
        label: "a PEM private key",
        pattern: PEM_PRIVATE,
        secret: true,
        shown: 0,
      },
      prefix: "",
    };
  }
  const userinfo = URL_USERINFO.exec(value);
  if (userinfo) {
    return {
      format: {
        id: "url-password",
        label: "a URL with a password",
        pattern: URL_USERINFO,
        secret: true,
        shown: 0,
      },
      prefix: `${userinfo[1]}://`,
      secretPart: userinfo[3]!,
    };
  }
  const userOnly = URL_USER_ONLY.exec(value);
  const token = userOnly ? tokenFormat(userOnly[2]!, userOnly[3]!) : undefined;
  if (userOnly && token !== undefined) {
    return {
      format: {
        id: "url-user-token",
        label: `a URL with ${token} in its user part`,
        pattern: URL_USER_ONLY,
        secret: true,
        shown: 0,
      },
      prefix: `${userOnly[1]}://`,
      secretPart: userOnly[2]!,
    };
  }
  const npm = NPM_AUTH.exec(value);
  // `${NPM_TOKEN}` is a reference to another variable, not the token.
  if (npm && !npm[2]!.startsWith("${")) {
    return {
      format: {
        id: "npm-auth-url",
        label: `an npm registry URL with its _${npm[1]}`,
        pattern: NPM_AUTH,
        secret: true,
        shown: 0,
      },
      prefix: value.startsWith("//") ? "//" : (urlScheme(value) ?? ""),
      secretPart: npm[2]!,
    };
  }
  const query = URL_QUERY_CREDENTIAL.exec(value);
  if (query) {
    return {
      format: {
        id: "url-query-credential",
        label: `a URL with a credential in its query (${query[1]!.toLowerCase()}=)`,
        pattern: URL_QUERY_CREDENTIAL,
        secret: true,
        shown: 0,
      },
      prefix: `${value.slice(0, value.indexOf("://"))}://`,
    };
  }
  if (CONNECTION_STRING_SECRET.test(value) && value.includes(";")) {
    return {
      format: {
        id: "connection-string",
        label: "a connection string with a password or account key",
        pattern: CONNECTION_STRING_SECRET,
        secret: true,
        shown: 0,
      },
      prefix: "",
    };
  }
  return undefined;
}

/**
 * What a URL's user part is when it is a credential rather than a user name: a known secret format
 * ("a GitHub token") or a random-looking string ("a token"); undefined for a plain user name. Sentry
 * DSNs carry a public key there by design and are left alone.
 */
function tokenFormat(user: string, host: string): string | undefined {
  if (/(^|\.)sentry\.io(:\d+)?$/i.test(host)) return undefined;
  let decoded = user;
  try {
    decoded = decodeURIComponent(user);
  } catch {
    // Not percent-encoded text: judge it as written.
  }
  const known = FORMATS.find((format) => format.secret && format.pattern.test(decoded));
  if (known) return known.label;
  return highEntropy(decoded) ? "a token" : undefined;
}

/** The scheme of a URL without credentials, for previews (`https://`); undefined for anything else. */
export function urlScheme(value: string): string | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/[^\s]/.exec(value);
  return m ? `${m[1]}://` : undefined;
}
