import type { DataSource } from "typeorm";
import { ApiKey } from "../../entities/api-key";
import { User } from "../../entities/user";
import { WebVisitor } from "../../entities/web-visitor";
import { Inbox } from "../../entities/inbox";
import { VISITOR_ROLE, type Principal } from "../../context";
import { sha256Hex } from "../../infra/crypto";
import type { AccessTokens } from "./tokens";

export const API_KEY_PREFIX = "atd_";
/** Web chat visitor tokens (one conversation each). */
export const VISITOR_TOKEN_PREFIX = "atv_";

/** Resolves `Authorization: Bearer …` (user JWT, integrator API key or web chat visitor token) to a principal. */
export class Authenticator {
  constructor(private readonly ds: DataSource, private readonly tokens: AccessTokens) {}

  async fromAuthorization(header: unknown): Promise<Principal | null> {
    if (typeof header !== "string") return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match ? this.fromToken(match[1]!) : null;
  }

  async fromToken(token: string): Promise<Principal | null> {
    if (token.startsWith(API_KEY_PREFIX)) return this.fromApiKey(token);
    if (token.startsWith(VISITOR_TOKEN_PREFIX)) return this.fromVisitorToken(token);
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

  /** A visitor's token opens its one session while it is valid and its inbox is enabled. */
  private async fromVisitorToken(token: string): Promise<Principal | null> {
    const visitor = await this.ds.manager.findOne(WebVisitor, { where: { tokenHash: sha256Hex(token) } });
    if (!visitor || visitor.revokedAt || visitor.expiresAt.getTime() <= Date.now()) return null;
    const inbox = await this.ds.manager.findOne(Inbox, { where: { id: visitor.inboxId }, select: { id: true, disabledAt: true } });
    if (!inbox || inbox.disabledAt) return null;
    return { kind: "visitor", id: visitor.id, userId: null, tenantId: visitor.tenantId, role: VISITOR_ROLE, sessionId: visitor.sessionId };
  }
}
