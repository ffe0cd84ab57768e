/**
 * An in-process AWS Secrets Manager emulator speaking AWS JSON 1.1 on a random loopback port, for
 * the real `@aws-sdk/client-secrets-manager` client pointed at `endpoint`.
 *
 *   const emu = await startAwsEmulator();          // before all
 *   emu.reset();                                    // before each: state, faults, counters
 *   emu.faults.throttleRate = 0.3;                  // per test
 *   emu.faults.queue.push({ kind: "reset" });       // next matching request only
 *   await emu.close();                              // after all
 *
 * Every request must be SigV4-signed with AWS_EMULATOR_CREDENTIALS for `region`, or it gets
 * InvalidSignatureException / UnrecognizedClientException. Writes (CreateSecret, PutSecretValue)
 * above `writesPerSecond` in any sliding second get ThrottlingException, as the real service does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { verifySigV4 } from "./aws-sigv4.js";
import { AwsError, AwsSecretStore } from "./aws-store.js";

/** The fake credentials the emulator accepts. Not credential-shaped on purpose. */
export const AWS_EMULATOR_CREDENTIALS = { accessKeyId: "AKIDEMULATOR", secretAccessKey: "emulator-secret" };

export type AwsOp =
  | "CreateSecret"
  | "PutSecretValue"
  | "GetSecretValue"
  | "BatchGetSecretValue"
  | "DescribeSecret"
  | "ListSecrets"
  | "ListSecretVersionIds"
  | "DeleteSecret"
  | "RestoreSecret"
  | "TagResource"
  | "UpdateSecret";

export type FaultKind = "throttle" | "internal" | "html503" | "reset" | "hang" | "delay" | "denied" | "lose";

/** A one-shot fault for the next request matching `op` (any op when absent). */
export interface QueuedFault {
  kind: FaultKind;
  op?: AwsOp;
  /** For `delay`: milliseconds added before the request is handled normally. */
  ms?: number;
}

export interface FaultSettings {
  /** Fraction of requests answered with ThrottlingException (400). */
  throttleRate: number;
  /** Fraction of requests answered with a 5xx: half InternalServiceError JSON, half HTML 503. */
  serverErrorRate: number;
  /** Fraction of requests whose connection is reset before any answer. */
  resetRate: number;
  /** Milliseconds added to every request. */
  latencyMs: number;
  /** Ops the random faults apply to (all when empty). */
  ops: AwsOp[];
  /** Ops answered with AccessDeniedException, always (an identity without that permission). */
  denied: AwsOp[];
  queue: QueuedFault[];
}

export interface AwsEmulator {
  endpoint: string;
  region: string;
  store: AwsSecretStore;
  faults: FaultSettings;
  /** Requests received per op, faulted ones included. */
  calls: Partial<Record<AwsOp, number>>;
  /** Requests answered with each fault kind or error type. */
  faulted: Record<string, number>;
  /** Writes-per-second quota; 0 turns it off. */
  writesPerSecond: number;
  /** Total requests received (any op). */
  totalCalls(): number;
  /** Clears secrets, faults, counters, quota window and clock offset. */
  reset(): void;
  close(): Promise<void>;
}

export interface AwsEmulatorOptions {
  region?: string;
  writesPerSecond?: number;
  /** Seed of the fault dice, so a failing test replays the same faults. */
  seed?: number;
  maxVersions?: number;
}

const OPS: Record<AwsOp, keyof AwsSecretStore> = {
  CreateSecret: "createSecret",
  PutSecretValue: "putSecretValue",
  GetSecretValue: "getSecretValue",
  BatchGetSecretValue: "batchGetSecretValue",
  DescribeSecret: "describeSecret",
  ListSecrets: "listSecrets",
  ListSecretVersionIds: "listSecretVersionIds",
  DeleteSecret: "deleteSecret",
  RestoreSecret: "restoreSecret",
  TagResource: "tagResource",
  UpdateSecret: "updateSecret",
};
const WRITES = new Set<AwsOp>(["CreateSecret", "PutSecretValue", "UpdateSecret"]);

const noFaults = (): FaultSettings => ({
  throttleRate: 0,
  serverErrorRate: 0,
  resetRate: 0,
  latencyMs: 0,
  ops: [],
  denied: [],
  queue: [],
});

/** Starts the emulator on 127.0.0.1 and a free port. Throws when the port cannot be bound. */
export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const region = options.region ?? "us-east-1";
  const seed = options.seed ?? 42;
  let random = mulberry32(seed);
  let writeTimes: number[] = [];
  const sockets = new Set<Socket>();

  const emu: AwsEmulator = {
    endpoint: "",
    region,
    store: new AwsSecretStore(region, options.maxVersions),
    faults: noFaults(),
    calls: {},
    faulted: {},
    writesPerSecond: options.writesPerSecond ?? 50,
    totalCalls: () => Object.values(emu.calls).reduce((a, b) => a + (b ?? 0), 0),
    reset() {
      emu.store = new AwsSecretStore(region, options.maxVersions);
      emu.faults = noFaults();
      emu.calls = {};
      emu.faulted = {};
      emu.writesPerSecond = options.writesPerSecond ?? 50;
      writeTimes = [];
      random = mulberry32(seed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const count = (what: string) => {
    emu.faulted[what] = (emu.faulted[what] ?? 0) + 1;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const target = String(req.headers["x-amz-target"] ?? "");
    const op = target.startsWith("secretsmanager.") ? (target.slice(15) as AwsOp) : undefined;
    if (req.method !== "POST" || req.url !== "/" || !op || !Object.hasOwn(OPS, op)) {
      return sendError(res, new AwsError("UnknownOperationException", "Unknown operation."));
    }
    emu.calls[op] = (emu.calls[op] ?? 0) + 1;
    const signatureProblem = verifySigV4("POST", "/", req.headers, body, {
      ...AWS_EMULATOR_CREDENTIALS,
      region,
      service: "secretsmanager",
    });
    if (signatureProblem) {
      count("InvalidSignatureException");
      const type =
        signatureProblem === "unknown access key"
          ? "UnrecognizedClientException"
          : "InvalidSignatureException";
      return sendError(
        res,
        new AwsError(type, "The request signature we calculated does not match the signature you provided."),
      );
    }

    const fault = pickFault(op);
    if (emu.faults.latencyMs > 0) await sleep(emu.faults.latencyMs);
    if (fault) {
      count(fault.kind);
      switch (fault.kind) {
        case "delay":
        case "lose": // handled below: the request takes effect, then the answer is lost
          await sleep(fault.ms ?? (fault.kind === "delay" ? 100 : 0));
          break;
        case "hang":
          return; // never answered; the socket stays open until the client gives up or close()
        case "reset":
          req.socket.destroy();
          return;
        case "throttle":
          return sendError(res, new AwsError("ThrottlingException", "Rate exceeded"));
        case "internal":
          return sendError(
            res,
            new AwsError("InternalServiceError", "An error occurred on the server side.", 500),
          );
        case "html503":
          res.writeHead(503, { "content-type": "text/html" });
          res.end("<html><body><h1>503 Service Unavailable</h1></body></html>");
          return;
        case "denied":
          return sendError(
            res,
            new AwsError("AccessDeniedException", `User is not authorized to perform: secretsmanager:${op}`),
          );
      }
    }
    if (WRITES.has(op) && emu.writesPerSecond > 0) {
      const now = Date.now();
      writeTimes = writeTimes.filter((t) => t > now - 1000);
      if (writeTimes.length >= emu.writesPerSecond) {
        count("quota");
        return sendError(res, new AwsError("ThrottlingException", "Rate exceeded"));
      }
      writeTimes.push(now);
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = body.length === 0 ? {} : (JSON.parse(body.toString("utf8")) as Record<string, unknown>);
    } catch {
      return sendError(res, new AwsError("SerializationException", "Malformed JSON."));
    }
    try {
      const method = emu.store[OPS[op]] as (b: Record<string, unknown>) => Record<string, unknown>;
      const result = method.call(emu.store, parsed);
      if (fault?.kind === "lose") {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId() });
      res.end(JSON.stringify(result));
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      count(error.type);
      sendError(res, error);
    }
  }

  function pickFault(op: AwsOp): QueuedFault | undefined {
    const { faults } = emu;
    if (faults.denied.includes(op)) return { kind: "denied" };
    const queued = faults.queue.findIndex((f) => f.op === undefined || f.op === op);
    if (queued >= 0) return faults.queue.splice(queued, 1)[0];
    if (faults.ops.length > 0 && !faults.ops.includes(op)) return undefined;
    const roll = random();
    if (roll < faults.resetRate) return { kind: "reset" };
    if (roll < faults.resetRate + faults.throttleRate) return { kind: "throttle" };
    if (roll < faults.resetRate + faults.throttleRate + faults.serverErrorRate)
      return { kind: random() < 0.5 ? "internal" : "html503" };
    return undefined;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendError(res, new AwsError("InternalServiceError", `emulator bug: ${String(error)}`, 500));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  emu.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return emu;
}

function sendError(res: ServerResponse, error: AwsError): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(error.status, {
    "content-type": "application/x-amz-json-1.1",
    "x-amzn-errortype": error.type,
    "x-amzn-requestid": requestId(),
  });
  res.end(JSON.stringify({ __type: error.type, Message: error.message }));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const requestId = () => crypto.randomUUID();

/** A small seeded PRNG, so fault sequences replay. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
