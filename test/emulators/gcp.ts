/**
 * An in-process Google Cloud Secret Manager emulator: a real gRPC server (the
 * `google.cloud.secretmanager.v1.SecretManagerService` definition from the .proto files that ship in
 * the client package, plus google-gax's google/api, iam, rpc and protobuf protos) on a random
 * loopback port, behind a TCP relay that can drop connections.
 *
 *   const emu = await startGcpEmulator();
 *   new SecretManagerServiceClient({ apiEndpoint: "127.0.0.1", port: emu.grpcPort,
 *     sslCreds: grpc.credentials.createInsecure(), universeDomain: "googleapis.com" });
 *   emu.faults.rates.RESOURCE_EXHAUSTED = 0.3;   // per test; emu.reset() clears state and faults
 *
 * Served: CreateSecret, AddSecretVersion, AccessSecretVersion, GetSecret, GetSecretVersion,
 * ListSecrets, ListSecretVersions, UpdateSecret, DeleteSecret, Disable/Enable/DestroySecretVersion.
 * Names in answers carry the project *number*, as Google's do.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { type FaultAction, FaultPlanner, type GcpFaults, noFaults } from "./gcp-faults.js";
import { EmuError, GcpStore } from "./gcp-store.js";
import { startTcpProxy } from "./tcp-proxy.js";

export type { GcpFaults } from "./gcp-faults.js";

export interface GcpEmulator {
  /** Port of the relay clients connect to (127.0.0.1). */
  grpcPort: number;
  /** `127.0.0.1:<port>`, the form DOTSECRETS_GCP_ENDPOINT takes. */
  endpoint: string;
  /** The gRPC server itself, without the relay (no dropped connections there): for benchmarks. */
  directEndpoint: string;
  /** Mutable fault settings; replaced by reset(). */
  faults: GcpFaults;
  state: GcpStore;
  /** Calls received per method (faulted ones included). */
  calls: Record<string, number>;
  /** Per call: method and the deadline the client set (ms from receipt; Infinity when none). */
  deadlines: Array<{ method: string; ms: number }>;
  /** Calls refused by the write quota since the last reset. */
  quotaRefusals(): number;
  /** Total calls since the last reset. */
  totalCalls(): number;
  /** Drops every live client connection now. */
  dropConnections(): void;
  /** Clears secrets, faults, counts. */
  reset(): void;
  close(): Promise<void>;
}

const METHODS = {
  CreateSecret: "createSecret",
  AddSecretVersion: "addSecretVersion",
  AccessSecretVersion: "accessSecretVersion",
  GetSecret: "getSecret",
  GetSecretVersion: "getSecretVersion",
  ListSecrets: "listSecrets",
  ListSecretVersions: "listSecretVersions",
  UpdateSecret: "updateSecret",
  DeleteSecret: "deleteSecret",
  DisableSecretVersion: "disableSecretVersion",
  EnableSecretVersion: "enableSecretVersion",
  DestroySecretVersion: "destroySecretVersion",
} as const satisfies Record<string, keyof GcpStore>;

/** The service definition, loaded from the protos the client package ships. */
function loadService(): grpc.ServiceDefinition {
  const require = createRequire(import.meta.url);
  const smMain = require.resolve("@google-cloud/secret-manager");
  const smProtos = join(dirname(smMain), "..", "protos");
  const gaxMain = createRequire(smMain).resolve("google-gax");
  const gaxProtos = join(dirname(gaxMain), "..", "..", "build", "protos");
  const definition = protoLoader.loadSync("google/cloud/secretmanager/v1/service.proto", {
    includeDirs: [smProtos, gaxProtos],
    longs: String,
    enums: String,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    google: {
      cloud: { secretmanager: { v1: { SecretManagerService: { service: grpc.ServiceDefinition } } } };
    };
  };
  return loaded.google.cloud.secretmanager.v1.SecretManagerService.service;
}

/** Starts the emulator on a random loopback port. Throws when the port cannot be bound. */
export async function startGcpEmulator(): Promise<GcpEmulator> {
  const state = new GcpStore();
  let faults = noFaults();
  const planner = new FaultPlanner(() => faults);
  let calls: Record<string, number> = {};
  const deadlines: GcpEmulator["deadlines"] = [];
  const hung = new Set<() => void>();
  let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;

  const server = new grpc.Server();
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const [method, op] of Object.entries(METHODS)) {
    handlers[op] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      calls[method] = (calls[method] ?? 0) + 1;
      const deadline = call.getDeadline();
      const ms = (deadline instanceof Date ? deadline.getTime() : Number(deadline)) - Date.now();
      deadlines.push({ method, ms: Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY });
      void act(planner.decide(method), method, op, call.request, callback);
    };
  }

  async function act(
    action: FaultAction,
    method: string,
    op: (typeof METHODS)[keyof typeof METHODS],
    request: unknown,
    callback: grpc.sendUnaryData<unknown>,
  ): Promise<void> {
    if (action.kind === "hang") {
      // Never answered; released (as UNAVAILABLE) when the emulator closes.
      hung.add(() => callback({ code: grpc.status.UNAVAILABLE, details: "emulator closed" }));
      return;
    }
    if (action.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, action.delayMs));
    if (action.kind === "drop") return proxy!.dropAll();
    if (action.kind === "status") return callback({ code: action.code, details: action.message });
    let answer: unknown;
    try {
      answer = (state[op] as (r: unknown) => unknown).call(state, request);
    } catch (error) {
      if (error instanceof EmuError) return callback({ code: error.code, details: error.message });
      return callback({ code: grpc.status.INTERNAL, details: `emulator bug in ${method}` });
    }
    if (action.loseResponse) return proxy!.dropAll();
    callback(null, answer);
  }

  server.addService(loadService(), handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  proxy = await startTcpProxy(port);
  const relay = proxy;

  const emulator: GcpEmulator = {
    grpcPort: relay.port,
    endpoint: `127.0.0.1:${relay.port}`,
    directEndpoint: `127.0.0.1:${port}`,
    get faults() {
      return faults;
    },
    set faults(next) {
      faults = next;
    },
    state,
    get calls() {
      return calls;
    },
    deadlines,
    quotaRefusals: () => planner.quotaRefusals,
    totalCalls: () => Object.values(calls).reduce((a, b) => a + b, 0),
    dropConnections: () => relay.dropAll(),
    reset() {
      state.reset();
      faults = noFaults();
      planner.reset();
      calls = {};
      deadlines.length = 0;
    },
    async close() {
      for (const release of hung) release();
      hung.clear();
      await relay.close();
      server.forceShutdown();
    },
  };
  return emulator;
}
