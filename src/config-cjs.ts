/**
 * `require("dotsecrets/config")` and `node -r dotsecrets/config app.js`: the CommonJS twin of
 * dotsecrets/config. Resolution is asynchronous, so it runs in a short-lived helper process whose
 * output (JSON over a pipe) is read synchronously before the app's code runs.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

if (process.env.DOTSECRETS_RUN !== "1") {
  let output: string;
  try {
    output = execFileSync(process.execPath, [join(__dirname, "resolve-worker.js")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    throw new Error("dotsecrets/config: could not load the secrets (see the message above)");
  }
  let variables: Record<string, string>;
  try {
    variables = JSON.parse(output) as Record<string, string>;
  } catch {
    // Never rethrow the parse error: V8 quotes part of the text, and the text holds values.
    throw new Error("dotsecrets/config: the helper process returned unreadable output");
  }
  for (const [key, value] of Object.entries(variables)) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
}
