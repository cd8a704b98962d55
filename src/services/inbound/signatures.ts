import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { errors as joseErrors, jwtVerify, type JWTPayload } from "jose";

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

function hmacSha256(secret: string | Buffer, ...parts: Buffer[]): Buffer {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Parses "sha256=<64 hex>" into bytes; null for anything else. */
function parseSha256Header(header: string | undefined | null): Buffer | null {
  if (typeof header !== "string") return null;
  const match = SHA256_HEADER.exec(header.trim());
  return match ? Buffer.from(match[1]!, "hex") : null;
}

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

// ---------------------------------------------------------------- generic

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

// ---------------------------------------------------------------- Evolution JWT

export type EvolutionJwtResult =
  | { valid: true; claims: JWTPayload }
  | { valid: false; reason: "missing" | "malformed" | "bad_signature" | "expired" | "bad_claims" | "bad_algorithm" };

export interface EvolutionJwtOptions {
  /** Clock override for tests; defaults to now. */
  now?: Date;
  clockToleranceSeconds?: number;
}

/**
 * Evolution's optional webhook JWT (HS256, `exp` = iat+600, claims app/action).
 * It isn't bound to the body, so it only proves the sender knows the key.
 * Returns a reason on failure for logging; see verifyEvolutionJwt for a boolean.
 */
export async function checkEvolutionJwt(
  authorizationHeader: string | undefined,
  key: string,
  options: EvolutionJwtOptions = {},
): Promise<EvolutionJwtResult> {
  if (typeof authorizationHeader !== "string" || typeof key !== "string" || key.length === 0) {
    return { valid: false, reason: "missing" };
  }
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(authorizationHeader.trim());
  if (!match) return { valid: false, reason: "malformed" };
  try {
    const { payload } = await jwtVerify(match[1]!, new TextEncoder().encode(key), {
      algorithms: ["HS256"], // pins the algorithm: "none" and RS/ES confusion are refused
      requiredClaims: ["exp"],
      currentDate: options.now,
      clockTolerance: options.clockToleranceSeconds ?? 5,
    });
    if (payload.app !== "evolution" || payload.action !== "webhook") return { valid: false, reason: "bad_claims" };
    return { valid: true, claims: payload };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { valid: false, reason: "expired" };
    if (error instanceof joseErrors.JOSEAlgNotAllowed) return { valid: false, reason: "bad_algorithm" };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { valid: false, reason: "bad_signature" };
    if (error instanceof joseErrors.JWTClaimValidationFailed) return { valid: false, reason: "bad_claims" };
    return { valid: false, reason: "malformed" };
  }
}

export async function verifyEvolutionJwt(
  authorizationHeader: string | undefined,
  key: string,
  options: EvolutionJwtOptions = {},
): Promise<boolean> {
  return (await checkEvolutionJwt(authorizationHeader, key, options)).valid;
}
