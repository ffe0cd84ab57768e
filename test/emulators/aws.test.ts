// The AWS emulator, driven by the real @aws-sdk/client-secrets-manager client (never mocked).
import net from "node:net";
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { emulatorClient } from "../helpers/aws-client.js";
import { takeViolations } from "../helpers/net-guard.js";
import { type AwsEmulator, startAwsEmulator } from "./aws.js";

// biome-ignore lint/suspicious/noExplicitAny: SDK errors carry name, code and $metadata
type AnyError = Record<string, any>;
let emu: AwsEmulator;
beforeAll(async () => {
  emu = await startAwsEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

async function failure(promise: Promise<unknown>): Promise<AnyError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error as AnyError,
  );
}

describe("AWS emulator with the real SDK", () => {
  test("versions and staging labels", async () => {
    const client = emulatorClient(emu);
    const created = await client.send(new CreateSecretCommand({ Name: "app/dev/A", SecretString: "one" }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:app\/dev\/A-.{6}$/);
    const second = await client.send(
      new PutSecretValueCommand({ SecretId: "app/dev/A", SecretString: "two" }),
    );
    expect(second.VersionStages).toEqual(["AWSCURRENT"]);
    const current = await client.send(new GetSecretValueCommand({ SecretId: "app/dev/A" }));
    expect(current).toMatchObject({ SecretString: "two", VersionId: second.VersionId });
    expect(current.CreatedDate).toBeInstanceOf(Date);
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: created.ARN, VersionStage: "AWSPREVIOUS" }),
    );
    expect(previous).toMatchObject({ SecretString: "one", VersionId: created.VersionId });
    const byId = await client.send(
      new GetSecretValueCommand({ SecretId: "app/dev/A", VersionId: created.VersionId }),
    );
    expect(byId.SecretString).toBe("one");
    const missing = await failure(
      client.send(
        new GetSecretValueCommand({ SecretId: "app/dev/A", VersionId: "nope-nope-nope-nope-nope-nope-nope" }),
      ),
    );
    expect(missing.name).toBe("ResourceNotFoundException");
    await client.send(new PutSecretValueCommand({ SecretId: "app/dev/A", SecretString: "three" }));
    const versions = await client.send(
      new ListSecretVersionIdsCommand({ SecretId: "app/dev/A", IncludeDeprecated: true }),
    );
    expect(versions.Versions!.map((v) => v.VersionStages)).toEqual([[], ["AWSPREVIOUS"], ["AWSCURRENT"]]);
    const described = await client.send(new DescribeSecretCommand({ SecretId: "app/dev/A" }));
    expect(Object.keys(described.VersionIdsToStages!)).toHaveLength(2);
  });

  test("ClientRequestToken: same token and value is ignored, a different value is refused", async () => {
    const client = emulatorClient(emu);
    await client.send(new CreateSecretCommand({ Name: "t/x/K", SecretString: "a" }));
    const token = "0123456789abcdef0123456789abcdef";
    const first = await client.send(
      new PutSecretValueCommand({ SecretId: "t/x/K", SecretString: "b", ClientRequestToken: token }),
    );
    const again = await client.send(
      new PutSecretValueCommand({ SecretId: "t/x/K", SecretString: "b", ClientRequestToken: token }),
    );
    expect(again.VersionId).toBe(first.VersionId);
    expect(emu.store.secrets.get("t/x/K")!.versions).toHaveLength(2);
    const clash = await failure(
      client.send(
        new PutSecretValueCommand({ SecretId: "t/x/K", SecretString: "c", ClientRequestToken: token }),
      ),
    );
    expect(clash.name).toBe("ResourceExistsException");
    const exists = await failure(client.send(new CreateSecretCommand({ Name: "t/x/K", SecretString: "z" })));
    expect(exists.name).toBe("ResourceExistsException");
    expect(exists.$metadata.httpStatusCode).toBe(400);
  });

  test("a wrong secret key or region is refused as AWS does", async () => {
    const wrongKey = emulatorClient(emu, {
      credentials: { accessKeyId: "AKIDEMULATOR", secretAccessKey: "other" },
    });
    expect((await failure(wrongKey.send(new ListSecretsCommand({})))).name).toBe("InvalidSignatureException");
    const wrongRegion = emulatorClient(emu, { region: "eu-west-1" });
    expect((await failure(wrongRegion.send(new ListSecretsCommand({})))).name).toBe(
      "InvalidSignatureException",
    );
    const unknown = emulatorClient(emu, { credentials: { accessKeyId: "AKIDOTHER", secretAccessKey: "x" } });
    expect((await failure(unknown.send(new ListSecretsCommand({})))).name).toBe(
      "UnrecognizedClientException",
    );
  });

  test("BatchGetSecretValue by ids (with errors) and by filter, paged", async () => {
    const client = emulatorClient(emu);
    for (let i = 0; i < 25; i++)
      await client.send(
        new CreateSecretCommand({ Name: `b/p/K${String(i).padStart(2, "0")}`, SecretString: `v${i}` }),
      );
    const byIds = await client.send(
      new BatchGetSecretValueCommand({ SecretIdList: ["b/p/K01", "b/p/NOPE", "b/p/K02"] }),
    );
    expect(byIds.SecretValues!.map((v) => v.SecretString)).toEqual(["v1", "v2"]);
    expect(byIds.Errors).toMatchObject([{ SecretId: "b/p/NOPE", ErrorCode: "ResourceNotFoundException" }]);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new BatchGetSecretValueCommand({
          Filters: [{ Key: "name", Values: ["b/p/"] }],
          MaxResults: 10,
          NextToken,
        }),
      );
      seen.push(...page.SecretValues!.map((v) => v.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen).toHaveLength(25);
    const tooMany = await failure(
      client.send(
        new BatchGetSecretValueCommand({ SecretIdList: Array.from({ length: 21 }, (_, i) => `x${i}`) }),
      ),
    );
    expect(tooMany.name).toBe("InvalidParameterException");
  });

  test("ListSecrets: name, tag and negated filters, paging", async () => {
    const client = emulatorClient(emu);
    await client.send(
      new CreateSecretCommand({
        Name: "l/dev/A",
        SecretString: "1",
        Tags: [{ Key: "dotsecrets:env", Value: "dev" }],
      }),
    );
    await client.send(
      new CreateSecretCommand({
        Name: "l/prod/A",
        SecretString: "1",
        Tags: [{ Key: "dotsecrets:env", Value: "prod" }],
      }),
    );
    await client.send(new CreateSecretCommand({ Name: "l/dev/B", SecretString: "1" }));
    await client.send(
      new TagResourceCommand({ SecretId: "l/dev/B", Tags: [{ Key: "dotsecrets:env", Value: "dev" }] }),
    );
    const names = async (filters: Array<{ Key: "name" | "tag-value"; Values: string[] }>) => {
      const out: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new ListSecretsCommand({ Filters: filters, MaxResults: 1, NextToken }),
        );
        out.push(...page.SecretList!.map((s) => s.Name!));
        NextToken = page.NextToken;
      } while (NextToken);
      return out;
    };
    expect(await names([{ Key: "name", Values: ["l/dev/"] }])).toEqual(["l/dev/A", "l/dev/B"]);
    expect(await names([{ Key: "tag-value", Values: ["prod"] }])).toEqual(["l/prod/A"]);
    expect(await names([{ Key: "name", Values: ["!l/dev/"] }])).toEqual(["l/prod/A"]);
  });

  test("scheduled deletion: writes refused, restore, force, recovery window passes", async () => {
    const client = emulatorClient(emu);
    await client.send(new CreateSecretCommand({ Name: "d/x/K", SecretString: "keep" }));
    const scheduled = await client.send(
      new DeleteSecretCommand({ SecretId: "d/x/K", RecoveryWindowInDays: 7 }),
    );
    expect(scheduled.DeletionDate!.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    for (const write of [
      client.send(new PutSecretValueCommand({ SecretId: "d/x/K", SecretString: "new" })),
      client.send(new CreateSecretCommand({ Name: "d/x/K", SecretString: "new" })),
      client.send(new GetSecretValueCommand({ SecretId: "d/x/K" })),
    ]) {
      expect((await failure(write)).name).toBe("InvalidRequestException");
    }
    expect((await client.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    expect(
      (await client.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList,
    ).toHaveLength(1);
    expect((await client.send(new DescribeSecretCommand({ SecretId: "d/x/K" }))).DeletedDate).toBeInstanceOf(
      Date,
    );
    await client.send(new RestoreSecretCommand({ SecretId: "d/x/K" }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: "d/x/K" }))).SecretString).toBe("keep");
    await client.send(new DeleteSecretCommand({ SecretId: "d/x/K" }));
    emu.store.clockOffsetMs = 31 * 86_400_000;
    expect((await failure(client.send(new DescribeSecretCommand({ SecretId: "d/x/K" })))).name).toBe(
      "ResourceNotFoundException",
    );
    await client.send(new CreateSecretCommand({ Name: "d/x/F", SecretString: "x" }));
    await client.send(new DeleteSecretCommand({ SecretId: "d/x/F", ForceDeleteWithoutRecovery: true }));
    expect((await failure(client.send(new RestoreSecretCommand({ SecretId: "d/x/F" })))).name).toBe(
      "ResourceNotFoundException",
    );
  });

  test("the write quota throttles above 50 writes in a second", async () => {
    const client = emulatorClient(emu, { attempts: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        client.send(new CreateSecretCommand({ Name: `q/x/K${i}`, SecretString: "v" })),
      ),
    );
    const throttled = results.filter((r) => r.status === "rejected");
    expect(throttled).toHaveLength(10);
    expect((throttled[0] as PromiseRejectedResult).reason.name).toBe("ThrottlingException");
    expect(emu.faulted.quota).toBe(10);
  });

  test("faults: throttling and 5xx are retried by the SDK; HTML 5xx, resets and hangs surface", async () => {
    const client = emulatorClient(emu);
    await client.send(new CreateSecretCommand({ Name: "f/x/K", SecretString: "v" }));
    emu.faults.queue.push({ kind: "throttle" }, { kind: "internal" });
    expect((await client.send(new GetSecretValueCommand({ SecretId: "f/x/K" }))).SecretString).toBe("v");
    expect(emu.calls.GetSecretValue).toBe(3);

    const once = emulatorClient(emu, {
      attempts: 1,
      requestHandler: { connectionTimeout: 500, socketTimeout: 300 },
    });
    emu.faults.queue.push({ kind: "html503" });
    const html = await failure(once.send(new GetSecretValueCommand({ SecretId: "f/x/K" })));
    expect(html.$metadata.httpStatusCode).toBe(503);
    emu.faults.queue.push({ kind: "reset" });
    const reset = await failure(once.send(new GetSecretValueCommand({ SecretId: "f/x/K" })));
    expect(reset.code ?? reset.name).toMatch(/ECONNRESET|socket hang up/);
    emu.faults.queue.push({ kind: "hang" });
    expect((await failure(once.send(new GetSecretValueCommand({ SecretId: "f/x/K" })))).name).toBe(
      "TimeoutError",
    );
    emu.faults.denied = ["BatchGetSecretValue"];
    expect((await failure(once.send(new BatchGetSecretValueCommand({ SecretIdList: ["f/x/K"] })))).name).toBe(
      "AccessDeniedException",
    );
    emu.faults = { ...emu.faults, denied: [], latencyMs: 30 };
    const started = Date.now();
    await once.send(new GetSecretValueCommand({ SecretId: "f/x/K" }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});

describe("net guard", () => {
  test("a connection off loopback fails", async () => {
    const socket = net.connect({ host: "192.0.2.1", port: 443 });
    const error = await new Promise<Error>((resolve) => socket.on("error", resolve));
    expect(error.message).toContain("net-guard");
    expect(takeViolations()).toEqual(["192.0.2.1:443"]);
  });
});
