import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import type { Role } from "../../schema/enums";

const ISSUER = "atende";
const AUDIENCE = "atende-api";
const ALG = "HS256";

export interface AccessClaims { userId: string; tenantId: string; role: Role; sessionId: string }
export interface VerifiedClaims extends Omit<AccessClaims, "sessionId"> { sessionId: string | null; expiresAt: number }

export class AccessTokens {
  private readonly key: Uint8Array;
  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: AccessClaims, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({ tid: claims.tenantId, role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: ALG, typ: "JWT" })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Returns the claims, or null for anything not signed by us with HS256 and still valid. */
  async verify(token: string): Promise<VerifiedClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: [ALG], issuer: ISSUER, audience: AUDIENCE, requiredClaims: ["exp", "sub"] });
      if (typeof payload.sub !== "string" || typeof payload.tid !== "string" || typeof payload.role !== "string") return null;
      return { userId: payload.sub, tenantId: payload.tid, role: payload.role as Role, sessionId: typeof payload.sid === "string" ? payload.sid : null, expiresAt: payload.exp! * 1000 };
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return null;
      throw err;
    }
  }

  /** A token of ours whose only fault is its age (a console should refresh, not log out). */
  async isExpiredButGenuine(token: string): Promise<boolean> {
    try {
      await jwtVerify(token, this.key, { algorithms: [ALG], issuer: ISSUER, audience: AUDIENCE });
      return false;
    } catch (err) {
      return err instanceof joseErrors.JWTExpired;
    }
  }
}
