/**
 * Provider registry: name → lazy factory. A provider's module (and its SDK) is imported only when
 * that provider is opened, so `secrets --help` and local-only runs load no cloud SDK.
 * The Record type makes the compiler flag a ProviderKind without a factory.
 */
import { UserError } from "../src/core/errors.js";
import { rememberValues } from "../src/core/seen-values.js";
import type { ProviderFactory, ProviderKind, ProviderOptions, SecretProvider } from "./types.js";

const registry: Record<ProviderKind, () => Promise<ProviderFactory>> = {
  local: async () => (await import("./local.js")).createLocalProvider,
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
  return remembering(await factory(options));
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
