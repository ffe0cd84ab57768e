/**
 * What a plan would cost per month at the chosen provider, for both layouts: one secret per key,
 * or one JSON bundle per app/environment. Counts come from the plan (the keys it moves, per
 * environment); prices from src/core/pricing.ts. Pure: data in, data out.
 */
import { AWS_PRICE, FREE, GCP_PRICE, type LayoutCost, monthlyCosts, type Price } from "../core/pricing.js";
import type { Plan } from "./types.js";

/** The price table of a provider kind (local and unknown kinds are free). */
export function priceOf(kind: string): Price {
  if (kind === "aws") return AWS_PRICE;
  if (kind === "gcp") return GCP_PRICE;
  return FREE;
}

export interface PlanCosts {
  provider: string;
  /** Environments and distinct keys moved (per-key secrets = keys summed over environments). */
  environments: number;
  keys: number;
  /** Storage per month (no API calls), and API calls per resolution of one environment. */
  perKey: LayoutCost & { callsPerRun: number };
  bundle: LayoutCost & { callsPerRun: number };
  /** Which layout this plan uses. */
  chosen: "per-key" | "bundle";
  price: Pick<Price, "currency" | "perSecretMonth" | "perTenThousandCalls" | "asOf" | "source">;
  /** Billed copies per secret (GCP: replica locations). */
  replicas: number;
}

/**
 * The monthly cost of the plan's moves at `kind`'s prices. `replicas`: GCP bills each replica
 * location (automatic replication counts once). Throws nothing.
 */
export function planCosts(plan: Plan, kind: string, replicas = 1): PlanCosts {
  const keysByEnv = new Map<string, Set<string>>();
  for (const file of plan.files) {
    for (const entry of file.entries) {
      if (entry.action !== "move") continue;
      keysByEnv.set(file.env, (keysByEnv.get(file.env) ?? new Set()).add(entry.key));
    }
  }
  const price = priceOf(kind);
  const sum = (layout: "perKey" | "bundle") => {
    let monthly = 0;
    let secrets = 0;
    for (const keys of keysByEnv.values()) {
      const cost = monthlyCosts(price, { keys: keys.size, replicas })[layout];
      monthly += cost.monthly;
      secrets += cost.secrets;
    }
    return { monthly: Math.round(monthly * 100) / 100, secrets };
  };
  const batch = Math.max(1, price.batchSize ?? 20);
  const largest = Math.max(0, ...[...keysByEnv.values()].map((keys) => keys.size));
  const perKey = sum("perKey");
  const bundle = sum("bundle");
  return {
    provider: kind,
    environments: keysByEnv.size,
    keys: new Set([...keysByEnv.values()].flatMap((keys) => [...keys])).size,
    perKey: {
      layout: "per-key",
      ...perKey,
      callsPerMonth: 0,
      currency: price.currency,
      callsPerRun: Math.ceil(largest / batch),
    },
    bundle: {
      layout: "bundle",
      ...bundle,
      callsPerMonth: 0,
      currency: price.currency,
      callsPerRun: largest > 0 ? 1 : 0,
    },
    chosen: plan.layout,
    price: {
      currency: price.currency,
      perSecretMonth: price.perSecretMonth,
      perTenThousandCalls: price.perTenThousandCalls,
      asOf: price.asOf,
      source: price.source,
    },
    replicas,
  };
}
