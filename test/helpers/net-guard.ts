/**
 * Refuses every outgoing connection that is not to loopback (or a local socket path), so no test
 * can reach the network by accident: an SDK probing 169.254.169.254 for credentials, a DNS name
 * that resolves outside, a forgotten endpoint. The connection fails at once with an error, and
 * `takeViolations()` (checked after each test by test/setup.ts) makes the test fail too.
 */
import net from "node:net";

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3}|\[::1\])$/i;
const violations: string[] = [];
let installed = false;

/** True when `host` names this machine's loopback interface. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host === undefined || host === "" || LOOPBACK.test(host);
}

/** Returns and clears the refused connection targets seen since the last call. */
export function takeViolations(): string[] {
  return violations.splice(0, violations.length);
}

/** Patches net.Socket#connect once per process (every client, http, tls and undici go through it). */
export function installNetGuard(): void {
  if (installed) return;
  installed = true;
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = targetOf(args);
    if (target !== undefined && !isLoopbackHost(target.host)) {
      const where = `${target.host}:${target.port ?? "?"}`;
      violations.push(where);
      process.nextTick(() => this.destroy(new Error(`net-guard: tests may not connect to ${where}`)));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
}

function targetOf(args: unknown[]): { host?: string; port?: unknown } | undefined {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // net.connect passes its normalized [options, cb]
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return { host: typeof args[1] === "string" ? args[1] : undefined, port: first };
  }
  if (typeof first === "string") return undefined; // a unix socket or pipe path
  if (first && typeof first === "object") {
    const options = first as { host?: string; port?: unknown; path?: string };
    if (options.path !== undefined && options.port === undefined) return undefined;
    return { host: options.host, port: options.port };
  }
  return undefined;
}
