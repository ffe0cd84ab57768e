/**
 * The GCP provider pointed at the in-process emulator through DOTSECRETS_GCP_ENDPOINT: the same
 * code path a user's emulator setup takes (plaintext on loopback, no credentials, no metadata probe).
 */

import { toSecretId } from "../../providers/gcp/names.js";
import type { GcpSecretProvider } from "../../providers/gcp.js";
import { openProvider } from "../../providers/index.js";
import type { GcpEmulator } from "../emulators/gcp.js";

export const TEST_PROJECT = "dotsecrets-test";

/** Settings that keep tests fast: no pacing to speak of, quick bounded retries. */
export const FAST_SETTINGS = {
  project: TEST_PROJECT,
  timeoutMs: 5_000,
  writesPerMinute: 6_000_000,
  readsPerMinute: 6_000_000,
  retry: { attempts: 20, baseDelayMs: 1, maxDelayMs: 8 },
};

/** Opens the provider against `emu` with FAST_SETTINGS plus `settings`. */
export async function gcpProvider(
  emu: GcpEmulator,
  settings: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<GcpSecretProvider> {
  return (await openProvider("gcp", {
    settings: { ...FAST_SETTINGS, ...settings },
    env: { DOTSECRETS_GCP_ENDPOINT: emu.endpoint, ...env },
  })) as GcpSecretProvider;
}

/** The emulator's record of the secret behind scoped name `name` in TEST_PROJECT. */
export function storedSecret(emu: GcpEmulator, name: string) {
  return emu.state.secrets.get(`${emu.state.projectNumber(TEST_PROJECT)}/${toSecretId(name)}`);
}
