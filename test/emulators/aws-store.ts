/**
 * The AWS emulator's model of Secrets Manager: secrets, versions with staging labels, tags,
 * scheduled deletion, and the operations dotsecrets calls, answering with AWS's field names and
 * exception codes. Pure state; the HTTP side lives in aws.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { type Filter, matches, paginate } from "./aws-paging.js";

/** An error the emulator answers with AWS's JSON error shape. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface EmuVersion {
  id: string;
  value?: string;
  binary?: string;
  created: number;
  stages: string[];
}

export interface EmuSecret {
  arn: string;
  name: string;
  description?: string;
  tags: Array<{ Key: string; Value: string }>;
  created: number;
  changed: number;
  deletedAt?: number;
  /** Oldest first. */
  versions: EmuVersion[];
}

type Body = Record<string, unknown>;
const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const DAY = 86_400_000;

/** In-memory Secrets Manager state. `now` is injectable so tests can move past a recovery window. */
export class AwsSecretStore {
  readonly secrets = new Map<string, EmuSecret>();
  clockOffsetMs = 0;

  constructor(
    readonly region: string,
    readonly maxVersions = 100,
  ) {}

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Drops secrets whose recovery window has passed. */
  purge(): void {
    for (const [name, secret] of this.secrets) {
      if (secret.deletedAt !== undefined && secret.deletedAt <= this.now()) this.secrets.delete(name);
    }
  }

  /** Finds a secret by name or ARN; throws ResourceNotFoundException. */
  find(id: unknown, allowDeleted = false): EmuSecret {
    this.purge();
    if (typeof id !== "string" || id === "")
      throw new AwsError("InvalidParameterException", "SecretId is required");
    const secret = this.secrets.get(id) ?? [...this.secrets.values()].find((s) => s.arn === id);
    if (!secret)
      throw new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    if (!allowDeleted && secret.deletedAt !== undefined) {
      throw new AwsError(
        "InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
      );
    }
    return secret;
  }

  createSecret(body: Body): Body {
    this.purge();
    const name = body.Name;
    if (typeof name !== "string" || !NAME.test(name))
      throw new AwsError(
        "ValidationException",
        "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
      );
    const existing = this.secrets.get(name);
    const token = stringOr(body.ClientRequestToken, randomUUID());
    const payload = readPayload(body);
    if (existing) {
      if (existing.deletedAt !== undefined) {
        throw new AwsError(
          "InvalidRequestException",
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        );
      }
      const same = existing.versions.find((v) => v.id === token);
      if (same && samePayload(same, payload)) return { ARN: existing.arn, Name: name, VersionId: same.id };
      throw new AwsError(
        "ResourceExistsException",
        `The operation failed because the secret ${name} already exists.`,
      );
    }
    const now = this.now();
    const suffix = randomBytes(4).toString("base64url").slice(0, 6);
    const secret: EmuSecret = {
      arn: `arn:aws:secretsmanager:${this.region}:123456789012:secret:${name}-${suffix}`,
      name,
      tags: Array.isArray(body.Tags) ? (body.Tags as EmuSecret["tags"]).map((t) => ({ ...t })) : [],
      created: now,
      changed: now,
      versions: [],
    };
    if (typeof body.Description === "string") secret.description = body.Description;
    this.secrets.set(name, secret);
    if (payload) this.addVersion(secret, token, payload);
    return { ARN: secret.arn, Name: name, ...(payload && { VersionId: token }) };
  }

  putSecretValue(body: Body): Body {
    const secret = this.find(body.SecretId);
    const payload = readPayload(body);
    if (!payload)
      throw new AwsError(
        "InvalidParameterException",
        "You must provide either SecretString or SecretBinary.",
      );
    const token = stringOr(body.ClientRequestToken, randomUUID());
    const existing = secret.versions.find((v) => v.id === token);
    if (existing) {
      if (!samePayload(existing, payload)) {
        throw new AwsError("ResourceExistsException", "A resource with the ID you requested already exists.");
      }
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: existing.id,
        VersionStages: [...existing.stages],
      };
    }
    const version = this.addVersion(secret, token, payload);
    return { ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: [...version.stages] };
  }

  private addVersion(secret: EmuSecret, id: string, payload: Payload): EmuVersion {
    const now = this.now();
    for (const v of secret.versions) {
      v.stages = v.stages.filter((s) => s !== "AWSPREVIOUS");
      if (v.stages.includes("AWSCURRENT"))
        v.stages = [...v.stages.filter((s) => s !== "AWSCURRENT"), "AWSPREVIOUS"];
    }
    const version: EmuVersion = { id, ...payload, created: now, stages: ["AWSCURRENT"] };
    secret.versions.push(version);
    secret.changed = now;
    // AWS removes versions without a staging label once there are more than about 100.
    while (secret.versions.length > this.maxVersions) {
      const index = secret.versions.findIndex((v) => v.stages.length === 0);
      if (index < 0) break;
      secret.versions.splice(index, 1);
    }
    return version;
  }

  getSecretValue(body: Body): Body {
    const secret = this.find(body.SecretId);
    return secretValue(secret, pickVersion(secret, body.VersionId, body.VersionStage));
  }

  batchGetSecretValue(body: Body): Body {
    const ids = body.SecretIdList;
    const filters = body.Filters;
    if (ids !== undefined && filters !== undefined)
      throw new AwsError("InvalidParameterException", "Use either SecretIdList or Filters, not both.");
    if (Array.isArray(ids)) {
      if (ids.length === 0 || ids.length > 20)
        throw new AwsError("InvalidParameterException", "SecretIdList must have 1 to 20 entries.");
      if (body.MaxResults !== undefined)
        throw new AwsError("InvalidParameterException", "MaxResults is only allowed with Filters.");
      const SecretValues: Body[] = [];
      const Errors: Body[] = [];
      for (const id of ids) {
        try {
          const secret = this.find(id);
          SecretValues.push(secretValue(secret, pickVersion(secret, undefined, undefined)));
        } catch (error) {
          const e = error as AwsError;
          Errors.push({ SecretId: id, ErrorCode: e.type, Message: e.message });
        }
      }
      return { SecretValues, Errors };
    }
    if (!Array.isArray(filters))
      throw new AwsError("InvalidParameterException", "SecretIdList or Filters is required.");
    const matching = this.listed(filters as Filter[], false);
    const page = paginate(matching, body.MaxResults, body.NextToken, 20);
    return {
      SecretValues: page.items.map((secret) =>
        secretValue(secret, pickVersion(secret, undefined, undefined)),
      ),
      Errors: [],
      ...(page.next && { NextToken: page.next }),
    };
  }

  describeSecret(body: Body): Body {
    const secret = this.find(body.SecretId, true);
    return { ...summary(secret), VersionIdsToStages: stagesMap(secret) };
  }

  listSecrets(body: Body): Body {
    const filters = Array.isArray(body.Filters) ? (body.Filters as Filter[]) : [];
    const matching = this.listed(filters, body.IncludePlannedDeletion === true);
    if (body.SortBy === "name") matching.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (body.SortOrder === "desc") matching.reverse();
    const page = paginate(matching, body.MaxResults, body.NextToken, 100);
    return {
      SecretList: page.items.map((s) => ({ ...summary(s), SecretVersionsToStages: stagesMap(s) })),
      ...(page.next && { NextToken: page.next }),
    };
  }

  private listed(filters: Filter[], includeDeleted: boolean): EmuSecret[] {
    this.purge();
    return [...this.secrets.values()].filter(
      (s) => (includeDeleted || s.deletedAt === undefined) && filters.every((f) => matches(s, f)),
    );
  }

  listSecretVersionIds(body: Body): Body {
    const secret = this.find(body.SecretId, true);
    const versions = secret.versions.filter((v) => body.IncludeDeprecated === true || v.stages.length > 0);
    const page = paginate(versions, body.MaxResults, body.NextToken, 100);
    return {
      ARN: secret.arn,
      Name: secret.name,
      Versions: page.items.map((v) => ({
        VersionId: v.id,
        VersionStages: [...v.stages],
        CreatedDate: v.created / 1000,
      })),
      ...(page.next && { NextToken: page.next }),
    };
  }

  deleteSecret(body: Body): Body {
    const secret = this.find(body.SecretId, true);
    const force = body.ForceDeleteWithoutRecovery === true;
    if (force && body.RecoveryWindowInDays !== undefined)
      throw new AwsError(
        "InvalidParameterException",
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    if (force) {
      this.secrets.delete(secret.name);
      return { ARN: secret.arn, Name: secret.name, DeletionDate: this.now() / 1000 };
    }
    const days = body.RecoveryWindowInDays ?? 30;
    if (typeof days !== "number" || !Number.isInteger(days) || days < 7 || days > 30)
      throw new AwsError("InvalidParameterException", "RecoveryWindowInDays must be between 7 and 30.");
    if (secret.deletedAt !== undefined)
      throw new AwsError(
        "InvalidRequestException",
        "You can't delete a secret that is already scheduled for deletion.",
      );
    secret.deletedAt = this.now() + days * DAY;
    return { ARN: secret.arn, Name: secret.name, DeletionDate: secret.deletedAt / 1000 };
  }

  restoreSecret(body: Body): Body {
    const secret = this.find(body.SecretId, true);
    delete secret.deletedAt;
    return { ARN: secret.arn, Name: secret.name };
  }

  tagResource(body: Body): Body {
    const secret = this.find(body.SecretId);
    for (const tag of (body.Tags ?? []) as EmuSecret["tags"]) {
      const existing = secret.tags.find((t) => t.Key === tag.Key);
      if (existing) existing.Value = tag.Value;
      else secret.tags.push({ Key: tag.Key, Value: tag.Value });
    }
    return {};
  }

  updateSecret(body: Body): Body {
    const secret = this.find(body.SecretId);
    if (typeof body.Description === "string") secret.description = body.Description;
    const payload = readPayload(body);
    if (payload) return this.putSecretValue({ ...body });
    return { ARN: secret.arn, Name: secret.name };
  }
}

interface Payload {
  value?: string;
  binary?: string;
}

function readPayload(body: Body): Payload | undefined {
  if (typeof body.SecretString === "string") {
    if (Buffer.byteLength(body.SecretString) > 65_536)
      throw new AwsError("InvalidParameterException", "SecretString is too large.");
    return { value: body.SecretString };
  }
  if (typeof body.SecretBinary === "string") return { binary: body.SecretBinary };
  return undefined;
}

function samePayload(version: EmuVersion, payload: Payload | undefined): boolean {
  return version.value === payload?.value && version.binary === payload?.binary;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}

function pickVersion(secret: EmuSecret, id: unknown, stage: unknown): EmuVersion {
  const wantStage = id === undefined && stage === undefined ? "AWSCURRENT" : stage;
  const version = secret.versions.find(
    (v) =>
      (id === undefined || v.id === id) &&
      (wantStage === undefined || v.stages.includes(wantStage as string)),
  );
  if (!version)
    throw new AwsError(
      "ResourceNotFoundException",
      "Secrets Manager can't find the specified secret value for the requested version or staging label.",
    );
  return version;
}

function secretValue(secret: EmuSecret, version: EmuVersion): Body {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.id,
    ...(version.value !== undefined && { SecretString: version.value }),
    ...(version.binary !== undefined && { SecretBinary: version.binary }),
    VersionStages: [...version.stages],
    CreatedDate: version.created / 1000,
  };
}

function summary(secret: EmuSecret): Body {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined && { Description: secret.description }),
    CreatedDate: secret.created / 1000,
    LastChangedDate: secret.changed / 1000,
    ...(secret.deletedAt !== undefined && { DeletedDate: secret.deletedAt / 1000 }),
    Tags: secret.tags.map((t) => ({ ...t })),
  };
}

function stagesMap(secret: EmuSecret): Record<string, string[]> {
  return Object.fromEntries(
    secret.versions.filter((v) => v.stages.length > 0).map((v) => [v.id, [...v.stages]]),
  );
}
