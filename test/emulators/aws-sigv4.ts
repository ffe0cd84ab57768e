/**
 * SigV4 verification for the AWS emulator: recomputes the signature of a request with the known
 * fake secret key and compares, so a client with the wrong key, region or service is refused the
 * way AWS refuses it. Only what the JS SDK sends for `POST /` is covered (no query string, no
 * presigned URLs, no chunked payload signing).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export interface SigV4Expectation {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

/** Returns why the request's signature is not valid for `expected`, or undefined when it is. */
export function verifySigV4(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  expected: SigV4Expectation,
): string | undefined {
  const auth = header(headers, "authorization");
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!match) return "missing or malformed authorization header";
  const [, keyId, date, region, service, signedList, signature] = match as unknown as string[];
  if (keyId !== expected.accessKeyId) return "unknown access key";
  if (region !== expected.region) return `credential scope region ${region} is not ${expected.region}`;
  if (service !== expected.service) return `credential scope service ${service} is not ${expected.service}`;
  const amzDate = header(headers, "x-amz-date");
  if (!amzDate.startsWith(date!)) return "x-amz-date does not match the credential scope date";
  const signed = signedList!.split(";");
  if (!signed.includes("host") || !signed.includes("x-amz-date")) return "host and x-amz-date must be signed";
  const payloadHash = sha256(body);
  const declared = header(headers, "x-amz-content-sha256");
  if (declared && declared !== payloadHash) return "x-amz-content-sha256 does not match the body";
  const canonicalHeaders = signed.map(
    (name) => `${name}:${header(headers, name).trim().replace(/\s+/g, " ")}\n`,
  );
  const canonical = [method, path, "", canonicalHeaders.join(""), signedList, payloadHash].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  let key: Buffer = hmac(`AWS4${expected.secretAccessKey}`, date!);
  for (const part of [region!, service!, "aws4_request"]) key = hmac(key, part);
  const want = createHmac("sha256", key).update(toSign).digest();
  const got = Buffer.from(signature!, "hex");
  return got.length === want.length && timingSafeEqual(got, want) ? undefined : "signature mismatch";
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}
