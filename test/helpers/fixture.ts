/**
 * A project with .env files in many dotenv styles and freshly generated secret values, for the
 * migrate tests. Values are random per call: nothing secret-looking is committed.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PREFIX, pemMarkers, urlWithPassword } from "./fake-secrets.js";

export interface PlantedSecret {
  file: string;
  key: string;
  /** The value as dotenv reads it. */
  value: string;
}

const rand = (n = 12) => randomBytes(n).toString("base64url");

/** Writes the project and returns every planted secret (file, key, value as dotenv reads it). */
export function createMigrationProject(root: string, extraKeys = 0): PlantedSecret[] {
  const planted: PlantedSecret[] = [];
  const plant = (file: string, key: string, value: string) => planted.push({ file, key, value });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "shop", version: "1.0.0" }, null, 2));
  writeFileSync(join(root, ".gitignore"), "node_modules\n.env\n");
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(
    join(root, "src", "index.js"),
    "const { DATABASE_URL } = process.env;\nconsole.log(process.env.STRIPE_SECRET_KEY ? 'ok' : 'missing');\n",
  );

  const db = urlWithPassword("postgres", "shop", rand(), "localhost:5432/shop");
  const stripe = `${PREFIX.stripeTest}${rand(24)}`;
  const jwt = `${rand(16)}"with"quotes`;
  const github = `${PREFIX.github}${rand(27)}`;
  const pemBody = [rand(30), rand(30)];
  const pem = pemMarkers("");
  const escaped = [rand(8), rand(8)];
  const session = `${rand(10)}'mixed"quotes`;
  const dev = [
    "\uFEFF# Development settings",
    "",
    `DATABASE_URL=${db}`,
    "PORT=3000",
    "NODE_ENV=development",
    `export STRIPE_SECRET_KEY="${stripe}"   # test mode key`,
    `JWT_SECRET='${jwt}'`,
    `GITHUB_TOKEN = ${github}`,
    `PRIVATE_KEY="${pem.begin}\n${pemBody.join("\n")}\n${pem.end}"`,
    `ESCAPED_PASSWORD="${escaped[0]}\\n${escaped[1]}"`,
    `SESSION_SECRET=\`${session}\``,
    "NEXT_PUBLIC_API_URL=https://api.example.com",
    "EMPTY_TOKEN=",
    "LOG_LEVEL=debug # verbose locally",
  ];
  plant(".env", "DATABASE_URL", db);
  plant(".env", "STRIPE_SECRET_KEY", stripe);
  plant(".env", "JWT_SECRET", jwt);
  plant(".env", "GITHUB_TOKEN", github);
  plant(".env", "PRIVATE_KEY", `${pem.begin}\n${pemBody.join("\n")}\n${pem.end}`);
  plant(".env", "ESCAPED_PASSWORD", `${escaped[0]}\n${escaped[1]}`);
  plant(".env", "SESSION_SECRET", session);
  for (let i = 0; i < extraKeys; i++) {
    const value = `key_${rand(20)}`;
    dev.push(`SERVICE_${i}_API_KEY=${value}`);
    plant(".env", `SERVICE_${i}_API_KEY`, value);
  }
  writeFileSync(join(root, ".env"), `${dev.join("\n")}\n`);

  const prodDb = urlWithPassword("postgres", "shop", rand(), "db.prod.internal:5432/shop");
  const live = `${PREFIX.stripeLive}${rand(24)}`;
  const token = rand(24);
  const prod = [
    "# Production",
    `DATABASE_URL="${prodDb}"`,
    `STRIPE_SECRET_KEY=${live}`,
    "PORT=8080",
    `API_TOKEN=${token}`,
  ];
  plant(".env.production", "DATABASE_URL", prodDb);
  plant(".env.production", "STRIPE_SECRET_KEY", live);
  plant(".env.production", "API_TOKEN", token);
  for (let i = 0; i < extraKeys; i++) {
    const value = `key_${rand(20)}`;
    prod.push(`SERVICE_${i}_API_KEY=${value}`);
    plant(".env.production", `SERVICE_${i}_API_KEY`, value);
  }
  // CRLF line endings and no newline at the end of the file.
  writeFileSync(join(root, ".env.production"), prod.join("\r\n"));

  writeFileSync(
    join(root, ".env.example"),
    `DATABASE_URL=${urlWithPassword("postgres", "user", "password", "localhost:5432/db")}\nSTRIPE_SECRET_KEY=\nPORT=3000\n`,
  );
  return planted;
}
