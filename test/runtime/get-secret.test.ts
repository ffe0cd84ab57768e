/** getSecret's TTL cache (rotation is picked up) and loadSecrets from the package root. */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import { clearSecretCache, getSecret, loadSecrets } from "../../src/index.js";
import { tempDir } from "../helpers/cli.js";
import { randomAlnum } from "../helpers/fake-secrets.js";

const project = tempDir("dotsecrets-getsecret-");
const home = tempDir("dotsecrets-getsecret-home-");
const env = (): NodeJS.ProcessEnv => ({ DOTSECRETS_HOME: home });
const local = openLocalProvider({ settings: {}, env: env() });
const first = `v1-${randomAlnum(20)}`;
const second = `v2-${randomAlnum(20)}`;

beforeAll(async () => {
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "shop" }));
  writeFileSync(join(project, ".env"), "PORT=3000\nAPI_KEY=secret://local/shop/development/API_KEY\n");
  await local.put("shop/development/API_KEY", first);
});

afterEach(() => {
  vi.useRealTimers();
  clearSecretCache();
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe("getSecret", () => {
  it("keeps a value for the TTL, then fetches the rotated one", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const options = { cwd: project, env: env(), ttlMs: 60_000 };
    expect(await getSecret("API_KEY", options)).toBe(first);
    await local.put("shop/development/API_KEY", second);
    expect(await getSecret("API_KEY", options)).toBe(first);
    vi.advanceTimersByTime(60_001);
    expect(await getSecret("API_KEY", options)).toBe(second);
    await local.put("shop/development/API_KEY", first);
    expect(await getSecret("API_KEY", { ...options, ttlMs: 0 })).toBe(first);
  });

  it("shares one pending fetch between concurrent callers", async () => {
    const options = { cwd: project, env: env() };
    const [a, b] = [getSecret("API_KEY", options), getSecret("API_KEY", options)];
    expect(a).toBe(b);
    await a;
  });

  it("returns plain entries, takes a reference, or the environment's reference", async () => {
    expect(await getSecret("PORT", { cwd: project, env: env() })).toBe("3000");
    expect(
      await getSecret("secret://local/shop/development/API_KEY#1", { cwd: project, env: env(), ttlMs: 0 }),
    ).toBe(first);
    const withRef = { ...env(), OTHER: "secret://local/shop/development/API_KEY" };
    expect(await getSecret("OTHER", { cwd: project, env: withRef, ttlMs: 0 })).toBe(first);
  });

  it("throws REFERENCE naming the key when there is no entry, and does not cache the failure", async () => {
    const options = { cwd: project, env: env() };
    await expect(getSecret("NOPE", options)).rejects.toMatchObject({
      code: "REFERENCE",
      message: expect.stringContaining(".env has no entry for NOPE"),
    });
    const stub = join(project, ".env");
    const original = readFileSync(stub, "utf8");
    writeFileSync(stub, `${original}NOPE=late\n`);
    try {
      expect(await getSecret("NOPE", options)).toBe("late");
    } finally {
      writeFileSync(stub, original);
    }
  });
});

describe("loadSecrets", () => {
  it("loads into the env object with dotenv semantics", async () => {
    const target = { ...env(), PORT: "1" };
    const result = await loadSecrets({ cwd: project, env: target });
    expect(target).toMatchObject({ PORT: "1", API_KEY: first });
    expect(result).toMatchObject({ injected: ["API_KEY"], kept: ["PORT"] });
  });

  it("fills an object of its own (processEnv), reading settings and credentials from env", async () => {
    const parsed: Record<string, string | undefined> = {};
    const source = env();
    await loadSecrets({ cwd: project, env: source, processEnv: parsed });
    expect(parsed).toEqual({ PORT: "3000", API_KEY: first });
    expect(source.API_KEY).toBeUndefined();
  });
});
