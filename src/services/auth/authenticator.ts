import type { DataSource } from "typeorm";
import { ApiKey } from "../../entities/api-key";
import { User } from "../../entities/user";
import type { Principal } from "../../context";
import { sha256Hex } from "../../infra/crypto";
import type { AccessTokens } from "./tokens";

export const API_KEY_PREFIX = "atd_";

/** Resolves `Authorization: Bearer …` (user JWT or integrator API key) to a principal. */
export class Authenticator {
  constructor(private readonly ds: DataSource, private readonly tokens: AccessTokens) {}

  async fromAuthorization(header: unknown): Promise<Principal | null> {
    if (typeof header !== "string") return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match ? this.fromToken(match[1]!) : null;
  }

  async fromToken(token: string): Promise<Principal | null> {
    if (token.startsWith(API_KEY_PREFIX)) return this.fromApiKey(token);
    const claims = await this.tokens.verify(token);
    if (!claims) return null;
    // Role and deactivation are read fresh: a demoted or removed user loses access at once.
    const user = await this.ds.manager.findOne(User, { where: { id: claims.userId }, select: { id: true, tenantId: true, role: true, deactivatedAt: true } });
    if (!user || user.deactivatedAt || user.tenantId !== claims.tenantId) return null;
    return { kind: "user", id: user.id, userId: user.id, tenantId: user.tenantId, role: user.role };
  }

  private async fromApiKey(token: string): Promise<Principal | null> {
    const key = await this.ds.manager.findOne(ApiKey, { where: { tokenHash: sha256Hex(token) } });
    if (!key || key.revokedAt) return null;
    // lastUsedAt at minute granularity: no write per request.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      void this.ds.manager.update(ApiKey, { id: key.id }, { lastUsedAt: new Date() }).catch(() => undefined);
    }
    return { kind: "apiKey", id: key.id, userId: null, tenantId: key.tenantId, role: key.role };
  }
}
