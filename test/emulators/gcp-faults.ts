/**
 * Fault injection for the GCP emulator, set per test: status-code rates, latency, dropped
 * connections, lost responses, hangs, a one-shot queue, and a write quota like the project's
 * "write requests per minute" (scaled to a per-second window so tests stay short).
 */
import { status } from "@grpc/grpc-js";

export type FaultCode =
  | "RESOURCE_EXHAUSTED"
  | "UNAVAILABLE"
  | "INTERNAL"
  | "DEADLINE_EXCEEDED"
  | "PERMISSION_DENIED"
  | "UNAUTHENTICATED";

export type QueuedFault =
  | { kind: "status"; code: FaultCode; method?: string }
  | { kind: "drop"; method?: string }
  | { kind: "lose-response"; method?: string }
  | { kind: "hang"; method?: string }
  | { kind: "delay"; ms: number; method?: string };

/** What the server does with one call. */
export type FaultAction =
  | { kind: "serve"; delayMs: number; loseResponse: boolean }
  | { kind: "status"; delayMs: number; code: status; message: string }
  | { kind: "drop"; delayMs: number }
  | { kind: "hang" };

export interface GcpFaults {
  /** Probability (0..1) per call of answering with this status instead of serving the call. */
  rates: Partial<Record<FaultCode, number>>;
  /** Methods (e.g. "AddSecretVersion") that rates, latency and drops apply to; all when unset. */
  methods: string[] | undefined;
  /** Added to every call before it is served. */
  latencyMs: number;
  /** Probability per call of dropping every connection instead of answering. */
  dropRate: number;
  /** Probability per write of applying it and then dropping the connection (the answer is lost). */
  loseResponseRate: number;
  /** Writes accepted per rolling second; above it, RESOURCE_EXHAUSTED. Unset: no quota. */
  writeQuotaPerSecond: number | undefined;
  /** One-shot faults, consumed in order by the next matching calls (before the rates apply). */
  queue: QueuedFault[];
  /** Source of randomness for the rates (tests may make it deterministic). */
  random: () => number;
}

export const WRITE_METHODS = new Set([
  "CreateSecret",
  "AddSecretVersion",
  "UpdateSecret",
  "DeleteSecret",
  "DisableSecretVersion",
  "EnableSecretVersion",
  "DestroySecretVersion",
]);

/** Fresh fault settings: no faults. */
export function noFaults(): GcpFaults {
  return {
    rates: {},
    methods: undefined,
    latencyMs: 0,
    dropRate: 0,
    loseResponseRate: 0,
    writeQuotaPerSecond: undefined,
    queue: [],
    random: Math.random,
  };
}

/** Decides calls' fates; keeps the write-quota window. */
export class FaultPlanner {
  private writes: number[] = [];
  /** Calls refused by the write quota, for assertions. */
  quotaRefusals = 0;

  constructor(readonly faults: () => GcpFaults) {}

  reset(): void {
    this.writes = [];
    this.quotaRefusals = 0;
  }

  /** The action for one call of `method`. */
  decide(method: string): FaultAction {
    const f = this.faults();
    const index = f.queue.findIndex((q) => q.method === undefined || q.method === method);
    if (index >= 0) {
      const [queued] = f.queue.splice(index, 1);
      if (queued!.kind === "delay") return { kind: "serve", delayMs: queued!.ms, loseResponse: false };
      if (queued!.kind === "hang") return { kind: "hang" };
      if (queued!.kind === "drop") return { kind: "drop", delayMs: 0 };
      if (queued!.kind === "lose-response") return { kind: "serve", delayMs: 0, loseResponse: true };
      return { kind: "status", delayMs: 0, code: status[queued!.code], message: "injected fault" };
    }
    const applies = f.methods === undefined || f.methods.includes(method);
    const delayMs = applies ? f.latencyMs : 0;
    if (applies) {
      let roll = f.random();
      for (const [name, rate] of Object.entries(f.rates) as Array<[FaultCode, number]>) {
        if (roll < rate) return { kind: "status", delayMs, code: status[name], message: "injected fault" };
        roll -= rate;
      }
      if (f.dropRate > 0 && f.random() < f.dropRate) return { kind: "drop", delayMs };
    }
    const isWrite = WRITE_METHODS.has(method);
    if (isWrite && f.writeQuotaPerSecond !== undefined) {
      const now = Date.now();
      this.writes = this.writes.filter((at) => now - at < 1000);
      if (this.writes.length >= f.writeQuotaPerSecond) {
        this.quotaRefusals++;
        return {
          kind: "status",
          delayMs,
          code: status.RESOURCE_EXHAUSTED,
          message: "Quota exceeded for quota metric 'Write requests'",
        };
      }
      this.writes.push(now);
    }
    const loseResponse = applies && isWrite && f.loseResponseRate > 0 && f.random() < f.loseResponseRate;
    return { kind: "serve", delayMs, loseResponse };
  }
}
