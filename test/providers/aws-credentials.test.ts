// Item 7: the SDK's credential chain never uses an AWS_* variable holding a secret:// reference.
// Credentials come from a profile in a shared credentials file under a temporary HOME, while the
// app's own AWS keys are exported as references (as a container running the stub would do).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { resolveConnection } from "../../providers/aws/env.js";
import { openAwsProvider } from "../../providers/aws.js";
import { AWS_EMULATOR_CREDENTIALS, type AwsEmulator, startAwsEmulator } from "../emulators/aws.js";
import { emulatorClientConfig } from "../helpers/aws-client.js";
import { tempDir } from "../helpers/cli.js";

const NAMES = [
  "HOME",
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
];
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
let emu: AwsEmulator;
let home: string;

beforeAll(async () => {
  emu = await startAwsEmulator({ region: "eu-west-1" });
  home = tempDir("dotsecrets-aws-home-");
  mkdirSync(`${home}/.aws`);
  writeFileSync(
    `${home}/.aws/credentials`,
    `[default]\naws_access_key_id = ${AWS_EMULATOR_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${AWS_EMULATOR_CREDENTIALS.secretAccessKey}\n`,
  );
  writeFileSync(`${home}/.aws/config`, "[default]\nregion = eu-west-1\n");
});
afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
afterAll(async () => {
  await emu.close();
  rmSync(home, { recursive: true, force: true });
});

describe("aws credentials", () => {
  test("the default profile is used while the app's AWS keys are exported as references", async () => {
    // No AWS_PROFILE: the SDK's chain would take the environment keys first if it could see them.
    process.env.HOME = home;
    delete process.env.AWS_PROFILE;
    process.env.AWS_ACCESS_KEY_ID = "secret://aws/shop/production/AWS_ACCESS_KEY_ID";
    process.env.AWS_SECRET_ACCESS_KEY = "secret://aws/shop/production/AWS_SECRET_ACCESS_KEY";
    process.env.AWS_REGION = "secret://aws/shop/production/AWS_REGION";
    const { credentials: _ignored, ...config } = emulatorClientConfig(emu);
    const { region: _region, ...noRegion } = config;
    const provider = await openAwsProvider(
      { settings: { region: "eu-west-1" }, env: process.env },
      { clientConfig: noRegion },
    );
    expect(provider.notices).toEqual([
      "ignored AWS_ACCESS_KEY_ID for AWS: it holds a secret:// reference, not a credential or setting",
      "ignored AWS_REGION for AWS: it holds a secret:// reference, not a credential or setting",
      "ignored AWS_SECRET_ACCESS_KEY for AWS: it holds a secret:// reference, not a credential or setting",
    ]);
    await provider.put("shop/production/DB", "db-value");
    expect(await provider.getMany([{ name: "shop/production/DB" }])).toMatchObject([
      { ok: true, value: "db-value" },
    ]);
    expect(emu.faulted.InvalidSignatureException).toBeUndefined();
    // The references are back for whoever builds the child's environment.
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBe("secret://aws/shop/production/AWS_SECRET_ACCESS_KEY");
    await provider.close?.();
  });

  test("region and endpoint resolution", () => {
    const env = {
      AWS_REGION: "us-east-2",
      AWS_ENDPOINT_URL: "http://localhost:4566",
      AWS_ENDPOINT_URL_SECRETS_MANAGER: "http://localhost:4567",
    };
    expect(resolveConnection({ region: "eu-west-1" }, env)).toEqual({
      region: "eu-west-1",
      endpoint: "http://localhost:4567",
      ignored: [],
    });
    expect(
      resolveConnection({ endpoint: "http://file:1" }, { ...env, DOTSECRETS_AWS_ENDPOINT: "http://dots:2" }),
    ).toMatchObject({
      region: "us-east-2",
      endpoint: "http://dots:2",
    });
    expect(resolveConnection({ endpoint: "http://file:1" }, env).endpoint).toBe("http://file:1");
    expect(resolveConnection({}, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" })).toEqual({
      region: "us-east-2",
      ignored: [],
    });
    expect(
      resolveConnection({ region: "eu-west-1" }, { AWS_ENDPOINT_URL_SECRETS_MANAGER: "secret://aws/x/y/Z" }),
    ).toEqual({
      region: "eu-west-1",
      endpoint: "https://secretsmanager.eu-west-1.amazonaws.com",
      ignored: ["AWS_ENDPOINT_URL_SECRETS_MANAGER"],
    });
    expect(() => resolveConnection({}, { AWS_ENDPOINT_URL: "secret://aws/x/y/Z" })).toThrow(/no region/);
    expect(() => resolveConnection({}, { AWS_REGION: "secret://aws/x/y/Z" })).toThrow(/AWS_REGION holds/);
    expect(() => resolveConnection({}, { DOTSECRETS_AWS_ENDPOINT: "ftp://x" })).toThrow(
      /DOTSECRETS_AWS_ENDPOINT/,
    );
  });
});
