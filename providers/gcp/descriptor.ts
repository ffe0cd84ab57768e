/**
 * The GCP provider's static facts: limits, name rules, settings, cost and capabilities. Imports no
 * SDK, so the registry can show it without opening anything.
 */
import { GCP_PRICE } from "../../src/core/pricing.js";
import type { ProviderDescriptor, ProviderLimits } from "../types.js";
import { checkGcpName, MAX_NAME_LENGTH } from "./names.js";
import { type GcpSettings, parseGcpSettings } from "./settings.js";

/** Secret Manager's payload limit. */
export const MAX_VALUE_BYTES = 65_536;

export const GCP_LIMITS: ProviderLimits = {
  maxValueBytes: MAX_VALUE_BYTES,
  maxNameLength: MAX_NAME_LENGTH,
  nameRules:
    "segments of letters, digits, '_', '.', '-', '+', '=' and '@', separated by '/', at most 253 characters, " +
    "mapping to a secret id of at most 255 characters ('.', '+', '=', '@' and unusual '-' take 2 characters per byte)",
};

export const gcpDescriptor: ProviderDescriptor<GcpSettings> = {
  kind: "gcp",
  title: "Google Cloud Secret Manager",
  limits: GCP_LIMITS,
  checkName: checkGcpName,
  // The file's part only; the environment (GOOGLE_CLOUD_PROJECT, DOTSECRETS_GCP_ENDPOINT) is read at open.
  parseSettings: (raw) => parseGcpSettings(raw, {}),
  cost: GCP_PRICE,
  capabilities: {
    batchGet: false,
    pinnedVersions: true,
    deletionRecovery: false,
    labels: true,
    slashInNames: false,
    remote: true,
  },
};
