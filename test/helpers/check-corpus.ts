/**
 * A generated corpus for `secrets check`: one secret of every rule's format, planted in several
 * syntactic styles (.ts .js .py .json .yaml .md .env), and decoys that must never fire. Values are
 * glued from parts and random bytes at run time (fake-secrets.ts): nothing credential-shaped is
 * committed. Used by test/check and, bundled with esbuild, by bench/check.mjs.
 */
import { randomBytes } from "node:crypto";
import {
  jwt,
  PREFIX,
  pemMarkers,
  randomAlnum,
  randomHex,
  randomUpperAlnum,
  urlWithPassword,
} from "./fake-secrets.js";

export interface Sample {
  /** The rule expected to report it (`generic-secret`, `url-password`...). */
  rule: string;
  /** The variable it is assigned to (secret-looking for the context rules). */
  key: string;
  value: string;
}

/** One fresh secret per rule (and per URL scheme). */
export function samples(): Sample[] {
  const pem = pemMarkers("RSA ");
  const body = [randomAlnum(64), randomAlnum(64), randomAlnum(20)].join("\n");
  const s = (rule: string, key: string, value: string): Sample => ({ rule, key, value });
  const list = [
    s("aws-access-key-id", "AWS_ACCESS_KEY_ID", `${PREFIX.awsKeyId}${randomUpperAlnum(16)}`),
    s(
      "aws-secret-access-key",
      PREFIX.awsSecretName.toUpperCase(),
      `${randomAlnum(20)}/${randomAlnum(10)}+${randomAlnum(8)}`,
    ),
    s("github-token", "GH_TOKEN", `${PREFIX.github}${randomAlnum(36)}`),
    s("github-token", "GH_OAUTH", `${PREFIX.githubOauth}${randomAlnum(36)}`),
    s("github-pat", "GITHUB_PAT", `${PREFIX.githubFine}${randomAlnum(22)}_${randomAlnum(59)}`),
    s("gitlab-token", "GITLAB_TOKEN", `${PREFIX.gitlab}${randomAlnum(20)}`),
    s(
      "slack-token",
      "SLACK_BOT_TOKEN",
      `${PREFIX.slackBot}${randomHex(11)}-${randomHex(12)}-${randomAlnum(24)}`,
    ),
    s("slack-token", "SLACK_USER_TOKEN", `${PREFIX.slackUser}${randomHex(11)}-${randomAlnum(24)}`),
    s(
      "slack-webhook",
      "SLACK_WEBHOOK",
      `${PREFIX.slackHook}T${randomUpperAlnum(8)}/B${randomUpperAlnum(8)}/${randomAlnum(24)}`,
    ),
    s("stripe-secret-key", "STRIPE_SECRET_KEY", `${PREFIX.stripeLive}${randomAlnum(24)}`),
    s("stripe-secret-key", "STRIPE_TEST_KEY", `${PREFIX.stripeTest}${randomAlnum(24)}`),
    s("stripe-restricted-key", "STRIPE_RESTRICTED", `${PREFIX.stripeRestricted}${randomAlnum(24)}`),
    s("stripe-webhook-secret", "STRIPE_WEBHOOK_SECRET", `${PREFIX.stripeWebhook}${randomAlnum(32)}`),
    s("google-api-key", "GOOGLE_API_KEY", `${PREFIX.googleApi}${randomAlnum(35)}`),
    s("openai-key", "OPENAI_API_KEY", `${PREFIX.openai}${randomAlnum(48)}`),
    s("anthropic-key", "ANTHROPIC_API_KEY", `${PREFIX.anthropic}${randomAlnum(80)}`),
    s("npm-token", "NPM_TOKEN", `${PREFIX.npm}${randomAlnum(36)}`),
    s("pypi-token", "PYPI_TOKEN", `${PREFIX.pypi}${randomAlnum(60)}`),
    s("twilio-api-key", "TWILIO_API_KEY", `${PREFIX.twilio}${randomHex(32)}`),
    s("sendgrid-key", "SENDGRID_API_KEY", `${PREFIX.sendgrid}${randomAlnum(22)}.${randomAlnum(43)}`),
    s("jwt", "SESSION_JWT", jwt({ sub: randomHex(8), iat: 1700000000 }, randomAlnum(43))),
    s("pem-private-key", "TLS_PRIVATE_KEY", `${pem.begin}\n${body}\n${pem.end}`),
    s("generic-secret", "PAYMENT_API_TOKEN", `${randomAlnum(12)}${randomHex(4)}${randomAlnum(16)}`),
    s("generic-secret", "dbPassword", `Q${randomAlnum(10)}7${randomAlnum(10)}`),
  ];
  for (const scheme of [
    "postgres",
    "postgresql",
    "mysql",
    "mongodb",
    "mongodb+srv",
    "redis",
    "rediss",
    "amqp",
    "amqps",
  ]) {
    const key = `${scheme.replace(/\W/g, "_").toUpperCase()}_URL`;
    list.push(
      s(
        "url-password",
        key,
        urlWithPassword(scheme, "app", randomAlnum(18), `db-${randomHex(6)}.internal.example.net/app`),
      ),
    );
  }
  return list;
}

export type Style = "ts" | "js" | "py" | "json" | "yaml" | "md" | "env";
export const STYLES: Style[] = ["ts", "js", "py", "json", "yaml", "md", "env"];

const camel = (key: string) => key.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** One line (or block) assigning `sample` in `style`. Multi-line values are escaped where the syntax needs it. */
export function render(sample: Sample, style: Style): string {
  const { key, value } = sample;
  const multi = value.includes("\n");
  switch (style) {
    case "ts":
      return multi
        ? `export const ${camel(key)} = \`${value}\`;`
        : `export const ${camel(key)}: string = "${value}";`;
    case "js":
      return `module.exports.${camel(key)} = ${multi ? JSON.stringify(value) : `'${value}'`};`;
    case "py":
      return multi ? `${key} = """${value}"""` : `${key} = "${value}"`;
    case "json":
      return `  ${JSON.stringify(camel(key))}: ${JSON.stringify(value)},`;
    case "yaml":
      return multi ? `${camel(key)}: |\n  ${value.split("\n").join("\n  ")}` : `${camel(key)}: ${value}`;
    case "md":
      return `Set \`${key}\` like this:\n\n\`\`\`sh\nexport ${key}='${value}'\n\`\`\``;
    case "env":
      return `${key}=${multi ? JSON.stringify(value) : value}`;
  }
}

/** Text of a file in `style` with every sample, separated by filler, and the line where each value starts. */
export function plantedFile(list: Sample[], style: Style): { text: string; lines: number[] } {
  const out: string[] = [];
  const lines: number[] = [];
  let line = 1;
  const push = (text: string) => {
    out.push(text);
    line += text.split("\n").length;
  };
  push(
    style === "json"
      ? "{"
      : style === "py"
        ? "import os"
        : `// generated ${style} file`.replace(
            "//",
            style === "yaml" || style === "env" ? "#" : style === "md" ? "#" : "//",
          ),
  );
  for (const sample of list) {
    push(filler(style));
    const text = render(sample, style);
    const head = sample.value.split("\n")[0]!.slice(0, 10);
    lines.push(
      line +
        Math.max(
          0,
          text.split("\n").findIndex((l) => l.includes(head)),
        ),
    );
    push(text);
  }
  push(style === "json" ? '  "end": true\n}' : filler(style));
  return { text: `${out.join("\n")}\n`, lines };
}

function filler(style: Style): string {
  switch (style) {
    case "ts":
    case "js":
      return "function handler(req) {\n  const port = Number(process.env.PORT ?? 3000);\n  return { port, key: req.headers['x-request-id'] };\n}";
    case "py":
      return "def handler(event):\n    return {'status': 200, 'token_ttl': 3600}";
    case "json":
      return '  "name": "service",\n  "version": "1.2.3",';
    case "yaml":
      return "replicas: 3\nlogLevel: info";
    case "md":
      return "The service reads its configuration from the environment. See the docs for the key names.";
    case "env":
      return "PORT=3000\nLOG_LEVEL=info";
  }
}

/** Lines that look like secrets to a careless scanner and must never fire (every style). */
export function decoys(): string[] {
  const aws = [`${PREFIX.awsKeyId}IOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCY${"EXAMPLE"}KEY`];
  const pem = pemMarkers("RSA ");
  return [
    `AWS_ACCESS_KEY_ID=${aws[0]}`,
    `${PREFIX.awsSecretName}=${aws[1]}`,
    `DATABASE_URL=${urlWithPassword("postgres", "user", "password", "localhost:5432/app")}`,
    `REDIS_URL=${urlWithPassword("redis", "default", "changeme", "localhost:6379")}`,
    `MONGO_URL=${urlWithPassword("mongodb", "root", `${"$"}{MONGO_PASSWORD}`, "mongo:27017")}`,
    `AMQP_URL=${urlWithPassword("amqp", "guest", "guest", "rabbitmq:5672")}`,
    `API_KEY=${"$"}{API_KEY}`,
    "DB_PASSWORD=changeme",
    "STRIPE_SECRET_KEY=secret://local/shop/production/STRIPE_SECRET_KEY",
    `STRIPE_KEY=${PREFIX.stripeTest}${"x".repeat(24)}`,
    `STRIPE_PUBLISHABLE_KEY=${"pk"}_live_${randomAlnum(24)}`,
    `GITHUB_TOKEN=${PREFIX.github}${"x".repeat(36)}`,
    "OPENAI_API_KEY=your-openai-api-key-here",
    "const token = process.env.API_TOKEN;",
    "password = os.environ['DB_PASSWORD']",
    "const apiKey = getApiKey(config.keys.primary);",
    "COMMIT_SHA=9fceb02d0ae598e95dc970b74767f19372d61af8",
    "REQUEST_ID=3f2b1c9e-8d4a-4b7e-9c1d-2a6f8e0b5d3c",
    `const banner = "${randomBytes(48).toString("base64")}";`,
    `"integrity": "sha512-${randomBytes(64).toString("base64")}"`,
    `// parse a ${pem.begin.slice(0, 16)} header: the body follows`,
    `const header = "${pem.begin}";`,
    `// the header ${PREFIX.jwtHeader}hbGciOiJIUzI1NiJ9 decodes to {"alg":"HS256"}`,
    "primary_key: user_id_column_name_for_lookup",
    "TOKEN_TTL=3600",
    "PASSWORD_MIN_LENGTH=12",
    "AUTH_URL=https://auth.example.com/oauth/authorize",
    "This task-proj-abcdefghijklmnopqrstuvwxyz is a slug, not a key.",
    "NEXT_PUBLIC_SENTRY_DSN=https://abc123@o1.ingest.sentry.io/42",
  ];
}
