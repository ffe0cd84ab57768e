/**
 * The real @google-cloud/secret-manager client pointed at the emulator: insecure channel credentials
 * from the same grpc-js copy google-gax uses, and `universeDomain` set so no credential lookup or
 * metadata-server probe happens.
 */
import { SecretManagerServiceClient } from "@google-cloud/secret-manager";
import { createBackoffSettings, createRetryOptions, grpc } from "google-gax";

/** A client for the emulator on `port`. */
export function emulatorClient(port: number): SecretManagerServiceClient {
  return new SecretManagerServiceClient({
    apiEndpoint: "127.0.0.1",
    port,
    sslCreds: grpc.credentials.createInsecure(),
    universeDomain: "googleapis.com",
    "grpc.initial_reconnect_backoff_ms": 50,
    "grpc.max_reconnect_backoff_ms": 100,
  });
}

/** Per-call options with no retry, so a fault test sees each injected status as is. */
export const NO_RETRY = {
  timeout: 5_000,
  retry: createRetryOptions([], createBackoffSettings(10, 1, 10, 5_000, 1, 5_000, 5_000)),
};
