/** The smaller findings of issue 10, each a case that failed before its fix. */
import { describe, expect, it } from "vitest";
import { classify } from "../../src/inventory/classify.js";
import { isEnvCandidate, parseEnvFileName } from "../../src/inventory/discover.js";
import { PREFIX, randomAlnum } from "../helpers/fake-secrets.js";

const glue = (...parts: string[]) => parts.join("");

describe("issue 10: discovery", () => {
  it("finds .env-example (and .env_sample) as templates", () => {
    for (const name of [".env-example", ".env_sample", ".env-template"]) {
      expect(isEnvCandidate(name), name).toBe(true);
      expect(parseEnvFileName(name)).toMatchObject({ type: "dotenv", kind: "template", env: null });
    }
    expect(isEnvCandidate(".env-cmdrc")).toBe(false);
  });
});

describe("issue 10: classification", () => {
  it("shows a stubbed key as a reference, not by its name", () => {
    const result = classify("STRIPE_SECRET_KEY", "secret://local/shop/development/STRIPE_SECRET_KEY");
    expect(result.reason).toMatch(/^reference \(migrated: local shop\/development\/STRIPE_SECRET_KEY\)$/);
    expect(result.class).toBe("secret");
  });

  it("labels a Clerk sk_test_ key as Clerk when the name says clerk", () => {
    const value = `${PREFIX.stripeTest}${randomAlnum(40)}`;
    expect(classify("CLERK_SECRET_KEY", value).reason).toMatch(/a Clerk secret key/);
    expect(classify("STRIPE_SECRET_KEY", value).reason).toMatch(/a Stripe secret key/);
  });

  it("labels sk-lf- as Langfuse, not OpenAI, and pk-lf- as public", () => {
    const id = `${randomAlnum(8)}-${randomAlnum(4)}-${randomAlnum(12)}`.toLowerCase();
    expect(classify("LANGFUSE_SECRET_KEY", `${glue("sk", "-lf-")}${id}`).reason).toBe(
      "value is a Langfuse secret key",
    );
    expect(classify("LANGFUSE_PUBLIC_KEY", `${glue("pk", "-lf-")}${id}`).class).toBe("config");
  });

  it("gives a publishable key under NEXT_PUBLIC_ no random-looking-value warning", () => {
    const value = `${randomAlnum(40)}`;
    expect(classify("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", value).publicWarning).toBeUndefined();
    expect(classify("NEXT_PUBLIC_SUPABASE_ANON_KEY", value).publicWarning).toBeUndefined();
    // A random value under a name that does not say public still gets one.
    expect(classify("NEXT_PUBLIC_SESSION", value).publicWarning).toMatch(/random-looking/);
  });
});
