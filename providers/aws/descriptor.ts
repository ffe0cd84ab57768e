/**
 * AWS Secrets Manager's static facts: name rules, limits, settings, prices, capabilities. Imports
 * nothing of the SDK, so the registry, planner and `secrets policy` can use it for free.
 */

import { UserError } from "../../src/core/errors.js";
import { AWS_PRICE } from "../../src/core/pricing.js";
import type { ProviderDescriptor, ProviderLimits } from "../types.js";

export const AWS_LIMITS: ProviderLimits = {
  maxValueBytes: 65_536,
  maxNameLength: 512,
  nameRules:
    "segments of letters, digits, '_', '.', '-', '+', '=' and '@', separated by '/' (no empty, '.' or '..' segment), not ending in '-' plus 6 characters",
};

/** AWS's recovery window for DeleteSecret, in days. */
export const AWS_RECOVERY_DAYS = { min: 7, max: 30, default: 30 } as const;

const SEGMENT = /^[A-Za-z0-9_.+=@-]+$/;

/** Returns why `name` is not a valid AWS secret name for dotsecrets, or undefined. Throws nothing. */
export function checkAwsName(name: string): string | undefined {
  if (name.length === 0) return "the name is empty";
  if (name.length > AWS_LIMITS.maxNameLength)
    return `the name is ${name.length} characters long; the limit is ${AWS_LIMITS.maxNameLength}`;
  for (const segment of name.split("/")) {
    if (segment === "") return "the name has an empty segment (a leading, trailing or doubled '/')";
    if (segment === "." || segment === "..") return `the name has a '${segment}' segment`;
    if (!SEGMENT.test(segment))
      return `the segment ${JSON.stringify(segment)} has a character other than letters, digits, '_', '.', '-', '+', '=' and '@'`;
  }
  // AWS appends "-" and 6 random characters to make a secret's ARN; a name that already ends that
  // way makes partial-ARN lookups ambiguous, so AWS advises against it.
  if (/-.{6}$/.test(name))
    return "the name ends in '-' plus 6 characters, which AWS confuses with an ARN suffix";
  return undefined;
}

/** `providers.aws` in dotsecrets.json. */
export type AwsSettings = {
  /** Region of the secrets; wins over AWS_REGION and the profile's region. */
  region?: string;
  /** Endpoint URL (LocalStack, a VPC endpoint); DOTSECRETS_AWS_ENDPOINT wins over it. */
  endpoint?: string;
  /** Recovery window for deletions, 7 to 30 days (default 30). */
  recoveryDays?: number;
  /** Writes per second for bulk puts (default 45: the service allows 50). */
  writesPerSecond?: number;
  /** SDK attempts per call (default 3). */
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
};

const NUMBERS: Record<string, [number, number]> = {
  recoveryDays: [AWS_RECOVERY_DAYS.min, AWS_RECOVERY_DAYS.max],
  writesPerSecond: [1, 50],
  maxAttempts: [1, 10],
  connectionTimeoutMs: [100, 120_000],
  socketTimeoutMs: [100, 600_000],
};

/** Validates `providers.aws`. Throws UserError(CONFIG) naming the bad field. */
export function parseAwsSettings(raw: unknown): AwsSettings {
  if (raw === undefined) return {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new UserError("CONFIG", "providers.aws in dotsecrets.json must be an object");
  const settings: AwsSettings = {};
  for (const [field, value] of Object.entries(raw)) {
    const where = `providers.aws.${field} in dotsecrets.json`;
    if (field === "region") {
      if (typeof value !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value))
        throw new UserError("CONFIG", `${where} must be an AWS region such as eu-west-1`);
      settings.region = value;
    } else if (field === "endpoint") {
      settings.endpoint = checkEndpoint(value, where);
    } else if (Object.hasOwn(NUMBERS, field)) {
      const [min, max] = NUMBERS[field]!;
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
        throw new UserError("CONFIG", `${where} must be a whole number from ${min} to ${max}`);
      (settings as Record<string, number>)[field] = value;
    } else {
      throw new UserError("CONFIG", `providers.aws in dotsecrets.json has an unknown field '${field}'`, {
        hint: `known fields: region, endpoint, ${Object.keys(NUMBERS).join(", ")}`,
      });
    }
  }
  return settings;
}

/** Returns `value` when it is an http(s) URL without credentials or query. Throws UserError(CONFIG). */
export function checkEndpoint(value: unknown, where: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.username ||
    url.password ||
    url.search
  )
    throw new UserError("CONFIG", `${where} must be an http(s) URL such as http://localhost:4566`);
  return String(value);
}

export const awsDescriptor: ProviderDescriptor<AwsSettings> = {
  kind: "aws",
  title: "AWS Secrets Manager",
  limits: AWS_LIMITS,
  checkName: checkAwsName,
  parseSettings: parseAwsSettings,
  cost: AWS_PRICE,
  capabilities: {
    batchGet: true,
    pinnedVersions: true,
    deletionRecovery: true,
    labels: true,
    slashInNames: true,
    remote: true,
  },
};
