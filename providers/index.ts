/**
 * Provider registry: name → static descriptor + lazy factory. A provider's module (and its SDK) is
 * imported only when that provider is opened, so `secrets --help` and local-only runs load no cloud
 * SDK; descriptors (limits, name rules, settings parser, cost, capabilities) are plain data and
 * available without opening anything. The Record type makes the compiler flag a ProviderKind
 * without an entry.
 */
import { UserError } from "../src/errors.js";
import { gcpDescriptor } from "./gcp/descriptor.js";
import { localDescriptor } from "./local/descriptor.js";
import type {
  ProviderDescriptor,
  ProviderFactory,
  ProviderKind,
  ProviderOptions,
  SecretProvider,
} from "./types.js";

interface RegistryEntry {
  descriptor: ProviderDescriptor;
  load: () => Promise<ProviderFactory>;
}

const registry: Record<ProviderKind, RegistryEntry> = {
  local: { descriptor: localDescriptor, load: async () => (await import("./local.js")).createLocalProvider },
  gcp: { descriptor: gcpDescriptor, load: async () => (await import("./gcp.js")).createGcpProvider },
};

/** The provider names dotsecrets knows, for help texts and error messages. */
export const providerKinds = Object.keys(registry) as ProviderKind[];

/** True when `name` is a known provider kind. */
export function isProviderKind(name: string): name is ProviderKind {
  return Object.hasOwn(registry, name);
}

function known(kind: string): ProviderKind {
  if (!isProviderKind(kind)) {
    throw new UserError("PROVIDER_UNKNOWN", `unknown provider '${kind}'`, {
      hint: `use one of: ${providerKinds.join(", ")}`,
    });
  }
  return kind;
}

/** The static descriptor of a provider (no SDK loaded). Throws UserError(PROVIDER_UNKNOWN). */
export function providerDescriptor(kind: string): ProviderDescriptor {
  return registry[known(kind)].descriptor;
}

/** Every descriptor, in registry order, for comparisons (costs, limits) across providers. */
export function providerDescriptors(): ProviderDescriptor[] {
  return providerKinds.map((kind) => registry[kind].descriptor);
}

/**
 * Opens a provider by name. The settings are validated by the descriptor first, so a bad
 * `providers.<kind>` fails before any SDK loads. Throws UserError(PROVIDER_UNKNOWN / CONFIG).
 */
export async function openProvider(kind: string, options: ProviderOptions): Promise<SecretProvider> {
  const entry = registry[known(kind)];
  entry.descriptor.parseSettings(options.settings);
  const factory = await entry.load();
  return factory(options);
}
