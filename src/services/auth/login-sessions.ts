import crypto from "node:crypto";
import { IsNull, MoreThan, type EntityManager } from "typeorm";
import { AuthSession } from "../../entities/auth-session";
import { RefreshToken } from "../../entities/refresh-token";
import type { User } from "../../entities/user";
import { requirePrincipal, type RequestContext } from "../../context";
import { randomToken, sha256Hex } from "../../infra/crypto";
import { Errors } from "../../schema/errors";
import { isUuid } from "../scoped";
import type { AccessTokens } from "./tokens";
import type { Revocations } from "./revocations";

export interface AuthPayloadData { accessToken: string; refreshToken: string; accessTokenExpiresAt: Date; user: User }

/**
 * Login sessions (one per device): a login starts one; its refresh tokens rotate
 * within it and every access token carries its id (`sid`), so revoking the session
 * ends the refresh family, the access tokens and the sockets opened with them.
 */
export class LoginSessions {
  constructor(private readonly tokens: AccessTokens, readonly revocations: Revocations, private readonly refreshTtlDays: number) {}

  /** New session + first token pair (login, sign-up, password reset). */
  async start(em: EntityManager, ctx: RequestContext, user: User): Promise<AuthPayloadData> {
    const session = await em.save(em.create(AuthSession, {
      tenantId: user.tenantId, userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 300) ?? null, expiresAt: this.refreshExpiry(),
    }));
    return this.issue(em, user, session.id);
  }

  /** Next token pair of an existing session (refresh). */
  async issue(em: EntityManager, user: User, sessionId: string): Promise<AuthPayloadData> {
    const { token: accessToken, expiresAt } = await this.tokens.sign({ userId: user.id, tenantId: user.tenantId, role: user.role, sessionId });
    const refreshToken = randomToken(32);
    const refreshExpiry = this.refreshExpiry();
    await em.insert(RefreshToken, { userId: user.id, familyId: sessionId, tokenHash: sha256Hex(refreshToken), expiresAt: refreshExpiry });
    await em.update(AuthSession, { id: sessionId }, { lastUsedAt: new Date(), expiresAt: refreshExpiry });
    return { accessToken, refreshToken, accessTokenExpiresAt: expiresAt, user };
  }

  /** The look of a sign-in for an identity that must not get one (same shape, nothing behind it). */
  async inert(user: User): Promise<AuthPayloadData> {
    const { token, expiresAt } = await this.tokens.sign({ userId: user.id, tenantId: user.tenantId, role: user.role, sessionId: crypto.randomUUID() });
    return { accessToken: token, refreshToken: randomToken(32), accessTokenExpiresAt: expiresAt, user };
  }

  isActive(em: EntityManager, sessionId: string): Promise<boolean> {
    return em.exists(AuthSession, { where: { id: sessionId, revokedAt: IsNull() } });
  }

  /** The caller's open sessions, most recently used first. */
  mine(ctx: RequestContext): Promise<AuthSession[]> {
    const p = requirePrincipal(ctx);
    if (!p.userId) throw Errors.forbidden("Chaves de API não têm sessões de login.");
    return ctx.em.find(AuthSession, { where: { userId: p.userId, tenantId: p.tenantId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) }, order: { lastUsedAt: "DESC", id: "DESC" } });
  }

  async revokeMine(ctx: RequestContext, id: string): Promise<boolean> {
    const p = requirePrincipal(ctx);
    if (!p.userId) throw Errors.forbidden("Chaves de API não têm sessões de login.");
    const found = isUuid(id) ? await ctx.em.findOne(AuthSession, { where: { id, userId: p.userId, revokedAt: IsNull() } }) : null;
    if (!found) throw Errors.notFound("Sessão");
    await this.revoke(ctx.em, { ids: [found.id] });
    await this.revocations.publish(ctx, { tenantId: p.tenantId, userId: p.userId, reason: "session_revoked" });
    return true;
  }

  /** Ends every session of a user (optionally keeping one: the caller's own). Publishing is the caller's job. */
  async revokeAllOf(em: EntityManager, userId: string, keep?: string | null): Promise<void> {
    const qb = em.createQueryBuilder().update(AuthSession).set({ revokedAt: () => "now()" }).where("user_id = :userId AND revoked_at IS NULL", { userId });
    if (keep) qb.andWhere("id <> :keep", { keep });
    await qb.execute();
    const rt = em.createQueryBuilder().update(RefreshToken).set({ revokedAt: () => "now()" }).where("user_id = :userId AND revoked_at IS NULL", { userId });
    if (keep) rt.andWhere("family_id <> :keep", { keep });
    await rt.execute();
  }

  /**
   * Tells every process that `userId`'s sessions changed (logout, refresh-token reuse):
   * open sockets re-check and cached credential checks are dropped. Call after the commit.
   */
  async announce(userId: string, reason: string, em: EntityManager): Promise<void> {
    const rows: Array<{ tenant_id: string }> = await em.query(`SELECT tenant_id FROM users WHERE id = $1`, [userId]);
    if (rows[0]) await this.revocations.publish({ em, afterCommit: [] }, { tenantId: rows[0].tenant_id, userId, reason });
  }

  /** Ends the given sessions (families) and their refresh tokens. */
  async revoke(em: EntityManager, by: { ids: string[] }): Promise<void> {
    if (!by.ids.length) return;
    await em.createQueryBuilder().update(AuthSession).set({ revokedAt: () => "now()" }).where("id IN (:...ids) AND revoked_at IS NULL", { ids: by.ids }).execute();
    await em.createQueryBuilder().update(RefreshToken).set({ revokedAt: () => "now()" }).where("family_id IN (:...ids) AND revoked_at IS NULL", { ids: by.ids }).execute();
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.refreshTtlDays * 86_400_000);
  }
}
