import { rmSync, writeFileSync } from "node:fs";
import { afterEach, expect, test } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { inject } from "../../src/runtime/inject.js";
import { tempDir } from "../helpers/cli.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("a reference exported into the environment is replaced by its value; a real preset value wins", async () => {
  const [project, home] = [tempDir("dotsecrets-inject-"), tempDir("dotsecrets-inject-home-")];
  dirs.push(project, home);
  const reference = "secret://local/app/development/AWS_SECRET_ACCESS_KEY";
  writeFileSync(`${project}/package.json`, JSON.stringify({ name: "app" }));
  writeFileSync(`${project}/.env`, `AWS_SECRET_ACCESS_KEY=${reference}\nLOG_LEVEL=info\n`);
  await openLocalProvider({ settings: {}, env: { DOTSECRETS_HOME: home } }).put(
    "app/development/AWS_SECRET_ACCESS_KEY",
    "the-apps-own-value",
  );
  const env: NodeJS.ProcessEnv = {
    DOTSECRETS_HOME: home,
    AWS_SECRET_ACCESS_KEY: reference,
    LOG_LEVEL: "debug",
  };
  const result = await inject({ cwd: project, env });
  expect(env.AWS_SECRET_ACCESS_KEY).toBe("the-apps-own-value");
  expect(env.LOG_LEVEL).toBe("debug");
  expect(result).toMatchObject({ injected: ["AWS_SECRET_ACCESS_KEY"], kept: ["LOG_LEVEL"] });
});
