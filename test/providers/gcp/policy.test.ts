/**
 * The gcloud commands of `secrets policy --provider gcp`.
 */
import { describe, expect, test } from "vitest";
import { gcpCondition, gcpPolicy } from "../../../providers/gcp/policy.js";

describe("gcp policy", () => {
  test("the runtime identity gets secretAccessor limited to this app/env by name prefix", () => {
    const policy = gcpPolicy({
      project: "my-project",
      app: "shop",
      env: "production",
      runtimeMember: "serviceAccount:api@my-project.iam.gserviceaccount.com",
    });
    const text = policy.runtime.join("\n");
    expect(text).toContain("gcloud projects describe my-project --format='value(projectNumber)'");
    expect(text).toContain('--member="serviceAccount:api@my-project.iam.gserviceaccount.com"');
    expect(text).toContain('--role="roles/secretmanager.secretAccessor"');
    expect(text).toContain(
      'resource.name.startsWith(\\"projects/$PROJECT_NUMBER/secrets/shop--production--\\")',
    );
    expect(text).toContain('resource.name == \\"projects/$PROJECT_NUMBER/secrets/shop--production\\"');
    expect(text).toContain("title=dotsecrets-read-shop-production");
    expect(text).not.toContain("roles/secretmanager.admin");
  });

  test("the migrating identity manages the scope and may create and list in the project", () => {
    const text = gcpPolicy({ project: "my-project", app: "shop" }).migrate.join("\n");
    expect(text).toContain("gcloud services enable secretmanager.googleapis.com --project=my-project");
    expect(text).toContain('--role="roles/secretmanager.admin"');
    expect(text).toContain("--permissions=secretmanager.secrets.create,secretmanager.secrets.list");
    expect(text).toContain('--role="projects/my-project/roles/dotsecretsMigrator"');
    expect(text).toContain('startsWith(\\"projects/$PROJECT_NUMBER/secrets/shop--\\")');
  });

  test("names that need escaping use the same id mapping as the provider", () => {
    expect(gcpCondition({ project: "p", app: "my.app", env: "dev" })).toContain(
      "secrets/-6d792e617070--dev--",
    );
  });
});
