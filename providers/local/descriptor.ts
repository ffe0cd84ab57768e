/**
 * The local provider's static facts: limits, name rules, settings, cost and capabilities. Loads
 * nothing of the store, so the registry can show it without opening anything.
 */

import { UserError } from "../../src/core/errors.js";
import { FREE } from "../../src/core/pricing.js";
import type { ProviderDescriptor, ProviderLimits } from "../types.js";

/** Same value limit as AWS Secrets Manager and GCP, so what migrates locally also fits the cloud. */
export const LOCAL_LIMITS: ProviderLimits = {
  maxValueBytes: 65_536,
  maxNameLength: 512,
  nameRules:
    "segments of letters, digits, '_', '.', '-', '+', '=' and '@', separated by '/' (no empty, '.' or '..' segment)",
};

const SEGMENT = /^[A-Za-z0-9_.+=@-]+$/;

/** Returns why `name` is not a valid local scoped name, or undefined when it is. Throws nothing. */
export function checkLocalName(name: string): string | undefined {
  if (name.length === 0) return "the name is empty";
  if (name.length > LOCAL_LIMITS.maxNameLength) {
    return `the name is ${name.length} characters long; the limit is ${LOCAL_LIMITS.maxNameLength}`;
  }
  for (const segment of name.split("/")) {
    if (segment === "") return "the name has an empty segment (a leading, trailing or doubled '/')";
    if (segment === "." || segment === "..") return `the name has a '${segment}' segment`;
    if (!SEGMENT.test(segment)) {
      return `the segment ${JSON.stringify(segment)} has a character other than letters, digits, '_', '.', '-', '+', '=' and '@'`;
    }
  }
  return undefined;
}

/** `providers.local` in dotsecrets.json. */
export type LocalSettings = {
  /** Store directory (absolute or `~/...`); DOTSECRETS_HOME wins. */
  home?: string;
  lockTimeoutMs?: number;
};

/** Validates `providers.local`. Throws UserError(CONFIG) naming the bad field. */
export function parseLocalSettings(raw: unknown): LocalSettings {
  if (raw === undefined) return {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new UserError("CONFIG", "providers.local in dotsecrets.json must be an object");
  const { home, lockTimeoutMs, ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new UserError("CONFIG", `providers.local in dotsecrets.json has an unknown field '${unknown[0]}'`, {
      hint: "known fields: home, lockTimeoutMs",
    });
  if (home !== undefined && (typeof home !== "string" || home === ""))
    throw new UserError("CONFIG", "providers.local.home in dotsecrets.json must be a non-empty string");
  if (
    lockTimeoutMs !== undefined &&
    (typeof lockTimeoutMs !== "number" || !Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0)
  )
    throw new UserError(
      "CONFIG",
      "providers.local.lockTimeoutMs in dotsecrets.json must be a number of milliseconds",
    );
  return {
    ...(home !== undefined && { home: home as string }),
    ...(lockTimeoutMs !== undefined && { lockTimeoutMs: lockTimeoutMs as number }),
  };
}

export const localDescriptor: ProviderDescriptor<LocalSettings> = {
  kind: "local",
  title: "local encrypted store",
  limits: LOCAL_LIMITS,
  checkName: checkLocalName,
  parseSettings: parseLocalSettings,
  cost: FREE,
  capabilities: {
    batchGet: true,
    pinnedVersions: true,
    deletionRecovery: false,
    labels: true,
    slashInNames: true,
    remote: false,
  },
};
