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
  /**
   * Literal prefixes every match starts with (compared case-insensitively). `secrets check` looks
   * for these in one pass over a file and runs `pattern` only where one occurs; a format without
   * keywords is recognised in assigned values only, never searched for in arbitrary text.
   */
  keywords: readonly string[];
}

const f = (
  id: string,
  label: string,
  pattern: RegExp,
  shown: number,
  keywords: readonly string[],
  secret = true,
): ValueFormat => ({ id, label, pattern, secret, shown, keywords });

/** Ordered: the first match wins, so more specific prefixes come before general ones (sk-ant- before sk-). */
export const FORMATS: readonly ValueFormat[] = [
  f("aws-access-key-id", "an AWS access key id", /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/, 4, [
    "AKIA",
    "ASIA",
    "ABIA",
    "ACCA",
  ]),
  f("stripe-secret-key", "a Stripe secret key", /^sk_(live|test)_[A-Za-z0-9]{16,}$/, 4, [
    "sk_live_",
    "sk_test_",
  ]),
  f("stripe-restricted-key", "a Stripe restricted key", /^rk_(live|test)_[A-Za-z0-9]{16,}$/, 4, [
    "rk_live_",
    "rk_test_",
  ]),
  f("stripe-webhook-secret", "a Stripe webhook secret", /^whsec_[A-Za-z0-9+/=]{16,}$/, 4, ["whsec_"]),
  f(
    "stripe-publishable-key",
    "a Stripe publishable key",
    /^pk_(live|test)_[A-Za-z0-9]{16,}$/,
    4,
    ["pk_live_", "pk_test_"],
    false,
  ),
  f("github-token", "a GitHub token", /^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$/, 4, [
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
  ]),
  f("github-pat", "a GitHub fine-grained token", /^github_pat_[A-Za-z0-9_]{30,}$/, 4, ["github_pat_"]),
  f("gitlab-token", "a GitLab token", /^glpat-[A-Za-z0-9_-]{20,}$/, 4, ["glpat-"]),
  f("slack-token", "a Slack token", /^xox[abposr]-[A-Za-z0-9-]{10,}$/, 4, [
    "xoxa-",
    "xoxb-",
    "xoxp-",
    "xoxo-",
    "xoxs-",
    "xoxr-",
  ]),
  f(
    "slack-webhook",
    "a Slack webhook URL",
    /^https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/\S+$/,
    0,
    ["https://hooks.slack.com/"],
  ),
  f("google-api-key", "a Google API key", /^AIza[0-9A-Za-z_-]{35}$/, 4, ["AIza"]),
  f("google-oauth-secret", "a Google OAuth client secret", /^GOCSPX-[A-Za-z0-9_-]{20,}$/, 4, ["GOCSPX-"]),
  f("anthropic-key", "an Anthropic API key", /^sk-ant-[A-Za-z0-9_-]{20,}$/, 4, ["sk-ant-"]),
  f("langfuse-secret-key", "a Langfuse secret key", /^sk-lf-[A-Za-z0-9-]{8,}$/, 3, ["sk-lf-"]),
  f("langfuse-public-key", "a Langfuse public key", /^pk-lf-[A-Za-z0-9-]{8,}$/, 3, ["pk-lf-"], false),
  f("openai-key", "an OpenAI API key", /^sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}$/, 3, ["sk-"]),
  f("mapbox-secret", "a Mapbox secret token", /^sk\.eyJ[A-Za-z0-9_.-]{20,}$/, 3, ["sk.eyJ"]),
  f("mapbox-public", "a Mapbox public token", /^pk\.eyJ[A-Za-z0-9_.-]{20,}$/, 3, ["pk.eyJ"], false),
  f("jwt", "a JSON Web Token", /^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/, 3, ["eyJ"]),
  f("sendgrid-key", "a SendGrid API key", /^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/, 3, ["SG."]),
  f("twilio-api-key", "a Twilio API key", /^SK[0-9a-f]{32}$/, 2, ["SK"]),
  // An account SID is an identifier, but it looks random enough to trip the entropy rule.
  f("twilio-account-sid", "a Twilio account SID (an identifier)", /^AC[0-9a-f]{32}$/, 2, ["AC"], false),
  f("npm-token", "an npm token", /^npm_[A-Za-z0-9]{36}$/, 4, ["npm_"]),
  f("pypi-token", "a PyPI token", /^pypi-AgE[A-Za-z0-9_-]{40,}$/, 4, ["pypi-AgE"]),
  f("huggingface-token", "a Hugging Face token", /^hf_[A-Za-z0-9]{30,}$/, 3, ["hf_"]),
  f("mailgun-key", "a Mailgun API key", /^key-[0-9a-f]{32}$/, 4, ["key-"]),
  f("shopify-token", "a Shopify token", /^shp(at|ss|ca|pa)_[a-fA-F0-9]{32}$/, 4, [
    "shpat_",
    "shpss_",
    "shpca_",
    "shppa_",
  ]),
  f("digitalocean-token", "a DigitalOcean token", /^do[por]_v1_[a-f0-9]{64}$/, 4, [
    "dop_v1_",
    "doo_v1_",
    "dor_v1_",
  ]),
  f("vault-token", "a HashiCorp Vault token", /^hv[sb]\.[A-Za-z0-9_-]{20,}$/, 4, ["hvs.", "hvb."]),
  f("doppler-token", "a Doppler token", /^dp\.(st|sa|ct|pt|scim|audit)\.[A-Za-z0-9_.-]{20,}$/, 3, ["dp."]),
  f("linear-key", "a Linear API key", /^lin_(api|oauth)_[A-Za-z0-9]{30,}$/, 4, ["lin_api_", "lin_oauth_"]),
  f("supabase-secret", "a Supabase secret key", /^(sbp_[a-f0-9]{30,}|sb_secret_[A-Za-z0-9_-]{20,})$/, 3, [
    "sbp_",
    "sb_secret_",
  ]),
  f(
    "supabase-publishable",
    "a Supabase publishable key",
    /^sb_publishable_[A-Za-z0-9_-]{20,}$/,
    3,
    ["sb_publishable_"],
    false,
  ),
  f("groq-key", "a Groq API key", /^gsk_[A-Za-z0-9]{40,}$/, 4, ["gsk_"]),
  f("replicate-token", "a Replicate token", /^r8_[A-Za-z0-9]{30,}$/, 3, ["r8_"]),
  f("age-secret-key", "an age secret key", /^AGE-SECRET-KEY-1[A-Z0-9]{50,}$/, 4, ["AGE-SECRET-KEY-1"]),
  f("telegram-bot-token", "a Telegram bot token", /^\d{8,10}:[A-Za-z0-9_-]{35}$/, 0, []),
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

/** Database and queue URL schemes `secrets check` searches text for when they carry a password. */
export const PASSWORD_URL_SCHEMES = [
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "amqp",
  "amqps",
] as const;

/** Formats recognised by structure rather than by a prefix (matchFormat tries them after FORMATS). */
export const PEM_PRIVATE_KEY: ValueFormat = f("pem-private-key", "a PEM private key", PEM_PRIVATE, 0, [
  "-----BEGIN ",
]);
export const URL_PASSWORD: ValueFormat = f(
  "url-password",
  "a URL with a password",
  URL_USERINFO,
  0,
  PASSWORD_URL_SCHEMES.map((s) => `${s}://`),
);
const URL_QUERY: ValueFormat = f(
  "url-query-credential",
  "a URL with a credential in its query",
  URL_QUERY_CREDENTIAL,
  0,
  [],
);
const CONNECTION_STRING: ValueFormat = f(
  "connection-string",
  "a connection string with a password or account key",
  CONNECTION_STRING_SECRET,
  0,
  [],
);

export interface FormatMatch {
  format: ValueFormat;
  /** The characters a preview may show (a fixed prefix or a URL scheme). */
  prefix: string;
  /** For URLs with a password: the password, so the caller can tell a placeholder ("password") from a real one. Never printed. */
  secretPart?: string;
}

/** Every regex matchFormat tests before it can return a format: none matches, no format. */
export const FORMAT_GATES: readonly RegExp[] = [
  ...FORMATS.map((format) => format.pattern),
  PEM_PRIVATE,
  URL_USERINFO,
  URL_USER_ONLY,
  NPM_AUTH,
  URL_QUERY_CREDENTIAL,
  CONNECTION_STRING_SECRET,
];

/**
 * The gates that can share one alternation: no flags (so `^`, `$` and case mean the same) and no
 * back-references or named groups (the alternation renumbers groups). The others are tested alone.
 */
const joinable = (re: RegExp) => re.flags === "" && !/\\[1-9]|\\k<|\(\?<[A-Za-z]/.test(re.source);
const ANY_JOINED_GATE = new RegExp(
  FORMAT_GATES.filter(joinable)
    .map((re) => `(?:${re.source})`)
    .join("|"),
);
const LONE_GATES = FORMAT_GATES.filter((re) => !joinable(re));

/**
 * True when some gate of matchFormat matches `value` — one native regex run instead of forty (the
 * dotenv hygiene rules of `secrets check` ask this for every entry of every .env file). Never throws.
 */
export function mayHaveFormat(value: string): boolean {
  return ANY_JOINED_GATE.test(value) || LONE_GATES.some((re) => re.test(value));
}

/** Finds the format a value has, if any. Pure; never throws. */
export function matchFormat(value: string): FormatMatch | undefined {
  if (!mayHaveFormat(value)) return undefined;
  for (const format of FORMATS) {
    if (format.pattern.test(value)) return { format, prefix: value.slice(0, format.shown) };
  }
  if (PEM_PRIVATE.test(value)) return { format: PEM_PRIVATE_KEY, prefix: "" };
  const userinfo = URL_USERINFO.exec(value);
  if (userinfo) {
    return { format: URL_PASSWORD, prefix: `${userinfo[1]}://`, secretPart: userinfo[3]! };
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
        keywords: [],
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
        keywords: [],
      },
      prefix: value.startsWith("//") ? "//" : (urlScheme(value) ?? ""),
      secretPart: npm[2]!,
    };
  }
  const query = URL_QUERY_CREDENTIAL.exec(value);
  if (query) {
    return {
      format: { ...URL_QUERY, label: `${URL_QUERY.label} (${query[1]!.toLowerCase()}=)` },
      prefix: `${value.slice(0, value.indexOf("://"))}://`,
    };
  }
  if (CONNECTION_STRING_SECRET.test(value) && value.includes(";")) {
    return { format: CONNECTION_STRING, prefix: "" };
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
