// src/inventory/formats.ts
var f = (id, label, pattern, shown, keywords, secret = true) => ({ id, label, pattern, secret, shown, keywords });
var FORMATS = [
  f("aws-access-key-id", "an AWS access key id", /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/, 4, [
    "AKIA",
    "ASIA",
    "ABIA",
    "ACCA"
  ]),
  f("stripe-secret-key", "a Stripe secret key", /^sk_(live|test)_[A-Za-z0-9]{16,}$/, 4, [
    "sk_live_",
    "sk_test_"
  ]),
  f("stripe-restricted-key", "a Stripe restricted key", /^rk_(live|test)_[A-Za-z0-9]{16,}$/, 4, [
    "rk_live_",
    "rk_test_"
  ]),
  f("stripe-webhook-secret", "a Stripe webhook secret", /^whsec_[A-Za-z0-9+/=]{16,}$/, 4, ["whsec_"]),
  f(
    "stripe-publishable-key",
    "a Stripe publishable key",
    /^pk_(live|test)_[A-Za-z0-9]{16,}$/,
    4,
    ["pk_live_", "pk_test_"],
    false
  ),
  f("github-token", "a GitHub token", /^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$/, 4, [
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_"
  ]),
  f("github-pat", "a GitHub fine-grained token", /^github_pat_[A-Za-z0-9_]{30,}$/, 4, ["github_pat_"]),
  f("gitlab-token", "a GitLab token", /^glpat-[A-Za-z0-9_-]{20,}$/, 4, ["glpat-"]),
  f("slack-token", "a Slack token", /^xox[abposr]-[A-Za-z0-9-]{10,}$/, 4, [
    "xoxa-",
    "xoxb-",
    "xoxp-",
    "xoxo-",
    "xoxs-",
    "xoxr-"
  ]),
  f(
    "slack-webhook",
    "a Slack webhook URL",
    /^https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/\S+$/,
    0,
    ["https://hooks.slack.com/"]
  ),
  f("google-api-key", "a Google API key", /^AIza[0-9A-Za-z_-]{35}$/, 4, ["AIza"]),
  f("google-oauth-secret", "a Google OAuth client secret", /^GOCSPX-[A-Za-z0-9_-]{20,}$/, 4, ["GOCSPX-"]),
  f("anthropic-key", "an Anthropic API key", /^sk-ant-[A-Za-z0-9_-]{20,}$/, 4, ["sk-ant-"]),
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
    "shppa_"
  ]),
  f("digitalocean-token", "a DigitalOcean token", /^do[por]_v1_[a-f0-9]{64}$/, 4, [
    "dop_v1_",
    "doo_v1_",
    "dor_v1_"
  ]),
  f("vault-token", "a HashiCorp Vault token", /^hv[sb]\.[A-Za-z0-9_-]{20,}$/, 4, ["hvs.", "hvb."]),
  f("doppler-token", "a Doppler token", /^dp\.(st|sa|ct|pt|scim|audit)\.[A-Za-z0-9_.-]{20,}$/, 3, ["dp."]),
  f("linear-key", "a Linear API key", /^lin_(api|oauth)_[A-Za-z0-9]{30,}$/, 4, ["lin_api_", "lin_oauth_"]),
  f("supabase-secret", "a Supabase secret key", /^(sbp_[a-f0-9]{30,}|sb_secret_[A-Za-z0-9_-]{20,})$/, 3, [
    "sbp_",
    "sb_secret_"
  ]),
  f(
    "supabase-publishable",
    "a Supabase publishable key",
    /^sb_publishable_[A-Za-z0-9_-]{20,}$/,
    3,
    ["sb_publishable_"],
    false
  ),
  f("groq-key", "a Groq API key", /^gsk_[A-Za-z0-9]{40,}$/, 4, ["gsk_"]),
  f("replicate-token", "a Replicate token", /^r8_[A-Za-z0-9]{30,}$/, 3, ["r8_"]),
  f("age-secret-key", "an age secret key", /^AGE-SECRET-KEY-1[A-Z0-9]{50,}$/, 4, ["AGE-SECRET-KEY-1"]),
  f("telegram-bot-token", "a Telegram bot token", /^\d{8,10}:[A-Za-z0-9_-]{35}$/, 0, [])
];
var PEM_PRIVATE = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
var URL_USERINFO = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^\s/?#@:]*):([^\s/?#@]+)@/;
var URL_QUERY_CREDENTIAL = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S*[?&](password|passwd|pwd|pass|token|access_token|api_key|apikey|key|secret|client_secret|sig|signature|x-amz-signature|auth)=[^&\s]+/i;
var CONNECTION_STRING_SECRET = /(^|;)\s*(AccountKey|SharedAccessKey|Password|Pwd)\s*=\s*[^;\s]+/i;
var PASSWORD_URL_SCHEMES = [
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "amqp",
  "amqps"
];
var PEM_PRIVATE_KEY = f("pem-private-key", "a PEM private key", PEM_PRIVATE, 0, [
  "-----BEGIN "
]);
var URL_PASSWORD = f(
  "url-password",
  "a URL with a password",
  URL_USERINFO,
  0,
  PASSWORD_URL_SCHEMES.map((s) => `${s}://`)
);
var URL_QUERY = f(
  "url-query-credential",
  "a URL with a credential in its query",
  URL_QUERY_CREDENTIAL,
  0,
  []
);
var CONNECTION_STRING = f(
  "connection-string",
  "a connection string with a password or account key",
  CONNECTION_STRING_SECRET,
  0,
  []
);
function matchFormat(value) {
  for (const format of FORMATS) {
    if (format.pattern.test(value)) return { format, prefix: value.slice(0, format.shown) };
  }
  if (PEM_PRIVATE.test(value)) return { format: PEM_PRIVATE_KEY, prefix: "" };
  const userinfo = URL_USERINFO.exec(value);
  if (userinfo) {
    return { format: URL_PASSWORD, prefix: `${userinfo[1]}://`, secretPart: userinfo[3] };
  }
  const query = URL_QUERY_CREDENTIAL.exec(value);
  if (query) {
    return {
      format: { ...URL_QUERY, label: `${URL_QUERY.label} (${query[1].toLowerCase()}=)` },
      prefix: `${value.slice(0, value.indexOf("://"))}://`
    };
  }
  if (CONNECTION_STRING_SECRET.test(value) && value.includes(";")) {
    return { format: CONNECTION_STRING, prefix: "" };
  }
  return void 0;
}
function urlScheme(value) {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/[^\s]/.exec(value);
  return m ? `${m[1]}://` : void 0;
}

// src/inventory/names.ts
var words = (list) => new Set(list.trim().split(/\s+/));
var PUBLIC_PREFIXES = [
  "NEXT_PUBLIC_",
  "NUXT_PUBLIC_",
  "EXPO_PUBLIC_",
  "REACT_APP_",
  "VITE_",
  "GATSBY_",
  "VUE_APP_",
  "PUBLIC_"
];
var SECRET_WORDS = words(`
  KEY KEYS APIKEY ACCESSKEY SECRETKEY PRIVATEKEY SECRET SECRETS CLIENTSECRET COOKIESECRET SESSIONSECRET
  TOKEN TOKENS AUTHTOKEN ACCESSTOKEN REFRESHTOKEN PASSWORD PASSWORDS PASSWD PASS PWD PASSPHRASE
  PRIVATE CREDENTIAL CREDENTIALS CREDS AUTH DSN SALT PEPPER SIGNATURE HMAC`);
var SECRET_NAME_KEYWORDS = [
  "key",
  "secret",
  "token",
  "pass",
  "pwd",
  "private",
  "cred",
  "auth",
  "dsn",
  "salt",
  "pepper",
  "signature",
  "hmac"
];
var GLUED_SUFFIX = /^[A-Z0-9]{2,}(PASSWORD|PASSWD|SECRET|TOKEN|APIKEY)$/;
var JOINERS = words("ACCESS API CLIENT SIGNING ENCRYPTION MASTER SERVICE REFRESH BEARER");
var QUALIFIERS = words(`
  URL URI URLS HOST HOSTNAME PORT DOMAIN ENDPOINT PATH FILE FILENAME DIR LOCATION
  ENABLED DISABLED ENABLE DISABLE REQUIRED MODE TYPE NAME REGION TTL TIMEOUT
  EXPIRES EXPIRY EXPIRATION EXPIRE LIFETIME MAX MIN LENGTH LEN SIZE COUNT LIMIT RETRIES ATTEMPTS
  ALGORITHM ALG ALGO STRATEGY PROVIDER ISSUER AUDIENCE SCOPE SCOPES CALLBACK REDIRECT
  VERSION HEADER PREFIX FORMAT IN SECONDS MS MINUTES HOURS DAYS POLICY ROTATION LOGIN USER USERNAME`);
var NOT_CREDENTIAL_KEY = words("PRIMARY PARTITION SORT CACHE FOREIGN HOT SHORTCUT ROUTING");
var IDENTIFIER_WORDS = words(`
  ID IDS SHA HASH COMMIT REV REVISION CHECKSUM DIGEST UUID GUID SID FINGERPRINT THUMBPRINT ETAG BUILD`);
var CONFIG_NAMES = words(`
  PORT NODE_ENV APP_ENV ENV ENVIRONMENT RAILS_ENV RACK_ENV FLASK_ENV LOG_LEVEL DEBUG TZ HOST HOSTNAME
  LANG NODE_OPTIONS DJANGO_SETTINGS_MODULE`);
var CONFIG_SUFFIXES = words("PORT HOST HOSTNAME URL URI ENDPOINT DOMAIN REGION LEVEL");
function isSecretWord(segment) {
  return SECRET_WORDS.has(segment) || GLUED_SUFFIX.test(segment);
}
function nameSegments(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").split(/[_.-]+/).filter(Boolean).map((s) => s.toUpperCase());
}
function publicPrefix(key) {
  if (/^PUBLIC_KEYS?(_|$)/.test(key)) return void 0;
  return PUBLIC_PREFIXES.find((p) => key.startsWith(p) && key.length > p.length);
}
function judgeName(key) {
  if (key.toUpperCase() === "PWD") return { notSecret: "the shell's working-directory variable" };
  const segs = nameSegments(key);
  let at = segs.length - 1;
  while (at >= 0 && !isSecretWord(segs[at])) at--;
  if (at < 0) return {};
  let from = at;
  while (from > 0 && (isSecretWord(segs[from - 1]) || JOINERS.has(segs[from - 1]))) from--;
  const word = segs.slice(from, at + 1).join("_");
  const after = segs.slice(at + 1).find((s) => QUALIFIERS.has(s));
  if (after) return { secretWord: word, notSecret: `a setting of ${word} (\u2026_${after}), not a credential` };
  if (segs[at] === "KEY" || segs[at] === "KEYS") {
    const saysPublic = segs.includes("PUBLIC") || segs.includes("PUBLISHABLE") || segs.includes("ANON");
    if (saysPublic && !segs.includes("SECRET") && !segs.includes("PRIVATE")) {
      return { secretWord: word, notSecret: "a public/publishable/anon key by name" };
    }
    const before = segs[at - 1];
    if (before && NOT_CREDENTIAL_KEY.has(before)) {
      return { secretWord: word, notSecret: `a ${before.toLowerCase()} key, not a credential` };
    }
  }
  return { secretWord: word };
}

// src/inventory/value-shape.ts
function shannonEntropy(value) {
  const chars = [...value];
  if (chars.length === 0) return 0;
  const counts = /* @__PURE__ */ new Map();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
var TOKEN_CHARS = /^[A-Za-z0-9+/=_.~!@#$%^&*:,;?|-]+$/;
var HEX = /^[0-9a-fA-F]+$/;
var ENTROPY = {
  /** Minimum length for a mixed-alphabet value. */
  minLength: 20,
  /** Bits per character a mixed-alphabet value must reach. */
  minBits: 3.5,
  /** Hex values are judged on a 16-letter alphabet: longer, and a lower bar. */
  hexMinLength: 32,
  hexMinBits: 3,
  /** Share of adjacent characters that change class (lower/upper/digit/symbol): random text changes often, words rarely. */
  minSwitchRatio: 0.3,
  /** The same for one-case alphabets (hex, base36), where a random string changes class less often. */
  singleCaseMinSwitchRatio: 0.2
};
function highEntropy(value) {
  const length = [...value].length;
  if (length < ENTROPY.minLength || !TOKEN_CHARS.test(value)) return void 0;
  if (UUID.test(value) || value.includes("://") || looksLikePath(value) || looksLikeEmail(value))
    return void 0;
  if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value) && !/\d{3,}/.test(value)) return void 0;
  const bits = shannonEntropy(value);
  const switches = switchRatio(value);
  const alnumSwitches = switchRatio(value.replace(/[-_]/g, ""));
  if (HEX.test(value)) {
    const mixed = /[0-9]/.test(value) && /[a-fA-F]/.test(value);
    return mixed && length >= ENTROPY.hexMinLength && bits >= ENTROPY.hexMinBits && alnumSwitches >= ENTROPY.singleCaseMinSwitchRatio ? { bits, length } : void 0;
  }
  const digits = /[0-9]/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value) && digits;
  const singleCaseAlnum = (/^[a-z0-9_-]+$/.test(value) || /^[A-Z0-9_-]+$/.test(value)) && digits && /[A-Za-z]/.test(value) && length >= 24;
  if (!mixedCase && !singleCaseAlnum) return void 0;
  const enough = mixedCase ? switches >= ENTROPY.minSwitchRatio : alnumSwitches >= ENTROPY.singleCaseMinSwitchRatio;
  return bits >= ENTROPY.minBits && enough ? { bits, length } : void 0;
}
function switchRatio(value) {
  const cls = (c) => /[a-z]/.test(c) ? 0 : /[A-Z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 3;
  let switches = 0;
  for (let i = 1; i < value.length; i++) if (cls(value[i]) !== cls(value[i - 1])) switches++;
  return value.length > 1 ? switches / (value.length - 1) : 0;
}
var PLACEHOLDER_WORDS = "xxxx your change replace placeholder example dummy todo fixme insert redacted **** ... < > ${".split(" ");
var PLACEHOLDER_VALUES = new Set(
  "secret password pass passwd token key none null nil empty test testing admin root postgres mysql user guest changeme 1234 12345 123456 12345678 abc abc123".split(
    " "
  )
);
function isPlaceholder(value) {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true;
  const tail = value.replace(/^[A-Za-z]{1,8}[_-]((live|test)[_-])?/, "");
  return tail.length >= 8 && new Set(tail).size <= 2;
}
function configShape(value) {
  if (/^(true|false|yes|no|on|off|enabled|disabled)$/i.test(value)) return "boolean value";
  if (/^-?\d{1,10}(\.\d+)?$/.test(value)) return "number";
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/.test(value)) return "URL without credentials";
  if (/^(\d{1,3}\.){3}\d{1,3}(:\d{1,5})?$/.test(value)) return "IP address";
  if (/^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d{1,5})?$/i.test(value)) return "host name";
  if (looksLikeEmail(value)) return "email address";
  if (/^(\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value)) return "file path";
  if (/^\d+(\.\d+){1,3}([-+][\w.]+)?$/.test(value)) return "version";
  if (/^[a-zA-Z][a-zA-Z0-9_.:-]{0,31}$/.test(value) && !/\d.*[a-zA-Z].*\d/.test(value)) return "plain word";
  if (/\s/.test(value.trim())) return "text";
  return void 0;
}
function isBoolean(value) {
  return /^(true|false|yes|no|on|off)$/i.test(value);
}
function looksLikePath(value) {
  if (!/^(~|\.{1,2})?\//.test(value)) return false;
  const slashes = value.split("/").length - 1;
  return /^[\w.@~/-]*$/.test(value) && (slashes >= 2 || !/[a-zA-Z]\d|\d[a-zA-Z]/.test(value));
}
function looksLikeEmail(value) {
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value);
}

// src/inventory/text-rules.ts
function textSource(pattern) {
  return pattern.source.replace(/^\^/, "").replace(/\$$/, "").replaceAll("\\S", "[^\\s\"'`<>),;\\]]");
}
var fromFormats = FORMATS.filter((f2) => f2.secret && f2.keywords.length > 0).map((f2) => ({
  id: f2.id,
  label: f2.label,
  shown: f2.shown,
  keywords: f2.keywords,
  mode: "at",
  regex: new RegExp(`(?:${textSource(f2.pattern)})(?![A-Za-z0-9])`, "y"),
  secretGroup: 0,
  accept: (m) => !isPlaceholder(m[0])
}));
var LOCAL_HOSTS = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal|db|postgres|mysql|redis|mongo|rabbitmq)$/i;
var TEMPLATED = /^[$%{<[]|^\*+$/;
var QUOTE = "[\"'`]";
var TYPE_ANNOTATION = "(?:\\s*:\\s*[A-Za-z_][\\w.<>|\\[\\] ]*?(?=\\s*=[^=>]))?";
var urlPassword = {
  id: URL_PASSWORD.id,
  label: URL_PASSWORD.label,
  shown: 0,
  keywords: URL_PASSWORD.keywords,
  mode: "at",
  regex: new RegExp(
    `(${PASSWORD_URL_SCHEMES.map((s) => s.replace("+", "\\+")).join("|")})://([^\\s/?#@:"'\`]*):([^\\s/?#@"'\`]+)@([^\\s/?#"'\`:,]+)`,
    "dy"
  ),
  secretGroup: 3,
  // `user:password@localhost` and `${DB_PASSWORD}` are how docs and compose files spell "none".
  accept: (m) => {
    const password = m[3];
    if (isPlaceholder(password) || TEMPLATED.test(password)) return false;
    return !(LOCAL_HOSTS.test(m[4]) && password.length < 16 && !highEntropy(password));
  },
  previewPrefix: (m) => `${m[1]}://`
};
var pem = {
  id: PEM_PRIVATE_KEY.id,
  label: PEM_PRIVATE_KEY.label,
  shown: 0,
  keywords: PEM_PRIVATE_KEY.keywords,
  mode: "at",
  // A header alone (in docs, in a parser's source) is not a key: a body must follow it.
  regex: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----(?:\s|\\[nr]|["'`+,])*(?:[A-Za-z0-9+/=]{40,}|Proc-Type:)/y,
  secretGroup: 0,
  accept: (m) => !isPlaceholder(m[0].slice(m[0].lastIndexOf("-----") + 5))
};
var awsSecret = {
  id: "aws-secret-access-key",
  label: "an AWS secret access key",
  shown: 0,
  keywords: [
    "aws_secret",
    "aws-secret",
    "awssecret",
    "secret_access_key",
    "secretaccesskey",
    "secret-access-key"
  ],
  mode: "name",
  regex: new RegExp(
    `([A-Za-z0-9_.-]*?(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key)${QUOTE}?${TYPE_ANNOTATION}\\s*(?::=|=>|=|:|,)\\s*${QUOTE}?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    "dyi"
  ),
  secretGroup: 2,
  nameGroup: 1,
  accept: (m) => !isPlaceholder(m[2]) && highEntropy(m[2]) !== void 0
};
var generic = {
  id: "generic-secret",
  label: "a random-looking value assigned to a secret-looking name",
  shown: 0,
  keywords: SECRET_NAME_KEYWORDS,
  mode: "name",
  regex: new RegExp(
    `([A-Za-z_][A-Za-z0-9_.-]*)${QUOTE}?\\]?${TYPE_ANNOTATION}\\s*(?::=|=>|=|:)\\s*(?:[rbuf]?${QUOTE})?([^\\s"'\`,;)}\\]]{16,})`,
    "dy"
  ),
  secretGroup: 2,
  nameGroup: 1,
  accept: (m) => {
    const name = m[1];
    const value = m[2];
    const verdict = judgeName(name);
    if (!verdict.secretWord || verdict.notSecret) return false;
    if (isPlaceholder(value) || value.startsWith("secret://")) return false;
    const format = matchFormat(value);
    if (format && !format.format.secret) return false;
    return highEntropy(value) !== void 0;
  }
};
var TEXT_RULES = [...fromFormats, pem, urlPassword, awsSecret, generic];

// src/check/automaton.ts
function foldByte(b) {
  return b >= 65 && b <= 90 ? b + 32 : b;
}
var KeywordAutomaton = class {
  keywords;
  /** byte → alphabet class. */
  classes;
  width;
  /** state + class → next state, states premultiplied by `width` (one add per byte, no multiply). */
  next;
  /** Non-zero for (premultiplied) states where a keyword ends. */
  accepts;
  /** Keyword ids that end in each (premultiplied) state, suffix outputs included. */
  outputs;
  /** Builds the automaton. Keywords are ASCII; an empty list matches nothing. Never throws. */
  constructor(keywords) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    const classes = new Uint8Array(256);
    let width = 1;
    for (const k of this.keywords) {
      for (let i = 0; i < k.length; i++) {
        const b = k.charCodeAt(i) & 255;
        if (classes[b] === 0) {
          classes[b] = width;
          if (b >= 97 && b <= 122) classes[b - 32] = width;
          width++;
        }
      }
    }
    this.classes = classes;
    this.width = width;
    const goto = [/* @__PURE__ */ new Map()];
    const out = [[]];
    this.keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = classes[foldByte(k.charCodeAt(i) & 255)];
        let next = goto[s].get(c);
        if (next === void 0) {
          next = goto.length;
          goto.push(/* @__PURE__ */ new Map());
          out.push([]);
          goto[s].set(c, next);
        }
        s = next;
      }
      out[s].push(id);
    });
    const delta = new Int32Array(goto.length * width);
    const fail = new Int32Array(goto.length);
    const queue = [];
    for (let c = 0; c < width; c++) {
      const next = goto[0].get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      out[s].push(...out[fail[s]]);
      for (let c = 0; c < width; c++) {
        const next = goto[s].get(c);
        if (next === void 0) {
          delta[s * width + c] = delta[fail[s] * width + c];
        } else {
          fail[next] = delta[fail[s] * width + c];
          delta[s * width + c] = next;
          queue.push(next);
        }
      }
    }
    this.next = delta.map((state) => state * width);
    this.accepts = new Uint8Array(delta.length);
    this.outputs = /* @__PURE__ */ new Map();
    out.forEach((ids, state) => {
      if (ids.length === 0) return;
      this.accepts[state * width] = 1;
      this.outputs.set(state * width, ids);
    });
  }
};
var BLOOM_BITS = 1 << 23;
var ValueIndex = class {
  base;
  stride;
  mode;
  /** base^stride mod 2^32, to drop the byte leaving a rolling window. */
  drop;
  bloom = new Uint8Array(BLOOM_BITS >>> 3);
  candidates = /* @__PURE__ */ new Map();
  /** `base` is made odd; callers pick it at random (or from the fingerprint file) so hashes are not portable. */
  constructor(base, stride, mode) {
    this.base = base | 1;
    this.stride = stride;
    this.mode = mode;
    let drop = 1;
    for (let i = 0; i < stride; i++) drop = Math.imul(drop, this.base);
    this.drop = drop;
  }
  /** The hash of `bytes[from, from + stride)`, as the scan computes it. */
  hash(bytes, from) {
    let h = 0;
    for (let i = from; i < from + this.stride; i++) h = Math.imul(h, this.base) + bytes[i] | 0;
    return h;
  }
  /** Registers a window of a pattern under its hash. */
  add(hash, window) {
    const slot = bloomSlot(hash);
    this.bloom[slot >>> 3] |= 1 << (slot & 7);
    const list = this.candidates.get(hash);
    if (list) list.push(window);
    else this.candidates.set(hash, [window]);
  }
  get size() {
    return this.candidates.size;
  }
};
function bloomSlot(hash) {
  return Math.imul(hash, 2654435761) >>> 9;
}
function scanKeywords(bytes, automaton) {
  const { classes, next, accepts } = automaton;
  const hits = [];
  let s = 0;
  for (let i = 0, n = bytes.length; i < n; i++) {
    s = next[s + classes[bytes[i]]];
    if (accepts[s] !== 0) hits.push(i + 1, s);
  }
  return hits;
}
function scanWindows(bytes, index) {
  const { base, stride, bloom, candidates } = index;
  const hits = [];
  const n = bytes.length;
  if (index.size === 0 || n < stride) return hits;
  if (index.mode === "aligned") {
    for (let q = 0; q + stride <= n; q += stride) {
      let h2 = 0;
      for (let i = q; i < q + stride; i++) h2 = Math.imul(h2, base) + bytes[i] | 0;
      const slot = bloomSlot(h2);
      if ((bloom[slot >>> 3] & 1 << (slot & 7)) !== 0 && candidates.has(h2)) hits.push(q, h2);
    }
    return hits;
  }
  const drop = index.drop;
  let h = 0;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h, base) + bytes[i] | 0;
    if (i >= stride) h = h - Math.imul(drop, bytes[i - stride]) | 0;
    if (i >= stride - 1) {
      const slot = bloomSlot(h);
      if ((bloom[slot >>> 3] & 1 << (slot & 7)) !== 0 && candidates.has(h)) hits.push(i + 1 - stride, h);
    }
  }
  return hits;
}

// src/check/engine.ts
var FINGERPRINT_WINDOW = 8;
function buildEngine(spec) {
  const keywords = [];
  const ids = /* @__PURE__ */ new Map();
  const rulesByKeyword = [];
  for (const rule of TEXT_RULES) {
    for (const raw of rule.keywords) {
      const keyword = raw.toLowerCase();
      let id = ids.get(keyword);
      if (id === void 0) {
        id = keywords.length;
        ids.set(keyword, id);
        keywords.push(keyword);
        rulesByKeyword.push([]);
      }
      if (!rulesByKeyword[id].includes(rule)) rulesByKeyword[id].push(rule);
    }
  }
  const engine = {
    automaton: new KeywordAutomaton(keywords),
    rulesByKeyword,
    ruleRank: new Map(TEXT_RULES.map((rule, i) => [rule, i])),
    patterns: [],
    values: []
  };
  const values = spec.values;
  if (!values || values.items.length === 0) return engine;
  engine.values = values.items.map(({ key, preview }) => ({ key, preview }));
  if (values.mode === "exact") {
    const lengths = values.items.flatMap((v) => v.forms.map((f2) => f2.bytes.length));
    const stride = Math.max(2, Math.min(8, Math.floor((Math.min(...lengths) + 1) / 2)));
    const index = new ValueIndex(values.base, stride, "aligned");
    values.items.forEach((item, valueId) => {
      for (const form of item.forms) {
        const bytes = Buffer.from(form.bytes.buffer, form.bytes.byteOffset, form.bytes.byteLength);
        const id = engine.patterns.length;
        engine.patterns.push({ valueId, encoding: form.encoding, length: bytes.length, bytes });
        for (let offset = 0; offset + stride <= bytes.length; offset++) {
          index.add(index.hash(bytes, offset), { id, offset });
        }
      }
    });
    engine.index = index;
  } else {
    const index = new ValueIndex(values.base, FINGERPRINT_WINDOW, "rolling");
    values.items.forEach((item, valueId) => {
      for (const form of item.forms) {
        const id = engine.patterns.length;
        engine.patterns.push({ valueId, encoding: form.encoding, length: form.length, hmac: form.hmac });
        index.add(form.head, { id, offset: 0 });
      }
    });
    engine.index = index;
    engine.hmacKey = Buffer.from(values.hmacKey, "hex");
  }
  return engine;
}

// src/check/jobs.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

// src/check/scan-buffer.ts
import { createHash, createHmac } from "node:crypto";
import { basename } from "node:path";

// src/envfile/offsets.ts
function normalise(source) {
  const crlfAt = [];
  let removed = 0;
  for (let i = source.indexOf("\r"); i !== -1; i = source.indexOf("\r", i + 1)) {
    if (source.charCodeAt(i + 1) === 10) {
      crlfAt.push(i - removed);
      removed++;
    }
  }
  const text = source.replace(/\r\n?/g, "\n");
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return { text, crlfAt, lineStarts };
}
function countBelow(sorted, x, inclusive) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    const v = sorted[mid];
    if (v < x || inclusive && v === x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function toOriginal(norm, offset) {
  return offset + countBelow(norm.crlfAt, offset, false);
}
function lineOf(norm, offset) {
  return countBelow(norm.lineStarts, offset, true);
}

// src/envfile/warnings.ts
var MAX_WARNINGS = 200;
var LOOKS_LIKE_ASSIGNMENT = /\n[ \t]*(?:export[ \t]+)?[\w.-]+[ \t]*=/;
function collectWarnings(norm, scanned) {
  const warnings = [];
  const text = norm.text;
  const warnAt = (offset, message) => warnings.push({ line: lineOf(norm, offset), message });
  let pos = 0;
  for (const s of scanned) {
    ignoredLines(text, pos, s.matchStart, warnAt);
    pos = s.matchEnd;
  }
  ignoredLines(text, pos, text.length, warnAt);
  const last = /* @__PURE__ */ new Map();
  for (const s of scanned) last.set(s.entry.key, s);
  for (const s of scanned) {
    for (const message of entryWarnings(text, s, norm)) warnings.push({ line: s.entry.line, message });
    const final = last.get(s.entry.key);
    if (final !== s) {
      warnings.push({
        line: s.entry.line,
        message: `${s.entry.key} is set again on line ${final.entry.line}; dotenv keeps the last value`
      });
    }
  }
  const nul = text.indexOf("\0");
  if (nul !== -1)
    warnAt(nul, "the file contains NUL bytes: is it UTF-16 or binary rather than a UTF-8 .env file?");
  warnings.sort((a, b) => a.line - b.line);
  if (warnings.length <= MAX_WARNINGS) return warnings;
  const more = warnings.length - MAX_WARNINGS;
  const firstHidden = warnings[MAX_WARNINGS].line;
  return [
    ...warnings.slice(0, MAX_WARNINGS),
    { line: firstHidden, message: `${more} more warnings not shown` }
  ];
}
function ignoredLines(text, from, to, warnAt) {
  let lineStart2 = from;
  while (lineStart2 < to) {
    let lineEnd = text.indexOf("\n", lineStart2);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const piece = text.slice(lineStart2, lineEnd).trim();
    if (piece !== "" && !piece.startsWith("#")) {
      warnAt(
        lineStart2,
        "dotenv ignores this line: it is not KEY=value (keys may use letters, digits, _, . and - only)"
      );
    }
    lineStart2 = lineEnd + 1;
  }
}
function entryWarnings(text, s, norm) {
  const { key, quote } = s.entry;
  const out = [];
  const valueFrom = s.from < s.to ? s.from : s.sepEnd;
  if (text.slice(s.start, valueFrom).includes("\n")) {
    out.push(`${key}: the key and its value are on different lines; dotenv reads them as one assignment`);
  }
  if (quote === null && s.from < s.to && /["'`]/.test(text[s.from])) {
    out.push(
      `${key}: the value starts with ${text[s.from]} but is not one quoted string (the quote is not closed, or text follows it); dotenv keeps the quote characters in the value`
    );
  }
  if (quote === null && text[s.from < s.to ? s.to : s.sepEnd] === "#") {
    out.push(
      `${key}: the value stops at a # with no space before it; dotenv reads the rest of the line as a comment (quote the value if the # belongs to it)`
    );
  }
  if (quote !== null && LOOKS_LIKE_ASSIGNMENT.test(text.slice(s.from, s.to))) {
    const first = lineOf(norm, s.from);
    out.push(
      `${key}: the quoted value runs from line ${first} to line ${lineOf(norm, s.to)} over lines that look like assignments; is a closing ${quote} missing on line ${first}?`
    );
  }
  if (quote !== null && text[s.to - 2] === "\\" && s.to - s.from > 2) {
    out.push(
      `${key}: the value ends with a backslash right before its closing ${quote}; dotenv reads that quote as escaped first, so a later line with a quote can change this value`
    );
  }
  if (key === "__proto__") out.push("dotenv cannot set the key __proto__: it is dropped");
  return out;
}

// src/envfile/parse.ts
var LINE = /(?:^|^)\s*(export\s+)?([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;
function dotenvValue(captured) {
  let value = captured.trim();
  const maybeQuote = value[0];
  value = value.replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
  if (maybeQuote === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
  return value;
}
function isQuote(ch) {
  return ch === '"' || ch === "'" || ch === "`";
}
function parseEnv(source, file = "<input>") {
  const norm = normalise(source);
  const scanned = [];
  for (const match of norm.text.matchAll(LINE)) scanned.push(scan(norm, match));
  return { file, source, entries: scanned.map((s) => s.entry), warnings: collectWarnings(norm, scanned) };
}
function scan(norm, match) {
  const indices = match.indices;
  const keyStart = indices[2][0];
  const start = indices[1]?.[0] ?? keyStart;
  const sepEnd = indices[3][1];
  const captured = match[4];
  let from = sepEnd;
  let to = sepEnd;
  let quote = null;
  if (captured !== void 0) {
    const groupStart = indices[4][0];
    const trimmed = captured.trim();
    from = trimmed === "" ? groupStart : groupStart + captured.length - captured.trimStart().length;
    to = from + trimmed.length;
    const first = trimmed[0];
    if (trimmed.length >= 2 && isQuote(first) && trimmed.endsWith(first)) quote = first;
  }
  const inner = quote === null ? 0 : 1;
  const entry = {
    key: match[2],
    value: dotenvValue(captured ?? ""),
    line: lineOf(norm, start),
    exported: indices[1] !== void 0,
    quote,
    start: toOriginal(norm, start),
    end: toOriginal(norm, to),
    valueStart: toOriginal(norm, from + inner),
    valueEnd: toOriginal(norm, to - inner)
  };
  return { entry, matchStart: match.index, matchEnd: match.index + match[0].length, start, sepEnd, from, to };
}

// src/envfile/read.ts
var MAX_ENV_FILE_BYTES = 1024 * 1024;

// src/inventory/classify.ts
function classify(key, value) {
  const empty = value === "";
  const secretPart = value ? matchFormat(value)?.secretPart : void 0;
  const placeholder = !empty && isPlaceholder(secretPart ?? value);
  const prefix = publicPrefix(key);
  const signal = secretSignal(prefix ? key.slice(prefix.length) : key, value, placeholder);
  const suffix = empty ? " (empty value)" : placeholder && signal.secret ? " (placeholder)" : "";
  if (prefix) {
    const result = {
      class: "public",
      reason: `${prefix} prefix: built into browser bundles${suffix}`,
      valueLooksSecret: signal.fromValue,
      placeholder,
      empty
    };
    const designedPublic = signal.word === "DSN" && !signal.fromValue || signal.formatId === "jwt" && signal.publishableName;
    if (signal.secret && !designedPublic) {
      const has = signal.word ? "has" : placeholder ? "holds a placeholder for" : "holds";
      result.publicWarning = `${prefix} keys ship to every browser, and this one ${has} ${signal.what}`;
    }
    return result;
  }
  if (signal.secret) {
    return {
      class: "secret",
      reason: `${signal.reason}${suffix}`,
      valueLooksSecret: signal.fromValue,
      placeholder,
      empty
    };
  }
  return {
    class: "config",
    reason: `${signal.reason}${empty ? " (empty value)" : ""}`,
    valueLooksSecret: false,
    placeholder,
    empty
  };
}
function secretSignal(name, value, placeholder) {
  const match = value ? matchFormat(value) : void 0;
  if (match?.format.secret) {
    const real = !placeholder;
    const mode = /^(sk|rk)_test_/.test(value) ? " (test mode)" : /^(sk|rk)_live_/.test(value) ? " (live mode)" : "";
    const what = `${match.format.label}${mode}`;
    const publishableName = /public|publishable|anon/.test(judgeName(name).notSecret ?? "");
    return {
      secret: true,
      reason: `value is ${what}`,
      what,
      fromValue: real,
      formatId: match.format.id,
      publishableName
    };
  }
  if (match) {
    return {
      secret: false,
      reason: `value is ${match.format.label} (public by design)`,
      what: "",
      fromValue: false
    };
  }
  const verdict = judgeName(name);
  if (verdict.secretWord && !verdict.notSecret) {
    if (isBoolean(value)) {
      return {
        secret: false,
        reason: `boolean flag (name mentions ${verdict.secretWord})`,
        what: "",
        fromValue: false
      };
    }
    const what = `a secret-looking name (${verdict.secretWord})`;
    return {
      secret: true,
      reason: `name contains ${verdict.secretWord}`,
      what,
      word: verdict.secretWord,
      fromValue: false
    };
  }
  const last = nameSegments(name).at(-1) ?? "";
  if (!verdict.secretWord && IDENTIFIER_WORDS.has(last) && value && highEntropy(value)) {
    return { secret: false, reason: `identifier by name (\u2026_${last})`, what: "", fromValue: false };
  }
  const random = value ? highEntropy(value) : void 0;
  if (random && !placeholder) {
    const reason = `high-entropy value (${random.bits.toFixed(1)} bits/char over ${random.length} chars)`;
    return { secret: true, reason, what: "a random-looking value", fromValue: true };
  }
  return { secret: false, reason: configReason(name, value, verdict.notSecret), what: "", fromValue: false };
}
function configReason(name, value, notSecret) {
  if (notSecret) return notSecret;
  const upper = name.toUpperCase();
  if (CONFIG_NAMES.has(upper)) return `config name (${upper})`;
  const last = nameSegments(name).at(-1);
  const shape = value ? configShape(value) : void 0;
  if (shape && shape !== "plain word" && shape !== "text") return shape;
  if (last && CONFIG_SUFFIXES.has(last)) return `config name (\u2026_${last})`;
  return shape ?? "no secret signal in name or value";
}
var SHOWABLE_WORDS = new Set(
  "development dev production prod staging stage test testing local preview ci debug info warn warning error fatal trace silent verbose none json pretty".split(
    " "
  )
);

// src/inventory/walk.ts
import ignore from "ignore";

// src/inventory/discover.ts
var TEMPLATE_WORDS = /* @__PURE__ */ new Set(["example", "sample", "template", "tpl", "dist", "defaults", "schema"]);
var BACKUP_WORDS = /* @__PURE__ */ new Set(["bak", "backup", "old", "orig", "save", "copy", "tmp"]);
var OTHER_FORMATS = /* @__PURE__ */ new Set([
  ...["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "json", "json5", "yml", "yaml", "toml"],
  ...["sh", "bash", "zsh", "fish", "ps1", "py", "rb", "md", "swp", "swo", "lock", "enc", "gpg", "age"]
]);
var UNSUPPORTED = {
  ".env.vault": "dotenv-vault encrypted file",
  ".env.keys": "dotenvx private keys file: keep it out of git",
  ".env.me": "dotenv-vault identity token file: keep it out of git"
};
function parseEnvFileName(name) {
  if (name === ".env") return { type: "dotenv", env: "development", kind: "env", notes: [] };
  if (!name.startsWith(".env.")) return void 0;
  const unsupported = UNSUPPORTED[name];
  if (unsupported) return { type: "unsupported", why: unsupported };
  const parts = name.slice(".env.".length).split(".");
  if (parts.some((p) => p === "") || OTHER_FORMATS.has(parts.at(-1).toLowerCase())) return void 0;
  const notes = [];
  while (parts.length > 0 && BACKUP_WORDS.has(parts.at(-1).toLowerCase())) {
    parts.pop();
    if (notes.length === 0) notes.push("backup copy of a dotenv file");
  }
  let kind = "env";
  const templateAt = parts.findIndex((p) => TEMPLATE_WORDS.has(p.toLowerCase()));
  if (templateAt >= 0) {
    kind = "template";
    parts.splice(templateAt, 1);
  } else if (parts.at(-1)?.toLowerCase() === "local") {
    kind = "local";
    parts.pop();
    notes.push("machine-local override");
  }
  const named = parts.join(".");
  const env = named || (kind === "template" ? null : "development");
  return { type: "dotenv", env, kind, notes };
}

// src/runtime/reference.ts
var REFERENCE_SCHEME = "secret://";
function isReference(value) {
  return value.startsWith(REFERENCE_SCHEME);
}

// src/check/redact-value.ts
function redactValue(value) {
  const match = matchFormat(value);
  return `${match ? match.prefix : urlScheme(value) ?? ""}\u2026(${[...value].length})`;
}

// src/check/env-rules.ts
var MAX_ENV_BYTES = 1024 * 1024;
function envFileMatches(bytes, name) {
  const parsed = parseEnvFileName(name);
  if (parsed?.type !== "dotenv" || bytes.length > MAX_ENV_BYTES) return [];
  const source = bytes.toString("utf8");
  const toByte = (index) => Buffer.byteLength(source.slice(0, index), "utf8");
  const out = [];
  for (const entry of parseEnv(source).entries) {
    const value = entry.value;
    if (value === "" || isReference(value)) continue;
    const c = classify(entry.key, value);
    const template = parsed.kind === "template";
    const fires = template ? c.valueLooksSecret : c.class === "secret" && !c.placeholder;
    if (!fires) continue;
    const at = toByte(entry.valueStart);
    out.push({
      rule: template ? "template-secret" : "env-plaintext",
      message: template ? `a real-looking secret in a template (${c.reason}): templates are committed, use a placeholder` : `a plaintext secret in a dotenv file (${c.reason}): move it with \`secrets migrate\` or \`secrets set ${entry.key}\``,
      at,
      start: at,
      end: toByte(entry.valueEnd),
      secret: value,
      key: entry.key,
      preview: redactValue(value),
      rank: 1e3
    });
  }
  return out;
}

// src/check/split-walk.ts
var MAX_GAP = 48;
function isJoinByte(b) {
  return b === 32 || b === 9 || b === 10 || b === 13 || b === 34 || b === 39 || b === 96 || b === 43 || b === 92;
}
function isQuoteOrEscape(b) {
  return b === 34 || b === 39 || b === 96 || b === 92;
}
function splitWalk(text, pattern, at, offset, width) {
  let joins = 0;
  let t = at - 1;
  let p = offset - 1;
  while (p >= 0) {
    if (t >= 0 && text[t] === pattern[p]) {
      t--;
      p--;
      continue;
    }
    const gapEnd = t;
    let quoted = false;
    while (t >= 0 && gapEnd - t < MAX_GAP && isJoinByte(text[t]) && text[t] !== pattern[p]) {
      quoted ||= isQuoteOrEscape(text[t]);
      t--;
    }
    if (t === gapEnd || t < 0 || text[t] !== pattern[p]) return void 0;
    if (!quoted && pattern[p] !== 10) return void 0;
    joins++;
  }
  const start = t + 1;
  t = at + width;
  p = offset + width;
  while (p < pattern.length) {
    if (t < text.length && text[t] === pattern[p]) {
      t++;
      p++;
      continue;
    }
    const gapStart = t;
    let quoted = false;
    while (t < text.length && t - gapStart < MAX_GAP && isJoinByte(text[t]) && text[t] !== pattern[p]) {
      quoted ||= isQuoteOrEscape(text[t]);
      t++;
    }
    if (t === gapStart || t >= text.length || text[t] !== pattern[p]) return void 0;
    if (!quoted && !(p > 0 && pattern[p - 1] === 10)) return void 0;
    joins++;
  }
  return { start, end: t, joins };
}

// src/check/scan-buffer.ts
var ALLOW_MARKER = "dotsecrets-allow";
function redact(secret, shown, prefix) {
  return `${prefix ?? secret.slice(0, shown)}\u2026(${[...secret].length})`;
}
function isBinary(bytes) {
  return bytes.subarray(0, 8e3).indexOf(0) >= 0;
}
function scanBuffer(bytes, path, engine) {
  if (isBinary(bytes)) return { findings: [], allowed: 0, skipped: "binary" };
  const keywordHits = scanKeywords(bytes, engine.automaton);
  const windowHits = engine.index ? scanWindows(bytes, engine.index) : [];
  const env = envFileMatches(bytes, basename(path));
  if (keywordHits.length === 0 && windowHits.length === 0 && env.length === 0) {
    return { findings: [], allowed: 0 };
  }
  const text = bytes.toString("latin1");
  const matches = [...ruleMatches(text, keywordHits, engine), ...valueMatches(bytes, windowHits, engine)];
  const kept = resolveOverlaps(matches);
  const lines = new Set(kept.map((m) => lineStart(text, m.at)));
  for (const m of env) if (!lines.has(lineStart(text, m.at))) kept.push(m);
  return place(text, kept);
}
function ruleMatches(text, hits, engine) {
  const out = [];
  const namesDone = /* @__PURE__ */ new Set();
  for (let h = 0; h < hits.length; h += 2) {
    const end = hits[h];
    for (const keywordId of engine.automaton.outputs.get(hits[h + 1]) ?? []) {
      const start = end - engine.automaton.keywords[keywordId].length;
      for (const rule of engine.rulesByKeyword[keywordId]) {
        const rank = engine.ruleRank.get(rule);
        if (rule.mode === "at") {
          if (start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
          rule.regex.lastIndex = start;
          const m2 = rule.regex.exec(text);
          if (m2 && (!rule.accept || rule.accept(m2))) out.push(toMatch(rule.id, rule.label, m2, 0, rule, rank));
          continue;
        }
        let from = start;
        while (from > 0 && isNameCode(text.charCodeAt(from - 1))) from--;
        const done = from * 128 + rank;
        if (namesDone.has(done)) continue;
        namesDone.add(done);
        rule.regex.lastIndex = from;
        const m = rule.regex.exec(text);
        if (m && (!rule.accept || rule.accept(m))) out.push(toMatch(rule.id, rule.label, m, 0, rule, rank));
      }
    }
  }
  return out;
}
function isWordCode(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122;
}
function isNameCode(c) {
  return isWordCode(c) || c === 95 || c === 46 || c === 45;
}
function toMatch(id, label, m, base, rule, rank) {
  const secret = m[rule.secretGroup];
  const span = m.indices?.[rule.secretGroup] ?? [m.index, m.index + m[0].length];
  const named = rule.nameGroup !== void 0 ? m[rule.nameGroup] : void 0;
  const match = {
    rule: id,
    message: label,
    at: base + (named ? span[0] : m.index),
    start: base + span[0],
    end: base + span[1],
    secret,
    preview: redact(secret, rule.shown, rule.previewPrefix?.(m)),
    rank
  };
  if (named) match.key = named;
  return match;
}
function valueMatches(bytes, hits, engine) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const stride = engine.index?.stride ?? 0;
  for (let h = 0; h < hits.length; h += 2) {
    const at = hits[h];
    for (const window of engine.index.candidates.get(hits[h + 1]) ?? []) {
      const pattern = engine.patterns[window.id];
      const start = at - window.offset;
      let span;
      if (pattern.bytes) {
        const whole = start >= 0 && start + pattern.length <= bytes.length && bytes.subarray(start, start + pattern.length).equals(pattern.bytes);
        if (whole) span = { start, end: start + pattern.length, encoding: pattern.encoding };
        else if (pattern.encoding === "raw") {
          const split = splitWalk(bytes, pattern.bytes, at, window.offset, stride);
          if (split && split.joins > 0) span = { start: split.start, end: split.end, encoding: "split" };
        }
      } else if (start + pattern.length <= bytes.length) {
        const hmac = createHmac("sha256", engine.hmacKey).update(bytes.subarray(start, start + pattern.length)).digest("hex");
        if (hmac === pattern.hmac) span = { start, end: start + pattern.length, encoding: pattern.encoding };
      }
      if (!span || seen.has(`${pattern.valueId}:${span.start}:${span.encoding}`)) continue;
      seen.add(`${pattern.valueId}:${span.start}:${span.encoding}`);
      const value = engine.values[pattern.valueId];
      const how = span.encoding === "raw" ? "" : ` (${span.encoding === "split" ? "split across lines" : span.encoding})`;
      out.push({
        rule: "exact-value",
        message: `the migrated value of ${value.key}${how}`,
        at: span.start,
        start: span.start,
        end: span.end,
        secret: `${value.key}\0${bytes.toString("latin1", span.start, span.end)}`,
        key: value.key,
        preview: value.preview,
        encoding: span.encoding,
        rank: -1
      });
    }
  }
  return out.filter(
    (m) => m.encoding !== "split" || !out.some((o) => o.encoding !== "split" && o.key === m.key && o.start < m.end && m.start < o.end)
  );
}
function resolveOverlaps(matches) {
  const sorted = [...matches].sort((a, b) => a.rank - b.rank || a.start - b.start);
  const kept = [];
  for (const m of sorted) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept;
}
function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
function place(text, matches) {
  matches.sort((a, b) => a.at - b.at);
  const findings = [];
  let allowed = 0;
  let line = 1;
  let scanned = 0;
  for (const m of matches) {
    for (let i = text.indexOf("\n", scanned); i >= 0 && i < m.at; i = text.indexOf("\n", i + 1)) {
      line++;
      scanned = i + 1;
    }
    const from = lineStart(text, m.at);
    const lineEnd = text.indexOf("\n", m.at);
    if (text.slice(from, lineEnd < 0 ? text.length : lineEnd).includes(ALLOW_MARKER)) {
      allowed++;
      continue;
    }
    const column = Buffer.from(text.slice(from, m.at), "latin1").toString("utf8").length + 1;
    const finding = {
      rule: m.rule,
      message: m.message,
      line,
      column,
      preview: m.preview,
      secretHash: createHash("sha256").update(`${m.rule}\0${m.secret}`, "latin1").digest("hex")
    };
    if (m.key) finding.key = m.key;
    if (m.encoding) finding.encoding = m.encoding;
    findings.push(finding);
  }
  return { findings, allowed };
}

// src/check/jobs.ts
function runJobs(jobs, engine, maxBytes) {
  return jobs.map((job) => {
    let bytes;
    if (job.bytes) {
      bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    } else {
      const read = readCapped(job.abs, maxBytes);
      if (typeof read === "string") return { findings: [], allowed: 0, bytes: 0, skipped: read };
      bytes = read;
    }
    if (bytes.length > maxBytes) return { findings: [], allowed: 0, bytes: 0, skipped: "too-large" };
    const scan2 = scanBuffer(bytes, job.name, engine);
    const result = { findings: scan2.findings, allowed: scan2.allowed, bytes: bytes.length };
    if (scan2.skipped) result.skipped = scan2.skipped;
    return result;
  });
}
function readCapped(path, maxBytes) {
  let fd;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    if (size > maxBytes) return "too-large";
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? buf : buf.subarray(0, off);
  } catch {
    return "unreadable";
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}

export {
  buildEngine,
  runJobs
};
