import { matchFormat, urlScheme } from "../inventory/formats.js";

/** `sk_l…(32)`, `postgres://…(57)`, `…(24)`: the public prefix of a value's format and its length. Never throws. */
export function redactValue(value: string): string {
  const match = matchFormat(value);
  return `${match ? match.prefix : (urlScheme(value) ?? "")}…(${[...value].length})`;
}
