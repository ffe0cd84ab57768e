/**
 * Provider registry: name → lazy factory. A provider's module (and its SDK) is imported only when
 * that provider is opened, so `secrets --help` and local-only runs load no cloud SDK.
 * The Record type makes the compiler flag a ProviderKind without a factory.
 */
import { UserError } from "../src/errors.js";
import type { ProviderFactory, ProviderKind, ProviderOptions, SecretProvider } from "./types.js";

const registry: Record<ProviderKind, () => Promise<ProviderFactory>> = {
  local: async () => (await import("./local.js")).createLocalProvider,
  gcp: async () => (await import("./gcp.js")).createGcpProvider,
};

/** The provider names dotsecrets knows, for help texts and error messages. */
export const providerKinds = Object.keys(registry) as ProviderKind[];

/** True when `name` is a known provider kind. */
export function isProviderKind(name: string): name is ProviderKind {
  return Object.hasOwn(registry, name);
}

/** Opens a provider by name. Throws UserError(PROVIDER_UNKNOWN) for an unknown name. */
export async function openProvider(kind: string, options: ProviderOptions): Promise<SecretProvider> {
  if (!isProviderKind(kind)) {
    throw new UserError("PROVIDER_UNKNOWN", `unknown provider '${kind}'`, {
      hint: `use one of: ${providerKinds.join(", ")}`,
    });
  }
  const factory = await registry[kind]();
  return factory(options);
}
