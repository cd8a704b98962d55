import type { DataSource } from "typeorm";
import { ApiKey } from "../../entities/api-key";
import { WebVisitor } from "../../entities/web-visitor";
import { Inbox } from "../../entities/inbox";
import { VISITOR_ROLE, type Principal } from "../../context";
import { sha256Hex } from "../../infra/crypto";
import { isUuid } from "../../infra/ids";
import { Role } from "../../schema/enums";
import type { AccessTokens, VerifiedClaims } from "./tokens";
import { PrincipalCache } from "./principal-cache";
import type { RevocationEvent, Revocations } from "./revocations";

export const API_KEY_PREFIX = "atd_";
/** Web chat visitor tokens (one conversation each). */
export const VISITOR_TOKEN_PREFIX = "atv_";

/** Why a credential is not (or no longer) valid: `expired` → 4401 on sockets, the rest → 4403. */
export type Lapse = "expired" | "revoked";
export type Check = { principal: Principal; lapse?: undefined } | { principal: null; lapse: Lapse };

interface UserRow { id: string; tenant_id: string; role: Role; deactivated_at: Date | null; totp_enabled_at: Date | null; session_ok: boolean; require_2fa: boolean | null }
interface KeyRow { id: string; tenant_id: string; role: Role; revoked_at: Date | null; last_used_at: Date | null; creator_deactivated: boolean }

/**
 * Resolves `Authorization: Bearer …` (user JWT, integrator API key or web chat visitor
 * token) to a principal,
 * and is the one place that decides whether a principal is still valid: the user is
 * active, its login session not revoked, its role current; the API key not revoked
 * and its creator not deactivated. HTTP requests call `fromAuthorization`; open
 * WebSockets call `revalidate` for every operation and on revocation events.
 */
export class Authenticator {
  /** User checks by `userId:sessionId`, API keys by token hash (see PrincipalCache for why this is safe). */
  private readonly users: PrincipalCache<UserRow>;
  private readonly keys: PrincipalCache<KeyRow>;
  /** Verified JWT claims by token: pure cryptography, valid until the token's own expiry. */
  private readonly verified = new Map<string, VerifiedClaims>();
  private revocations: Revocations | null = null;

  constructor(private readonly ds: DataSource, private readonly tokens: AccessTokens, cacheMs = 0) {
    this.users = new PrincipalCache<UserRow>(cacheMs);
    this.keys = new PrincipalCache<KeyRow>(cacheMs);
  }

  /** A principal's access changed (revocation event, from this process or another): forget the tenant's checks. */
  invalidate(event: Pick<RevocationEvent, "tenantId">): void {
    this.users.invalidateTenant(event.tenantId);
    this.keys.invalidateTenant(event.tenantId);
  }

  /**
   * Drops cached checks on every revocation: this process's own synchronously after
   * the commit, other processes' through pub/sub. Returns the stop function.
   */
  follow(revocations: Revocations): () => Promise<void> {
    this.revocations = revocations;
    revocations.onLocal((e) => this.invalidate(e));
    const abort = new AbortController();
    void (async () => {
      for await (const e of revocations.subscribe(abort.signal)) this.invalidate(e);
    })().catch(() => this.invalidateAll());
    return async () => {
      abort.abort();
      this.invalidateAll();
    };
  }

  private async announceLapse(tenantId: string, userId: string): Promise<void> {
    this.invalidate({ tenantId });
    await this.revocations?.publish({ em: this.ds.manager, afterCommit: [] }, { tenantId, userId, reason: "lapse_observed" }).catch(() => undefined);
  }

  /** Forget every cached check (the event stream was interrupted). */
  invalidateAll(): void {
    this.users.clear();
    this.keys.clear();
  }

  async fromAuthorization(header: unknown): Promise<Principal | null> {
    return (await this.check(header)).principal;
  }

  /** Like `fromAuthorization`, with the reason when there is no principal. */
  async check(header: unknown): Promise<Check> {
    if (typeof header !== "string") return { principal: null, lapse: "revoked" };
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match ? this.checkToken(match[1]!) : { principal: null, lapse: "revoked" };
  }

  async fromToken(token: string): Promise<Principal | null> {
    return (await this.checkToken(token)).principal;
  }

  private async checkToken(token: string): Promise<Check> {
    if (token.startsWith(API_KEY_PREFIX)) return this.apiKey({ tokenHash: sha256Hex(token) });
    if (token.startsWith(VISITOR_TOKEN_PREFIX)) return this.visitor({ tokenHash: sha256Hex(token) });
    const claims = await this.verifyJwt(token);
    if (!claims) return { principal: null, lapse: (await this.tokens.isExpiredButGenuine(token)) ? "expired" : "revoked" };
    return this.user(claims.userId, claims.tenantId, claims.sessionId, claims.expiresAt);
  }

  /**
   * The principal as it stands now (role, 2FA policy), or why it lapsed. `fresh` reads
   * the database (revocation events and sweeps); otherwise a cached check may answer.
   */
  async revalidate(p: Principal, opts: { fresh?: boolean } = {}): Promise<Check> {
    if (p.expiresAt != null && p.expiresAt <= Date.now()) return { principal: null, lapse: "expired" };
    if (p.kind === "apiKey") return this.apiKey({ id: p.id });
    if (p.kind === "visitor") return this.visitor({ id: p.id });
    return this.user(p.id, p.tenantId, p.loginSessionId ?? null, p.expiresAt ?? null, opts.fresh);
  }

  private async verifyJwt(token: string): Promise<VerifiedClaims | null> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expiresAt > Date.now()) return hit;
      this.verified.delete(token);
    }
    const claims = await this.tokens.verify(token);
    if (claims && this.users.enabled) {
      if (this.verified.size >= 50_000) this.verified.clear();
      this.verified.set(token, claims);
    }
    return claims;
  }

  private async user(userId: string, tenantId: string, sessionId: string | null, expiresAt: number | null, fresh = false): Promise<Check> {
    if (!isUuid(userId) || !sessionId || !isUuid(sessionId)) return { principal: null, lapse: "revoked" };
    const key = `${userId}:${sessionId}`;
    const cached = this.users.get(key);
    let u = fresh ? undefined : cached;
    if (!u) {
      const epoch = this.users.epoch();
      u = await this.readUser(userId, sessionId);
      // Only a valid check is kept: a refused one costs a read, as before.
      if (u && !u.deactivated_at && u.session_ok) this.users.set(key, u.tenant_id, u, epoch);
      // A fresh read contradicting the cache: the change happened without an event (made
      // outside the platform). Every process is told, as if it had been announced.
      if (cached && (!u || u.deactivated_at || !u.session_ok || u.role !== cached.role || u.totp_enabled_at !== cached.totp_enabled_at || u.require_2fa !== cached.require_2fa)) {
        await this.announceLapse(tenantId, userId);
      }
    }
    if (!u || u.deactivated_at || u.tenant_id !== tenantId || !u.session_ok) return { principal: null, lapse: "revoked" };
    const twoFactorEnabled = u.totp_enabled_at != null;
    return {
      principal: {
        kind: "user", id: u.id, userId: u.id, tenantId: u.tenant_id, role: u.role, loginSessionId: sessionId, expiresAt, twoFactorEnabled,
        mustEnableTwoFactor: Boolean(u.require_2fa) && !twoFactorEnabled && (u.role === Role.ADMIN || u.role === Role.SUPERVISOR),
      },
    };
  }

  private async readUser(userId: string, sessionId: string): Promise<UserRow | undefined> {
    // One query: the user as it is now, its login session, and the tenant's 2FA policy.
    const rows: UserRow[] = await this.ds.query(
      `SELECT u.id, u.tenant_id, u.role, u.deactivated_at, u.totp_enabled_at,
              EXISTS (SELECT 1 FROM auth_sessions s WHERE s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL) AS session_ok,
              ts.require_two_factor_for_admins AS require_2fa
       FROM users u LEFT JOIN tenant_settings ts ON ts.tenant_id = u.tenant_id
       WHERE u.id = $1`,
      [userId, sessionId],
    );
    return rows[0];
  }

  private async apiKey(by: { tokenHash: string } | { id: string }): Promise<Check> {
    if ("id" in by && !isUuid(by.id)) return { principal: null, lapse: "revoked" };
    // Sockets re-check keys by id (rare): always read. Requests present the token: cached by its hash.
    const cacheKey = "tokenHash" in by ? by.tokenHash : null;
    let key = cacheKey ? this.keys.get(cacheKey) : undefined;
    if (!key) {
      const epoch = this.keys.epoch();
      const where = "id" in by ? "k.id = $1" : "k.token_hash = $1";
      const rows: KeyRow[] = await this.ds.query(
        `SELECT k.id, k.tenant_id, k.role, k.revoked_at, k.last_used_at, (c.deactivated_at IS NOT NULL) AS creator_deactivated
         FROM api_keys k LEFT JOIN users c ON c.id = k.created_by_id WHERE ${where}`,
        ["id" in by ? by.id : by.tokenHash],
      );
      key = rows[0];
      if (cacheKey && key && !key.revoked_at && !key.creator_deactivated) this.keys.set(cacheKey, key.tenant_id, key, epoch);
    }
    // A key made by a user who has been deactivated stops with them (offboarding leaves no backdoor).
    if (!key || key.revoked_at || key.creator_deactivated) return { principal: null, lapse: "revoked" };
    // lastUsedAt at minute granularity: no write per request (the cached row remembers the last write).
    if (!key.last_used_at || Date.now() - new Date(key.last_used_at).getTime() > 60_000) {
      key.last_used_at = new Date();
      void this.ds.manager.update(ApiKey, { id: key.id }, { lastUsedAt: key.last_used_at }).catch(() => undefined);
    }
    return { principal: { kind: "apiKey", id: key.id, userId: null, tenantId: key.tenant_id, role: key.role, expiresAt: null } };
  }

  /** A visitor's token opens its one session while it is valid and its inbox is enabled. */
  private async visitor(by: { tokenHash: string } | { id: string }): Promise<Check> {
    if ("id" in by && !isUuid(by.id)) return { principal: null, lapse: "revoked" };
    const visitor = await this.ds.manager.findOne(WebVisitor, { where: "id" in by ? { id: by.id } : { tokenHash: by.tokenHash } });
    if (!visitor || visitor.revokedAt) return { principal: null, lapse: "revoked" };
    if (visitor.expiresAt.getTime() <= Date.now()) return { principal: null, lapse: "expired" };
    const inbox = await this.ds.manager.findOne(Inbox, { where: { id: visitor.inboxId }, select: { id: true, disabledAt: true } });
    if (!inbox || inbox.disabledAt) return { principal: null, lapse: "revoked" };
    return { principal: { kind: "visitor", id: visitor.id, userId: null, tenantId: visitor.tenantId, role: VISITOR_ROLE, sessionId: visitor.sessionId, expiresAt: visitor.expiresAt.getTime() } };
  }
}
