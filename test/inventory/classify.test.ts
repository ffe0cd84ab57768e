import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classify, judgeName, maySignalSecret, nameSegments, preview } from "../../src/inventory/classify.js";
import { FORMAT_GATES, matchFormat, mayHaveFormat } from "../../src/inventory/formats.js";
import { hasSecretHint, lastNameSegment, SECRET_NAME_KEYWORDS } from "../../src/inventory/names.js";
import { highEntropy, isPlaceholder, shannonEntropy } from "../../src/inventory/value-shape.js";
import { jwt, PREFIX, pemMarkers, urlWithPassword } from "../helpers/fake-secrets.js";

// Fake values built at run time so no secret-shaped literal sits in the test source.
const rep = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const rnd = (n: number) => rep("q7Xk2Lm9Pz4Rt8Wv3Ny6Bc1Hd5Jf0Gs", n);
const hex = (n: number) => rep("3f9a1c7e5b2d8046", n);

type Case = [key: string, value: string, cls: "secret" | "config" | "public", reason: RegExp];

const CASES: Case[] = [
  // name segments: secrets
  ["API_KEY", "abc", "secret", /name contains API_KEY/],
  ["STRIPE_SECRET_KEY", "", "secret", /name contains SECRET_KEY \(empty value\)/],
  ["AWS_SECRET_ACCESS_KEY", "x", "secret", /SECRET_ACCESS_KEY/],
  ["GITHUB_TOKEN", "t", "secret", /name contains TOKEN/],
  ["DB_PASSWORD", "hunter2", "secret", /PASSWORD/],
  ["SMTP_PASS", "hunter2", "secret", /PASS/],
  ["MYSQL_PWD", "hunter2", "secret", /PWD/],
  ["LDAP_PASSWD", "hunter2", "secret", /PASSWD/],
  ["JWT_PRIVATE_KEY", "k", "secret", /PRIVATE_KEY/],
  ["GOOGLE_APPLICATION_CREDENTIALS_JSON", "{}", "secret", /CREDENTIALS/],
  ["BASIC_AUTH", "user:pw", "secret", /AUTH/],
  ["SENTRY_DSN", "https://abc@o1.ingest.sentry.io/1", "secret", /DSN/],
  ["PASSWORD_SALT", "s", "secret", /SALT/],
  ["WEBHOOK_SIGNATURE", "s", "secret", /SIGNATURE/],
  ["DBPASSWORD", "x", "secret", /DBPASSWORD/],
  ["dbPassword", "x", "secret", /PASSWORD/],
  ["SESSION_SECRET", "changeme", "secret", /SECRET \(placeholder\)/],
  // false-positive traps: secret words only as whole segments, qualifiers, publishable keys
  ["MONKEY", "banana", "config", /plain word/],
  ["PASSPORT_STRATEGY", "local", "config", /plain word/],
  ["AUTHOR_NAME", "Jane Doe", "config", /text/],
  ["KEYBOARD_LAYOUT", "dvorak", "config", /plain word/],
  ["TOKENIZER_MODEL", "cl100k", "config", /.+/],
  ["BYPASS_CACHE", "true", "config", /boolean/],
  ["SESSION_TOKEN_TTL", "3600", "config", /setting of TOKEN \(…_TTL\)/],
  ["PASSWORD_MIN_LENGTH", "12", "config", /setting of PASSWORD/],
  ["AUTH_URL", "https://auth.example.com", "config", /setting of AUTH/],
  ["SECRET_NAME", "prod/api", "config", /setting of SECRET/],
  ["PRIVATE_KEY_PATH", "/etc/keys/app.pem", "config", /setting of PRIVATE_KEY/],
  ["STRIPE_PUBLISHABLE_KEY", "x", "config", /publishable/],
  ["PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----", "config", /public/],
  ["CACHE_KEY", "v2", "config", /cache key/],
  ["USE_AUTH", "true", "config", /boolean flag \(name mentions AUTH\)/],
  ["PWD", "/home/app", "config", /working-directory/],
  ["GIT_SHA", hex(40), "config", /identifier/],
  ["CLIENT_ID", hex(32), "config", /identifier/],
  ["REQUEST_ID", "123e4567-e89b-12d3-a456-426614174000", "config", /identifier|no secret/],
  // config shapes
  ["PORT", "3000", "config", /config name \(PORT\)/],
  ["NODE_ENV", "production", "config", /NODE_ENV/],
  ["LOG_LEVEL", "debug", "config", /LOG_LEVEL/],
  ["REDIS_URL", "redis://localhost:6379", "config", /URL without credentials/],
  ["API_HOST", "api.example.com", "config", /host name/],
  ["BIND", "10.0.0.1:8080", "config", /IP address/],
  ["FEATURE_X", "off", "config", /boolean/],
  ["MAX_ITEMS", "50", "config", /number/],
  ["ADMIN_EMAIL", "ops@example.com", "config", /email/],
  ["DATA_DIR", "/var/lib/app/data", "config", /file path/],
  ["IMAGE", "ghcr.io/acme/app:1.2.3", "config", /.+/],
  ["BUCKET", "my-app-production-bucket-2024", "config", /plain word|no secret/],
  ["APP_NAME", "MyApplicationName2024Production", "config", /.+/],
  ["UNSET", "", "config", /empty value/],
  // value formats under innocent names
  ["X1", `${PREFIX.stripeLive}${rnd(24)}`, "secret", /Stripe secret key \(live mode\)/],
  ["X2", `${PREFIX.stripeTest}${rnd(24)}`, "secret", /Stripe secret key \(test mode\)/],
  ["X3", `${PREFIX.stripeRestricted}${rnd(24)}`, "secret", /Stripe restricted key/],
  ["X4", `${PREFIX.awsKeyId}${rep("QWERTY2345ZXCVBN", 16)}`, "secret", /AWS access key id/],
  ["X5", `${PREFIX.github}${rnd(36)}`, "secret", /GitHub token/],
  ["X6", `${PREFIX.githubFine}${rnd(40)}`, "secret", /GitHub fine-grained token/],
  ["X7", `${PREFIX.slackBot}${rep("1234567890", 12)}-${rnd(24)}`, "secret", /Slack token/],
  ["X8", `${PREFIX.googleApi}${rnd(35)}`, "secret", /Google API key/],
  ["X9", `${PREFIX.openai}${rnd(48)}`, "secret", /OpenAI API key/],
  ["X10", `${PREFIX.anthropic}${rnd(40)}`, "secret", /Anthropic API key/],
  ["X11", jwt({ sub: "1234" }, rnd(43)), "secret", /JSON Web Token/],
  ["X12", `${pemMarkers().begin}\\n${rnd(64)}`, "secret", /PEM private key/],
  ["X13", `${PREFIX.sendgrid}${rnd(22)}.${rnd(43)}`, "secret", /SendGrid/],
  ["X14", `${PREFIX.npm}${rnd(36)}`, "secret", /npm token/],
  ["X15", `SK${hex(32)}`, "secret", /Twilio API key/],
  [
    "DATABASE_URL",
    urlWithPassword("postgres", "app", rnd(16), "db:5432/app"),
    "secret",
    /URL with a password$/,
  ],
  [
    "DB",
    urlWithPassword("postgres", "app", "password", "localhost/app"),
    "secret",
    /URL with a password \(placeholder\)/,
  ],
  ["HOOK", `https://example.com/hook?token=${rnd(20)}`, "secret", /credential in its query \(token=\)/],
  [
    "AZ",
    `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${rnd(40)};`,
    "secret",
    /connection string/,
  ],
  ["SLACK_HOOK", `https://hooks.slack.com/services/T0/B0/${rnd(24)}`, "secret", /Slack webhook/],
  // credentials in a URL's user part (issue 9, item 7)
  [
    "STRIPE_BASE",
    `https://${PREFIX.stripeLive}${rnd(24)}@api.stripe.com/v1`,
    "secret",
    /URL with a Stripe secret key/,
  ],
  [
    "REMOTE",
    `https://${PREFIX.github}${rnd(36)}@github.com/org/repo.git`,
    "secret",
    /URL with a GitHub token/,
  ],
  [
    "MIRROR",
    `https://${rnd(32)}@git.example.com/org/repo.git`,
    "secret",
    /URL with a token in its user part/,
  ],
  [
    "REGISTRY",
    `//registry.npmjs.org/:_authToken=${PREFIX.npm}${rnd(36)}`,
    "secret",
    /npm registry URL with its _authToken/,
  ],
  [
    "REGISTRY_URL",
    `https://npm.example.com/:_authToken=${rnd(28)}`,
    "secret",
    /npm registry URL with its _authToken/,
  ],
  ["REPO_URL", "https://deploy@github.com/org/repo.git", "config", /URL without credentials/],
  ["SSH_REMOTE", "ssh://git@github.com/org/repo.git", "config", /URL without credentials/],
  ["ERROR_REPORTING", `https://${hex(32)}@o1.ingest.sentry.io/1`, "config", /URL without credentials/],
  ["STRIPE_PK", `pk_test_${rnd(24)}`, "config", /publishable key \(public by design\)/],
  ["STRIPE_KEY", `pk_test_${rnd(24)}`, "config", /publishable key \(public by design\)/],
  ["MAPBOX_TOKEN", `pk.eyJ${rnd(40)}`, "config", /Mapbox public token/],
  ["TWILIO_ACCOUNT_SID", `AC${hex(32)}`, "config", /identifier/],
  // high entropy
  ["SOMETHING", rnd(40), "secret", /high-entropy value \(\d\.\d bits\/char over 40 chars\)/],
  ["BLOB", hex(64), "secret", /high-entropy/],
  // public prefixes
  ["NEXT_PUBLIC_API_URL", "https://api.example.com", "public", /NEXT_PUBLIC_ prefix/],
  ["VITE_APP_TITLE", "Shop", "public", /VITE_ prefix/],
  ["REACT_APP_MAPS_KEY", "x", "public", /REACT_APP_/],
  ["EXPO_PUBLIC_SENTRY_DSN", "https://k@o1.ingest.sentry.io/1", "public", /EXPO_PUBLIC_/],
  ["GATSBY_SITE_URL", "https://x.dev", "public", /GATSBY_/],
  ["NUXT_PUBLIC_API_BASE", "/api", "public", /NUXT_PUBLIC_/],
  ["PUBLIC_ANALYTICS_ID", "G-ABC", "public", /PUBLIC_ prefix/],
];

describe("classify", () => {
  it("has a broad table", () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)("%s", (key, value, cls, reason) => {
    const result = classify(key, value);
    expect(result.class).toBe(cls);
    expect(result.reason).toMatch(reason);
  });

  it.each([
    ["NEXT_PUBLIC_STRIPE_KEY", `${PREFIX.stripeLive}${rnd(24)}`, /holds a Stripe secret key/],
    ["VITE_OPENAI_API_KEY", `${PREFIX.openai}${rnd(48)}`, /holds an OpenAI API key/],
    ["NEXT_PUBLIC_DB_PASSWORD", "", /this one has a secret-looking name \(PASSWORD\)$/],
    ["REACT_APP_TOKEN", "abc", /has a secret-looking name \(TOKEN\)/],
    ["VITE_STRIPE", `${PREFIX.stripeLive}${"x".repeat(20)}`, /holds a placeholder for a Stripe secret key/],
  ])("warns about public %s that looks secret", (key, value, why) => {
    const result = classify(key, value);
    expect(result.class).toBe("public");
    expect(result.publicWarning).toMatch(why);
  });

  it.each([
    ["NEXT_PUBLIC_SENTRY_DSN", "https://k@o1.ingest.sentry.io/1"],
    ["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", `pk_live_${rnd(24)}`],
    ["NEXT_PUBLIC_STRIPE_KEY", `pk_live_${rnd(24)}`],
    ["NEXT_PUBLIC_SUPABASE_ANON_KEY", jwt({ role: "anon" }, rnd(43))],
    ["VITE_API_URL", "https://api.example.com"],
  ])("does not warn about public %s, designed for browsers", (key, value) => {
    expect(classify(key, value).publicWarning).toBeUndefined();
  });

  it("tells real-looking values from placeholders", () => {
    expect(classify("K", `${PREFIX.stripeTest}${rnd(24)}`).valueLooksSecret).toBe(true);
    expect(classify("K", `${PREFIX.stripeTest}${"x".repeat(20)}`).valueLooksSecret).toBe(false);
    expect(classify("K", `${PREFIX.stripeTest}${"0".repeat(20)}`).placeholder).toBe(true);
    expect(classify("API_KEY", rnd(30)).valueLooksSecret).toBe(false); // by name only
    expect(classify("U", urlWithPassword("postgres", "u", rnd(12), "db.example.com/x")).placeholder).toBe(
      false,
    );
  });
});

describe("name segments", () => {
  it("splits on _ - . and camelCase", () => {
    expect(nameSegments("dbPassword")).toEqual(["DB", "PASSWORD"]);
    expect(nameSegments("APP.SECRET-KEY")).toEqual(["APP", "SECRET", "KEY"]);
    expect(nameSegments("__a1B2c..D-éF")).toEqual(["A1", "B2C", "D", "ÉF"]);
  });
  it("splits exactly as the regular-expression definition does, for any key", () => {
    const reference = (key: string) =>
      key
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .split(/[_.-]+/)
        .filter(Boolean)
        .map((s) => s.toUpperCase());
    const chars = fc.constantFrom(..."aZz09_.-Aé ß".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), (parts) => {
        const key = parts.join("");
        // Twice: the second answer comes from the cache.
        expect(nameSegments(key)).toEqual(reference(key));
        expect(nameSegments(key)).toEqual(reference(key));
        expect(lastNameSegment(key)).toBe(reference(key).at(-1));
      }),
      { numRuns: 2000 },
    );
  });
  it("reports the word a decision rests on", () => {
    expect(judgeName("MONKEY")).toEqual({});
    expect(judgeName("GITHUB_ACCESS_TOKEN").secretWord).toBe("ACCESS_TOKEN");
  });
});

describe("entropy", () => {
  it("computes bits per character", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
  });
  it("flags random tokens and spares structured values", () => {
    expect(highEntropy(rnd(24))).toBeDefined();
    expect(highEntropy(hex(31))).toBeUndefined(); // hex must be 32+
    for (const v of [
      "/usr/local/lib/node_modules",
      "v1.2.3-beta.4+build.5",
      "https://a.b/c?d=e",
      "a@b.co",
      "hello world",
    ]) {
      expect(highEntropy(v), v).toBeUndefined();
    }
  });
  it("recognises placeholders", () => {
    for (const v of [
      "changeme",
      "your-api-key-here",
      "<secret>",
      "xxxx-xxxx",
      `${PREFIX.stripeTest}${"0".repeat(10)}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a dotenv-expand reference, literally
      "${DB_PASS}",
    ]) {
      expect(isPlaceholder(v), v).toBe(true);
    }
    expect(isPlaceholder(rnd(20))).toBe(false);
  });
});

describe("preview", () => {
  it("shows only a known prefix and the length of secrets", () => {
    expect(preview(`${PREFIX.stripeLive}${rnd(24)}`, "secret")).toBe("sk_l…(32 chars)");
    expect(preview(`${PREFIX.github}${rnd(36)}`, "secret")).toBe("ghp_…(40 chars)");
    expect(preview(`${PREFIX.awsKeyId}${rep("QWERTY2345ZXCVBN", 16)}`, "secret")).toBe("AKIA…(20 chars)");
    expect(preview(`${PREFIX.slackBot}${rnd(30)}`, "secret")).toBe("xoxb…(35 chars)");
    expect(preview(jwt({ sub: "1234" }, rnd(10)), "secret")).toMatch(/^eyJ…\(\d+ chars\)$/);
    expect(preview(rnd(32), "secret")).toBe("…(32 chars)");
    expect(preview(urlWithPassword("postgres", "u", rnd(12), "db/x"), "secret")).toBe(
      "postgres://…(30 chars)",
    );
  });
  it("never shows a secret or public-secret value, even a short one", () => {
    expect(preview("3000", "secret")).toBe("…(4 chars)");
    expect(preview("true", "public-secret")).toBe("…(4 chars)");
    expect(preview("production", "public")).toBe("…(10 chars)");
  });
  it("shows config values only from a closed vocabulary", () => {
    expect(preview("3000", "config")).toBe("3000");
    expect(preview("true", "config")).toBe("true");
    expect(preview("production", "config")).toBe("production");
    expect(preview("hunter2", "config")).toBe("…(7 chars)");
    expect(preview("123456", "config")).toBe("…(6 chars)");
    expect(preview("https://api.example.com", "config")).toBe("https://…(23 chars)");
    expect(preview("", "secret")).toBe("(empty)");
  });
  it("counts characters, not UTF-16 units", () => {
    expect(preview("🔑🔑🔑", "secret")).toBe("…(3 chars)");
  });
});

describe("the cheap tests classify's callers ask first", () => {
  const keys = [
    ...CASES.map(([key]) => key),
    "NEXT_PUBLIC_API_KEY",
    "VITE_TOKEN",
    "PORT",
    "a.b.token_ttl.c",
    "ſecret",
    "monkey",
    "X",
  ];
  const values = [
    ...CASES.map(([, value]) => value),
    "",
    "5;",
    rnd(40),
    hex(40),
    `${PREFIX.stripeLive}${rnd(24)}`,
    urlWithPassword("postgres", "u", rnd(12), "h:5432/db"),
    "secret://local/app/dev/KEY",
    "AccountKey=abc;x=1",
    "Server=db;PASSWORD=abc", // the connection-string gate ignores case
    "https://h.example/?TOKEN=abc",
    "//registry.npmjs.org/:_authToken=abc",
  ];

  it("maySignalSecret is false only where classify finds no secret and no secret-looking value", () => {
    const pairs = fc.tuple(
      fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })),
      fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 40 })),
    );
    fc.assert(
      fc.property(pairs, ([key, value]) => {
        const c = classify(key, value);
        if (c.class === "secret" || c.valueLooksSecret || c.publicWarning) {
          expect(maySignalSecret(key, value)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    for (const key of keys) {
      for (const value of values) {
        const c = classify(key, value);
        if (c.class === "secret" || c.valueLooksSecret) expect(maySignalSecret(key, value)).toBe(true);
      }
    }
  });

  it("mayHaveFormat agrees with testing every gate of matchFormat one by one", () => {
    const gate = (value: string) => FORMAT_GATES.some((re) => re.test(value));
    for (const value of values) expect(mayHaveFormat(value)).toBe(gate(value));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...values),
          fc.string({ maxLength: 60 }),
          fc.tuple(fc.constantFrom(...values), fc.string({ maxLength: 6 })).map(([v, s]) => v + s),
        ),
        (value) => {
          expect(mayHaveFormat(value)).toBe(gate(value));
          if (!gate(value)) expect(matchFormat(value)).toBeUndefined();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("hasSecretHint reads the upper-cased name as judgeName does", () => {
    expect(hasSecretHint("dbPassword")).toBe(true);
    expect(hasSecretHint("ſecret")).toBe(true); // upper-cases to SECRET
    expect(hasSecretHint("PORT")).toBe(false);
    for (const key of keys) if (judgeName(key).secretWord) expect(hasSecretHint(key)).toBe(true);
    // Against its definition, with the characters that upper-case into ASCII letters.
    const hints = SECRET_NAME_KEYWORDS.map((k) => k.toUpperCase());
    const unit = fc.constantFrom(..."keyKEYsecrtoknpawdivcuhlgmSTAX_.-9ſıßﬀﬅKé".split(""), "ﬆ", "key", "pas");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (key) => {
        const upper = key.toUpperCase();
        expect(hasSecretHint(key)).toBe(hints.some((h) => upper.includes(h)));
      }),
      { numRuns: 5000 },
    );
  });
});
