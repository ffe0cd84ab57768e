/**
 * The shared provider contract, run unchanged against the GCP provider and the gRPC emulator.
 */
import { afterAll } from "vitest";
import { type GcpEmulator, startGcpEmulator } from "../emulators/gcp.js";
import { describeProviderContract } from "./contract.js";
import { gcpProvider } from "./gcp-helpers.js";

let emu: Promise<GcpEmulator> | undefined;
afterAll(async () => {
  await (await emu)?.close();
});

describeProviderContract("gcp (emulator)", async () => {
  emu ??= startGcpEmulator();
  return { provider: await gcpProvider(await emu) };
});
