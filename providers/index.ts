/**
 * Provider registry: name → static descriptor + lazy factory. A provider's module (and its SDK) is
 * imported only when that provider is opened, so `secrets --help` and local-only runs load no cloud
 * SDK; descriptors (limits, name rules, settings parser, cost, capabilities) are plain data and
 * available without opening anything. The Record type makes the compiler flag a ProviderKind
 * without an entry.
 */
import { UserError } from "../src/core/errors.js";
import { publishNotices } from "../src/core/notices.js";
import { rememberValues } from "../src/core/seen-values.js";
import { awsDescriptor } from "./aws/descriptor.js";
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
  aws: { descriptor: awsDescriptor, load: async () => (await import("./aws.js")).createAwsProvider },
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
 * `providers.<kind>` fails before any SDK loads. The provider's `notices`, when it has any, are
 * published (src/core/notices.ts) for the CLI to print. Throws UserError(PROVIDER_UNKNOWN / CONFIG).
 */
export async function openProvider(kind: string, options: ProviderOptions): Promise<SecretProvider> {
  const entry = registry[known(kind)];
  entry.descriptor.parseSettings(options.settings);
  const factory = await entry.load();
  const provider = await factory(options);
  publishNotices((provider as { notices?: readonly string[] }).notices);
  return remembering(provider);
}

/**
 * Wraps a provider so every value it is given or returns is remembered for the output boundary's
 * redaction (src/core/seen-values.ts). Everything else passes through unchanged.
 */
function remembering(provider: SecretProvider): SecretProvider {
  return new Proxy(provider, {
    get(target, property) {
      if (property === "getMany") {
        return async (requests: Parameters<SecretProvider["getMany"]>[0]) => {
          const results = await target.getMany(requests);
          rememberValues(results.flatMap((result) => (result.ok ? [result.value] : [])));
          return results;
        };
      }
      if (property === "put") {
        return (name: string, value: string, options?: Parameters<SecretProvider["put"]>[2]) => {
          rememberValues([value]);
          return target.put(name, value, options);
        };
      }
      if (property === "putMany" && target.putMany) {
        return (items: Parameters<NonNullable<SecretProvider["putMany"]>>[0]) => {
          rememberValues(items.map((item) => item.value));
          return target.putMany!(items);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
