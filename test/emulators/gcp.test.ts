/**
 * The emulator, exercised with the real @google-cloud/secret-manager client (never a mock): the
 * wire protocol, resource rules, status codes, checksums, paging, filters and every fault kind.
 */
import type { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { emulatorClient, NO_RETRY } from "../helpers/gcp-client.js";
import { type GcpEmulator, startGcpEmulator } from "./gcp.js";
import { slowCrc32c } from "./gcp-store.js";

let emu: GcpEmulator;
let client: SecretManagerServiceClient;
const parent = "projects/demo-project";
const secretName = (id: string) => `${parent}/secrets/${id}`;

beforeAll(async () => {
  emu = await startGcpEmulator();
  client = emulatorClient(emu.grpcPort);
});
afterAll(async () => {
  await client.close();
  await emu.close();
});
beforeEach(() => emu.reset());

async function create(id: string, labels: Record<string, string> = {}) {
  const [secret] = await client.createSecret(
    { parent, secretId: id, secret: { replication: { automatic: {} }, labels } },
    NO_RETRY,
  );
  return secret;
}

async function add(id: string, text: string, crc?: number) {
  const data = Buffer.from(text);
  const [version] = await client.addSecretVersion(
    { parent: secretName(id), payload: { data, dataCrc32c: crc ?? slowCrc32c(data) } },
    NO_RETRY,
  );
  return version;
}

async function code(promise: Promise<unknown>): Promise<number | undefined> {
  return promise.then(
    () => undefined,
    (error: { code?: number }) => error.code,
  );
}

describe("GCP emulator with the real client", () => {
  test("CRC-32C reference vector", () => {
    expect(slowCrc32c(Buffer.from("123456789"))).toBe(0xe3069283);
  });

  test("create, add versions, access latest and pinned, with checksums and project numbers", async () => {
    const secret = await create("app--prod--KEY", { "dotsecrets-app": "app" });
    expect(secret.name).toMatch(/^projects\/\d+\/secrets\/app--prod--KEY$/);
    expect(secret.replication?.automatic).toBeTruthy();
    const v1 = await add("app--prod--KEY", "one");
    expect(v1.name).toMatch(/\/versions\/1$/);
    expect(v1.state).toBe("ENABLED");
    expect(v1.clientSpecifiedPayloadChecksum).toBe(true);
    await add("app--prod--KEY", "two");
    const [latest] = await client.accessSecretVersion({
      name: `${secretName("app--prod--KEY")}/versions/latest`,
    });
    expect(latest.name).toMatch(/\/versions\/2$/);
    expect(Buffer.from(latest.payload!.data as Uint8Array).toString()).toBe("two");
    expect(String(latest.payload!.dataCrc32c)).toBe(String(slowCrc32c(Buffer.from("two"))));
    const [pinned] = await client.accessSecretVersion({ name: `${secretName("app--prod--KEY")}/versions/1` });
    expect(Buffer.from(pinned.payload!.data as Uint8Array).toString()).toBe("one");
    expect(emu.calls).toMatchObject({ CreateSecret: 1, AddSecretVersion: 2, AccessSecretVersion: 2 });
  });

  test("a payload without checksum gets one; a wrong checksum is INVALID_ARGUMENT and adds nothing", async () => {
    await create("S");
    const [version] = await client.addSecretVersion({
      parent: secretName("S"),
      payload: { data: Buffer.from("x") },
    });
    expect(version.clientSpecifiedPayloadChecksum).toBe(false);
    expect(await code(add("S", "y", 12345))).toBe(3);
    const [access] = await client.accessSecretVersion({ name: `${secretName("S")}/versions/latest` });
    expect(access.name).toMatch(/\/versions\/1$/);
    expect(String(access.payload!.dataCrc32c)).toBe(String(slowCrc32c(Buffer.from("x"))));
  });

  test("real status codes: NOT_FOUND, ALREADY_EXISTS, INVALID_ARGUMENT, FAILED_PRECONDITION", async () => {
    expect(await code(client.getSecret({ name: secretName("nope") }, NO_RETRY))).toBe(5);
    expect(
      await code(client.accessSecretVersion({ name: `${secretName("nope")}/versions/1` }, NO_RETRY)),
    ).toBe(5);
    await create("S");
    expect(await code(create("S"))).toBe(6);
    expect(await code(create("bad.id"))).toBe(3);
    expect(await code(create("x".repeat(256)))).toBe(3);
    expect(await code(create("L", { Upper: "v" }))).toBe(3);
    expect(await code(create("L", { ok: "Upper" }))).toBe(3);
    expect(
      await code(client.accessSecretVersion({ name: `${secretName("S")}/versions/latest` }, NO_RETRY)),
    ).toBe(5);
    await add("S", "a");
    expect(await code(client.accessSecretVersion({ name: `${secretName("S")}/versions/9` }, NO_RETRY))).toBe(
      5,
    );
    expect(await code(client.accessSecretVersion({ name: `${secretName("S")}/versions/v1` }, NO_RETRY))).toBe(
      3,
    );
    expect(await code(add("S", "z".repeat(65_537)))).toBe(3);
    await add("S", "z".repeat(65_536));
    await client.disableSecretVersion({ name: `${secretName("S")}/versions/2` });
    expect(
      await code(client.accessSecretVersion({ name: `${secretName("S")}/versions/latest` }, NO_RETRY)),
    ).toBe(9);
    await client.destroySecretVersion({ name: `${secretName("S")}/versions/1` });
    expect(await code(client.accessSecretVersion({ name: `${secretName("S")}/versions/1` }, NO_RETRY))).toBe(
      9,
    );
    expect(await code(client.disableSecretVersion({ name: `${secretName("S")}/versions/1` }, NO_RETRY))).toBe(
      9,
    );
    const [versions] = await client.listSecretVersions({ parent: secretName("S") }, { autoPaginate: true });
    expect(versions.map((v) => [v.name?.split("/").pop(), v.state])).toEqual([
      ["2", "DISABLED"],
      ["1", "DESTROYED"],
    ]);
    await client.deleteSecret({ name: secretName("S") });
    expect(await code(client.getSecret({ name: secretName("S") }, NO_RETRY))).toBe(5);
  });

  test("ListSecrets filters on labels and pages with tokens", async () => {
    for (let i = 0; i < 120; i++)
      await create(`s${String(i).padStart(3, "0")}`, { "dotsecrets-app": i % 2 ? "odd" : "even" });
    const [page1, next1, raw1] = await client.listSecrets(
      { parent, pageSize: 50, filter: "labels.dotsecrets-app=odd" },
      { autoPaginate: false },
    );
    expect(page1).toHaveLength(50);
    expect(raw1?.nextPageToken).toBeTruthy();
    const [page2] = await client.listSecrets({ ...next1!, parent }, { autoPaginate: false });
    expect(page2).toHaveLength(10);
    const all: string[] = [];
    for await (const secret of client.listSecretsAsync(
      { parent, filter: "labels.dotsecrets-app:*", pageSize: 30 },
      { autoPaginate: false },
    )) {
      all.push(secret.name!.split("/").pop()!);
    }
    expect(all).toHaveLength(120);
    expect(
      await code(
        client.listSecrets({ parent, filter: "labels.a=(b OR c)" }, { autoPaginate: false, ...NO_RETRY }),
      ),
    ).toBe(3);
  });

  test("UpdateSecret replaces labels; etags change", async () => {
    const before = await create("U", { a: "1" });
    const [after] = await client.updateSecret({
      secret: { name: secretName("U"), labels: { b: "2" } },
      updateMask: { paths: ["labels"] },
    });
    expect(after.labels).toEqual({ b: "2" });
    expect(after.etag).not.toBe(before.etag);
  });

  test("injected status codes, in a queue and by rate, with method scoping", async () => {
    emu.faults.queue.push(
      { kind: "status", code: "UNAVAILABLE" },
      { kind: "status", code: "INTERNAL", method: "GetSecret" },
    );
    expect(await code(client.listSecrets({ parent }, { autoPaginate: false, ...NO_RETRY }))).toBe(14);
    expect(await code(client.getSecret({ name: secretName("x") }, NO_RETRY))).toBe(13);
    emu.faults.rates.RESOURCE_EXHAUSTED = 1;
    emu.faults.methods = ["CreateSecret"];
    expect(await code(create("Q"))).toBe(8);
    expect(await code(client.getSecret({ name: secretName("x") }, NO_RETRY))).toBe(5);
  });

  test("the write quota refuses writes over N per second with RESOURCE_EXHAUSTED", async () => {
    emu.faults.writeQuotaPerSecond = 3;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => code(create(`W${i}`))));
    expect(results.filter((c) => c === undefined)).toHaveLength(3);
    expect(results.filter((c) => c === 8)).toHaveLength(3);
    expect(emu.quotaRefusals()).toBe(3);
    expect(await code(client.listSecrets({ parent }, { autoPaginate: false, ...NO_RETRY }))).toBeUndefined();
  });

  test("a dropped connection is UNAVAILABLE; a lost response still applied the write; the client recovers", async () => {
    emu.faults.queue.push({ kind: "drop" });
    expect(await code(client.listSecrets({ parent }, { autoPaginate: false, ...NO_RETRY }))).toBe(14);
    emu.faults.queue.push({ kind: "lose-response", method: "CreateSecret" });
    expect(await code(create("LOST"))).toBe(14);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [secret] = await client.getSecret({ name: secretName("LOST") }, NO_RETRY);
    expect(secret.name).toContain("LOST");
  });

  test("latency and hangs: a hung call ends at the client's deadline", async () => {
    emu.faults.queue.push({ kind: "hang", method: "GetSecret" });
    expect(await code(client.getSecret({ name: secretName("x") }, { ...NO_RETRY, timeout: 200 }))).toBe(4);
    emu.faults.latencyMs = 30;
    expect(await code(client.getSecret({ name: secretName("x") }, NO_RETRY))).toBe(5);
    expect(emu.deadlines.at(-1)!.ms).toBeLessThanOrEqual(5_000);
  });
});
