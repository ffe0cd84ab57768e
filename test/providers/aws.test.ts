// The shared provider contract, run against the AWS emulator with the real SDK client.
import { afterAll, beforeAll } from "vitest";
import { openAwsProvider } from "../../providers/aws.js";
import { type AwsEmulator, startAwsEmulator } from "../emulators/aws.js";
import { emulatorClientConfig } from "../helpers/aws-client.js";
import { describeProviderContract } from "./contract.js";

let emu: AwsEmulator;
beforeAll(async () => {
  emu = await startAwsEmulator();
});
afterAll(() => emu.close());

describeProviderContract("aws (emulator)", async () => {
  emu.reset();
  const provider = await openAwsProvider(
    { settings: {}, env: {} },
    { clientConfig: emulatorClientConfig(emu), retry: { baseMs: 5, throttleBaseMs: 20 } },
  );
  return { provider };
});
