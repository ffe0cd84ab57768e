/** ListSecrets / BatchGetSecretValue filters and opaque page tokens for the AWS emulator. */
import { createHash } from "node:crypto";
import { AwsError, type EmuSecret } from "./aws-store.js";

export interface Filter {
  Key: string;
  Values: string[];
}

/** True when `secret` passes `filter` (values are prefixes, `!` negates; values OR, filters AND). */
export function matches(secret: EmuSecret, filter: Filter): boolean {
  const values = Array.isArray(filter.Values) ? filter.Values : [];
  const fields = (): string[] => {
    switch (filter.Key) {
      case "name":
        return [secret.name];
      case "description":
        return [secret.description ?? ""];
      case "tag-key":
        return secret.tags.map((t) => t.Key);
      case "tag-value":
        return secret.tags.map((t) => t.Value);
      case "all":
        return [secret.name, secret.description ?? "", ...secret.tags.flatMap((t) => [t.Key, t.Value])];
      default:
        throw new AwsError("InvalidParameterException", `Invalid filter key ${String(filter.Key)}.`);
    }
  };
  const candidates = fields();
  return values.some((raw) => {
    const negate = raw.startsWith("!");
    const prefix = negate ? raw.slice(1) : raw;
    const hit = candidates.some((c) => c.startsWith(prefix));
    return negate ? !hit : hit;
  });
}

/** Pages `items` with opaque tokens (a hash of the position, as AWS tokens are opaque). */
export function paginate<T>(
  items: T[],
  maxResults: unknown,
  token: unknown,
  max: number,
): { items: T[]; next?: string } {
  const size = maxResults === undefined ? max : Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > max)
    throw new AwsError("InvalidParameterException", `MaxResults must be between 1 and ${max}.`);
  let start = 0;
  if (token !== undefined) {
    const decoded =
      typeof token === "string" ? Number(Buffer.from(token, "base64url").toString().split(":")[1]) : NaN;
    if (!Number.isInteger(decoded))
      throw new AwsError("InvalidNextTokenException", "The NextToken value is invalid.");
    start = decoded;
  }
  const page = items.slice(start, start + size);
  const nextStart = start + size;
  if (nextStart >= items.length) return { items: page };
  const tag = createHash("sha256").update(String(nextStart)).digest("hex").slice(0, 8);
  return { items: page, next: Buffer.from(`${tag}:${nextStart}`).toString("base64url") };
}
