// Started with `node -r dotenv/config src/worker.cjs`: dotenv is preloaded by the -r flag, so this
// file never mentions it.
const { REDIS_URL, SMTP_PASSWORD } = process.env;

console.log(`REDIS_URL: ${REDIS_URL ? `set (${REDIS_URL.length} chars)` : "missing"}`);
console.log(`SMTP_PASSWORD: ${SMTP_PASSWORD ? `set (${SMTP_PASSWORD.length} chars)` : "missing"}`);
