/**
 * The layout question's figures: the monthly cost of one secret per key and of one JSON bundle per
 * environment, at the provider's prices (src/core/pricing.ts), for the keys chosen.
 */
import { AWS_PRICE, FREE, GCP_PRICE, monthlyCosts, type Price } from "../../core/pricing.js";
import type { Layout } from "../../migrate/types.js";
import type { Choice } from "./prompter.js";

function priceFor(kind: string): Price {
  if (kind === "aws") return AWS_PRICE;
  if (kind === "gcp") return GCP_PRICE;
  return FREE;
}

/** Storage cost per month of both layouts for `keysPerEnv` (environment → keys moved). Throws nothing. */
export function layoutCosts(kind: string, keysPerEnv: Map<string, number>) {
  const price = priceFor(kind);
  let perKey = 0;
  let bundle = 0;
  let perKeySecrets = 0;
  for (const keys of keysPerEnv.values()) {
    const cost = monthlyCosts(price, { keys });
    perKey += cost.perKey.monthly;
    bundle += cost.bundle.monthly;
    perKeySecrets += cost.perKey.secrets;
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    price,
    perKey: { secrets: perKeySecrets, monthly: round(perKey) },
    bundle: { secrets: keysPerEnv.size, monthly: round(bundle) },
  };
}

const money = (amount: number, price: Price) =>
  price.perSecretMonth === 0 ? "free" : `${price.currency} ${amount.toFixed(2)}/month`;

/** The two layout choices, each with its secret count and monthly cost. */
export function layoutChoices(kind: string, keysPerEnv: Map<string, number>): Choice<Layout>[] {
  const costs = layoutCosts(kind, keysPerEnv);
  const note =
    costs.price.perSecretMonth === 0
      ? "the local store costs nothing"
      : `prices as of ${costs.price.asOf}, storage only`;
  return [
    {
      value: "per-key",
      name: `per-key  ${costs.perKey.secrets} secret(s), ${money(costs.perKey.monthly, costs.price)}`,
      short: "per-key",
      description: `One secret per key: fine-grained access and audit (${note}).`,
    },
    {
      value: "bundle",
      name: `bundle   ${costs.bundle.secrets} secret(s), ${money(costs.bundle.monthly, costs.price)}`,
      short: "bundle",
      description: `One JSON secret per app/environment: cheaper, one read per start (${note}).`,
    },
  ];
}
