import { timingSafeEqual } from "node:crypto";
import { hmacSha256, parseSha256Header } from "../signatures";

export interface GenericSignature {
  /** `X-Signature` header value. */
  signature: string;
  /** `X-Timestamp` header value (epoch seconds). */
  timestamp: string;
}

function genericMac(rawBody: Buffer, timestamp: string, secret: string): Buffer {
  // Binding the timestamp into the MAC is what makes the freshness check
  // meaningful: a replayed body can't be paired with a new timestamp.
  return hmacSha256(secret, Buffer.from(`${timestamp}.`, "utf8"), rawBody);
}

function toEpochSeconds(now: Date | number): number {
  return Math.floor((now instanceof Date ? now.getTime() : now) / 1000);
}

/** Signs an outgoing generic webhook. `now` is a Date or epoch milliseconds. */
export function signGeneric(rawBody: Buffer | string, secret: string, now: Date | number = Date.now()): GenericSignature {
  const timestamp = String(toEpochSeconds(now));
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  return { signature: `sha256=${genericMac(body, timestamp, secret).toString("hex")}`, timestamp };
}

/**
 * Verifies `X-Signature: sha256=<hex hmac("<ts>.<raw body>")>` and
 * `X-Timestamp` (epoch seconds), rejecting timestamps more than
 * `toleranceSeconds` in the past or the future. `now` is a Date or epoch ms.
 */
export function verifyGenericSignature(
  rawBody: Buffer,
  signatureHeader: string | undefined,
  timestampHeader: string | undefined,
  secret: string,
  now: Date | number = Date.now(),
  toleranceSeconds = 300,
): boolean {
  if (!Buffer.isBuffer(rawBody) || typeof secret !== "string" || secret.length === 0) return false;
  if (typeof timestampHeader !== "string" || !/^\d{1,12}$/.test(timestampHeader.trim())) return false;
  const timestamp = timestampHeader.trim();
  if (Math.abs(toEpochSeconds(now) - Number(timestamp)) > toleranceSeconds) return false;
  const received = parseSha256Header(signatureHeader);
  if (!received) return false;
  return timingSafeEqual(received, genericMac(rawBody, timestamp, secret));
}
