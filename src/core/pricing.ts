/**
 * Provider prices in one place, with the date they were checked. Plans and wizards compute costs
 * from these; nothing else in the code base holds a price.
 */

/** Monthly price figures of one provider. */
export interface Price {
  currency: string;
  /** Per secret (AWS) or per active secret version (GCP) per month. */
  perSecretMonth: number;
  /** Per 10,000 API calls. */
  perTenThousandCalls: number;
  /** Secrets one read call can fetch (AWS BatchGetSecretValue: 20; GCP has no batch read: 1). Default 20. */
  batchSize?: number;
  asOf: string;
  source: string;
}

/** AWS Secrets Manager: USD 0.40 per secret per month, USD 0.05 per 10,000 API calls. */
export const AWS_PRICE: Price = {
  currency: "USD",
  perSecretMonth: 0.4,
  perTenThousandCalls: 0.05,
  asOf: "2026-12-01",
  source: "https://aws.amazon.com/secrets-manager/pricing/",
};

/**
 * Google Cloud Secret Manager: USD 0.06 per active secret version per replica location per month,
 * USD 0.03 per 10,000 access operations; no batch read, so one access per secret per resolution.
 */
export const GCP_PRICE: Price = {
  currency: "USD",
  perSecretMonth: 0.06,
  perTenThousandCalls: 0.03,
  batchSize: 1,
  asOf: "2026-12-01",
  source: "https://cloud.google.com/secret-manager/pricing",
};

/** The local store costs nothing. */
export const FREE: Price = {
  currency: "USD",
  perSecretMonth: 0,
  perTenThousandCalls: 0,
  asOf: "2026-12-01",
  source: "local encrypted store",
};

export interface LayoutCost {
  layout: "per-key" | "bundle";
  secrets: number;
  /** API calls per month assumed by the estimate. */
  callsPerMonth: number;
  monthly: number;
  currency: string;
}

export interface CostInput {
  /** Secret keys per environment. */
  keys: number;
  /** Environments (each is its own bundle). Default 1. */
  environments?: number;
  /**
   * Resolutions per month (process starts, CI jobs): each costs one batch call per 20 per-key
   * secrets, or one call per bundle. Default 0: storage only.
   */
  resolutionsPerMonth?: number;
  /**
   * Billed copies of each secret: GCP bills every active version in every replica location
   * (automatic replication counts once). Default 1.
   */
  replicas?: number;
}

/**
 * Monthly cost of storing `keys` secrets per key and as one JSON bundle per environment, at
 * `price`. Rounded to cents. Throws nothing; negative inputs count as zero.
 */
export function monthlyCosts(price: Price, input: CostInput): { perKey: LayoutCost; bundle: LayoutCost } {
  const keys = Math.max(0, Math.floor(input.keys));
  const envs = Math.max(1, Math.floor(input.environments ?? 1));
  const runs = Math.max(0, input.resolutionsPerMonth ?? 0);
  const replicas = Math.max(1, Math.floor(input.replicas ?? 1));
  const batch = Math.max(1, Math.floor(price.batchSize ?? 20));
  const make = (layout: LayoutCost["layout"], secrets: number, callsPerRun: number): LayoutCost => {
    const callsPerMonth = Math.ceil(runs * callsPerRun);
    const monthly =
      secrets * replicas * price.perSecretMonth + (callsPerMonth / 10_000) * price.perTenThousandCalls;
    return {
      layout,
      secrets,
      callsPerMonth,
      monthly: Math.round(monthly * 100) / 100,
      currency: price.currency,
    };
  };
  return {
    perKey: make("per-key", keys * envs, keys === 0 ? 0 : Math.ceil(keys / batch)),
    bundle: make("bundle", keys === 0 ? 0 : envs, keys === 0 ? 0 : 1),
  };
}
