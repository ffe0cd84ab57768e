// CommonJS entry: the classic explicit call.
require("dotenv").config();

const keys = ["JWT_SECRET", "GITHUB_TOKEN", "NODE_ENV"];
const jwtSecret = process.env.JWT_SECRET;
const githubToken = process.env["GITHUB_TOKEN"];

for (const key of keys) {
  const value = { JWT_SECRET: jwtSecret, GITHUB_TOKEN: githubToken, NODE_ENV: process.env.NODE_ENV }[key];
  console.log(`${key}: ${value ? `set (${value.length} chars)` : "missing"}`);
}
