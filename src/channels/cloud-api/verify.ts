import { timingSafeEqual } from "node:crypto";
import { hmacSha256, parseSha256Header } from "../signatures";

/**
 * Meta's X-Hub-Signature-256: HMAC-SHA256 of the raw request bytes. Must run on
 * the exact bytes received — Meta escapes non-ASCII as \uXXXX, so
 * re-serialising parsed JSON yields a different digest.
 */
export function verifyCloudSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!Buffer.isBuffer(rawBody) || typeof appSecret !== "string" || appSecret.length === 0) return false;
  const received = parseSha256Header(header);
  if (!received) return false;
  return timingSafeEqual(received, hmacSha256(appSecret, rawBody));
}
