import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Constant-time equality for secrets. Both sides are hashed first so the
 * comparison time doesn't reveal the expected length either.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  if (a == null || b == null) return false;
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

const SHA256_HEADER = /^sha256=([0-9a-fA-F]{64})$/;

export function hmacSha256(secret: string | Buffer, ...parts: Buffer[]): Buffer {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Parses "sha256=<64 hex>" into bytes; null for anything else. */
export function parseSha256Header(header: string | undefined | null): Buffer | null {
  if (typeof header !== "string") return null;
  const match = SHA256_HEADER.exec(header.trim());
  return match ? Buffer.from(match[1]!, "hex") : null;
}
