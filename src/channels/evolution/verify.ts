import { errors as joseErrors, jwtVerify, type JWTPayload } from "jose";

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
