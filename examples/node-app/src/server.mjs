// ESM entry: dotenv loads .env as a side effect of this import, before any other code runs.
import "dotenv/config";
import { createServer } from "node:http";

const {
  DATABASE_URL,
  STRIPE_SECRET_KEY: stripeKey,
  PORT = "3000",
  LOG_LEVEL = "info",
} = process.env;

// Report presence and length only: an example that printed its secrets would teach the wrong thing.
function describe(value) {
  return value ? `set (${value.length} chars)` : "missing";
}

export function status() {
  return {
    DATABASE_URL: describe(DATABASE_URL),
    STRIPE_SECRET_KEY: describe(stripeKey),
    SENTRY_DSN: describe(process.env.SENTRY_DSN),
    LOG_LEVEL: describe(LOG_LEVEL),
  };
}

if (process.argv.includes("--once")) {
  for (const [key, state] of Object.entries(status())) console.log(`${key}: ${state}`);
} else {
  createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(status()));
  }).listen(Number(PORT), () => console.log(`listening on http://localhost:${PORT}`));
}
