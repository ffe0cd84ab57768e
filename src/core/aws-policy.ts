/**
 * Least-privilege IAM policies for dotsecrets on AWS Secrets Manager: one for the identity that
 * runs the app (read this app's secrets, batch read included), one for the identity that migrates
 * (create, write, read back, tag, delete with recovery, restore). Pure: data in, policy documents out.
 */

export interface AwsPolicyInput {
  app: string;
  /** One environment, or every environment of the app when absent. */
  env?: string;
  /** Region of the secrets, or any region when absent. */
  region?: string;
  /** 12-digit account id, or any account when absent. */
  account?: string;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Array<{ Sid: string; Effect: "Allow"; Action: string[]; Resource: string | string[] }>;
}

/**
 * The ARNs of this scope's secrets: per-key secrets `app/env/KEY` and the bundle `app/env`.
 * AWS appends `-` and 6 random characters to every secret ARN, hence the wildcards.
 */
export function secretArns(input: AwsPolicyInput): string[] {
  const base = `arn:aws:secretsmanager:${input.region ?? "*"}:${input.account ?? "*"}:secret:`;
  const env = input.env ?? "*";
  return [`${base}${input.app}/${env}/*`, `${base}${input.app}/${env}-??????`];
}

/** The runtime identity's policy: read values and metadata of this scope only. */
export function runtimePolicy(input: AwsPolicyInput): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadThisScope",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: secretArns(input),
      },
      {
        // BatchGetSecretValue has no resource-level permission: AWS still checks GetSecretValue
        // on every secret it returns, so this grants no read beyond the statement above.
        Sid: "BatchRead",
        Effect: "Allow",
        Action: ["secretsmanager:BatchGetSecretValue"],
        Resource: "*",
      },
    ],
  };
}

/** The migrating identity's policy: write, verify, tag, delete with recovery and restore this scope; list names. */
export function migratePolicy(input: AwsPolicyInput): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ManageThisScope",
        Effect: "Allow",
        Action: [
          "secretsmanager:CreateSecret",
          "secretsmanager:PutSecretValue",
          "secretsmanager:GetSecretValue",
          "secretsmanager:DescribeSecret",
          "secretsmanager:ListSecretVersionIds",
          "secretsmanager:TagResource",
          "secretsmanager:DeleteSecret",
          "secretsmanager:RestoreSecret",
        ],
        Resource: secretArns(input),
      },
      {
        // Neither has resource-level permissions; listing returns names and metadata, never values.
        Sid: "ListAndBatchRead",
        Effect: "Allow",
        Action: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"],
        Resource: "*",
      },
    ],
  };
}
