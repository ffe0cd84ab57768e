/** Where a stub's references may point (issue 9, item 13). */
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/envfile/index.js";
import { checkReferenceScope } from "../../src/runtime/reference-scope.js";

const scope = { app: "shop", env: "development" };

describe("checkReferenceScope", () => {
  it("refuses a reference under a public prefix, naming key and line", () => {
    const doc = parseEnv(
      "PORT=3000\nNEXT_PUBLIC_ANALYTICS_ID=secret://local/bank/production/STRIPE_SECRET_KEY\nVITE_X=secret://local/shop/development/X\nNEXT_PUBLIC_SITE=https://x.test\n",
      ".env",
    );
    const { refused } = checkReferenceScope(doc, scope);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toContain("NEXT_PUBLIC_ANALYTICS_ID (line 2");
    expect(refused[0]).toContain("NEXT_PUBLIC_");
    expect(refused[1]).toContain("VITE_X (line 3");
  });

  it("warns, by name only, about references outside the stub's app and environment", () => {
    const doc = parseEnv(
      [
        "OWN=secret://local/shop/development/OWN",
        "BUNDLED=secret://aws/shop/development?key=BUNDLED",
        "OTHER_APP=secret://local/bank/development/STRIPE_SECRET_KEY",
        "OTHER_ENV=secret://local/shop/production/DB",
        'OTHER_BUNDLE="secret://aws/bank/production?key=K#3"',
      ].join("\n"),
      ".env",
    );
    const { refused, warnings } = checkReferenceScope(doc, scope);
    expect(refused).toEqual([]);
    expect(warnings).toEqual([
      ".env:3 OTHER_APP reads bank/development/STRIPE_SECRET_KEY, outside this stub's scope shop/development",
      ".env:4 OTHER_ENV reads shop/production/DB, outside this stub's scope shop/development",
      ".env:5 OTHER_BUNDLE reads bank/production, outside this stub's scope shop/development",
    ]);
  });

  it("does not warn when the stub's scope is unknown", () => {
    const doc = parseEnv("A=secret://local/bank/production/A\n", ".env.custom");
    expect(checkReferenceScope(doc, undefined)).toEqual({ refused: [], warnings: [] });
  });
});
