import crypto from "node:crypto";
import type { DataSource } from "typeorm";
import { RefreshToken } from "../../entities/refresh-token";
import { Tenant } from "../../entities/tenant";
import { User } from "../../entities/user";
import { inTransaction, type RequestContext } from "../../context";
import { DomainError, Errors } from "../../schema/errors";
import { AgentAvailability, Role } from "../../schema/enums";
import type { SecretBox } from "../../infra/crypto";
import { sha256Hex } from "../../infra/crypto";
import type { AuditService } from "../audit.service";
import { emailOrThrow, requiredText } from "../validation/input";
import { AuthLimits } from "./login-limiter";
import type { AuthPayloadData, LoginSessions } from "./login-sessions";
import { dummyVerify, hashPassword, validatePassword, verifyPassword } from "./passwords";
import { newTotpSecret, totpUri, verifyTotp } from "./totp";

export type { AuthPayloadData };

const INVALID_LOGIN = "E-mail ou senha inválidos.";

/** Notifies the owner of an e-mail that someone tried to sign up with it (when a platform e-mail channel exists). */
export type SignUpNotice = (email: string) => Promise<void>;

export class AuthService {
  /** Set by the e-mail area when the platform can send e-mail; sign-up with a taken address then warns its owner. */
  signUpNotice: SignUpNotice | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly sessions: LoginSessions,
    private readonly limits: AuthLimits,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the company and its first ADMIN. An e-mail that already has an account
   * gets an answer of the same shape and cost (a transient user, tokens that open
   * nothing), so sign-up does not tell who has an account here; its owner is told
   * by e-mail when the platform can send one.
   */
  async signUp(ctx: RequestContext, input: { tenantName: string; name: string; email: string; password: string }): Promise<AuthPayloadData> {
    const tenantName = requiredText("tenantName", input.tenantName, 120, "O nome da empresa");
    const name = requiredText("name", input.name, 120, "O nome");
    const email = emailOrThrow("email", input.email);
    const pwError = validatePassword(input.password, { email, name, tenantName });
    if (pwError) throw Errors.badInput("password", pwError);
    // Counted before the (expensive) hash: a flood of sign-ups costs the server nothing more.
    await AuthLimits.take(this.limits.signupIp, ctx.ip ?? "unknown");
    const passwordHash = await hashPassword(input.password);
    const created = await inTransaction(this.ds, ctx, async (tx) => {
      if (await tx.em.exists(User, { where: { email } })) return null;
      const tenant = await tx.em.save(tx.em.create(Tenant, { name: tenantName }));
      const user = await tx.em.save(
        tx.em.create(User, { tenantId: tenant.id, name, email, role: Role.ADMIN, passwordHash, availability: AgentAvailability.OFFLINE }),
      );
      await this.audit.record(tx.em, { tenantId: tenant.id, actorId: user.id, event: "tenant.created", ip: ctx.ip });
      return this.sessions.start(tx.em, tx, user);
    });
    if (created) return created;
    await this.audit.record(this.ds.manager, { tenantId: null, actorId: null, event: "auth.signup_existing_email", severity: "warning", ip: ctx.ip });
    if (this.signUpNotice) await this.signUpNotice(email).catch(() => undefined);
    const now = new Date();
    const tenant = Object.assign(new Tenant(), { id: crypto.randomUUID(), name: tenantName, createdAt: now, updatedAt: now });
    const ghost = Object.assign(new User(), {
      id: crypto.randomUUID(), tenantId: tenant.id, tenant, name, email, role: Role.ADMIN, availability: AgentAvailability.OFFLINE, totpEnabledAt: null, createdAt: now, updatedAt: now,
    });
    ctx.loaders.tenant.prime(tenant.id, tenant);
    return this.sessions.inert(ghost);
  }

  async logIn(ctx: RequestContext, input: { email: string; password: string; totpCode?: string | null }): Promise<AuthPayloadData> {
    const account = input.email.trim().toLowerCase();
    const ip = ctx.ip ?? "unknown";
    // Both counts are taken before the password is checked and given back when it is
    // right: 200 concurrent wrong passwords can never all be checked.
    const byIp = await this.limits.loginIp.consume(ip);
    const byAccount = byIp.ok ? await this.limits.loginAccount.consume(account) : byIp;
    if (!byIp.ok || !byAccount.ok) {
      if (byIp.ok) await this.limits.loginIp.reward(ip);
      await this.audit.record(this.ds.manager, { tenantId: null, actorId: null, event: "auth.login_blocked", severity: "warning", ip: ctx.ip, detail: { by: byIp.ok ? "account" : "ip" } });
      throw Errors.rateLimited(byIp.ok ? (byAccount as { retryAfterSeconds: number }).retryAfterSeconds : byIp.retryAfterSeconds, byIp.ok ? "account" : "ip");
    }
    const user = await this.ds.manager.findOne(User, { where: { email: account } });
    const ok = user && !user.deactivatedAt ? await verifyPassword(user.passwordHash, input.password) : await dummyVerify(input.password);
    if (!user || !ok) {
      await this.audit.record(this.ds.manager, {
        tenantId: user?.tenantId ?? null, actorId: user?.id ?? null, event: "auth.login_failed", severity: "warning", ip: ctx.ip,
        detail: { reason: user ? "password" : "unknown_account" },
      });
      throw new DomainError("UNAUTHENTICATED", INVALID_LOGIN);
    }
    if (user.totpEnabledAt) {
      if (!input.totpCode) {
        // Right password, second factor still to come: not a failure.
        await this.limits.loginIp.reward(ip);
        await this.limits.loginAccount.reward(account);
        throw Errors.twoFactorRequired();
      }
      if (!(await this.checkTotp(user, input.totpCode))) {
        await this.audit.record(this.ds.manager, { tenantId: user.tenantId, actorId: user.id, event: "auth.login_failed", severity: "warning", ip: ctx.ip, detail: { reason: "totp" } });
        throw new DomainError("UNAUTHENTICATED", "Código de verificação inválido ou já utilizado.", { field: "totpCode" });
      }
    }
    await this.limits.loginIp.reward(ip);
    await this.limits.loginAccount.reset(account);
    await this.audit.record(this.ds.manager, { tenantId: user.tenantId, actorId: user.id, event: "auth.login", ip: ctx.ip });
    return inTransaction(this.ds, ctx, (tx) => this.sessions.start(tx.em, tx, user));
  }

  /** Rotates a refresh token; a reused (already rotated) token revokes its whole family. */
  async refresh(ctx: RequestContext, presented: string): Promise<AuthPayloadData> {
    await AuthLimits.take(this.limits.refreshIp, ctx.ip ?? "unknown");
    const hash = sha256Hex(presented);
    // The transaction returns null instead of throwing so that a family revocation commits.
    let reusedBy: string | null = null;
    const payload = await this.ds.transaction(async (em) => {
      const token = await em.findOne(RefreshToken, { where: { tokenHash: hash } });
      if (!token) return null;
      // Atomic claim: of two concurrent uses, exactly one rotates.
      const claimed = await em
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ usedAt: () => "now()" })
        .where("id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()", { id: token.id })
        .execute();
      if (!claimed.affected) {
        if (token.usedAt && !token.revokedAt) {
          await this.sessions.revoke(em, { ids: [token.familyId] });
          reusedBy = token.userId;
          const user = await em.findOne(User, { where: { id: token.userId } });
          await this.audit.record(em, { tenantId: user?.tenantId ?? null, actorId: token.userId, event: "auth.refresh_reuse", severity: "critical", ip: ctx.ip, detail: { familyId: token.familyId } });
        }
        return null;
      }
      const user = await em.findOne(User, { where: { id: token.userId } });
      if (!user || user.deactivatedAt || !(await this.sessions.isActive(em, token.familyId))) return null;
      return this.sessions.issue(em, user, token.familyId);
    });
    if (reusedBy) await this.sessions.announce(reusedBy, "refresh_reuse", this.ds.manager);
    if (!payload) throw Errors.unauthenticated("Sessão expirada. Entre novamente.");
    return payload;
  }

  async logOut(_ctx: RequestContext, presented: string): Promise<boolean> {
    const token = await this.ds.manager.findOne(RefreshToken, { where: { tokenHash: sha256Hex(presented) } });
    if (!token) return false;
    await this.sessions.revoke(this.ds.manager, { ids: [token.familyId] });
    await this.sessions.announce(token.userId, "logged_out", this.ds.manager);
    return true;
  }

  async setupTwoFactor(ctx: RequestContext, userId: string): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await ctx.em.findOneOrFail(User, { where: { id: userId } });
    if (user.totpEnabledAt) throw Errors.conflict("A verificação em duas etapas já está ativa.");
    const secret = newTotpSecret();
    await ctx.em.update(User, { id: user.id }, { totpSecret: this.box.seal(secret), totpLastStep: null });
    return { secret, otpauthUrl: totpUri(secret, user.email) };
  }

  async enableTwoFactor(ctx: RequestContext, userId: string, code: string): Promise<User> {
    const user = await ctx.em.findOneOrFail(User, { where: { id: userId } });
    if (user.totpEnabledAt) throw Errors.conflict("A verificação em duas etapas já está ativa.");
    if (!user.totpSecret) throw Errors.badInput("totpCode", "Configure a verificação em duas etapas antes de ativá-la.");
    if (!(await this.checkTotp(user, code))) throw Errors.badInput("totpCode", "Código de verificação inválido.");
    await ctx.em.update(User, { id: user.id }, { totpEnabledAt: new Date() });
    await this.audit.log(ctx, "auth.2fa_enabled", { userId: user.id });
    // The principal's 2FA flags changed: cached credential checks are dropped (after the commit).
    await this.sessions.revocations.publish(ctx, { tenantId: user.tenantId, userId: user.id, reason: "two_factor_enabled" });
    return ctx.em.findOneOrFail(User, { where: { id: userId } });
  }

  /**
   * Checks (and consumes) a TOTP code, counting the attempt first: wrong codes per
   * user are limited (RATE_LIMITED) wherever a code is asked for.
   */
  async checkTotp(user: User, code: string): Promise<boolean> {
    await AuthLimits.take(this.limits.totp, user.id);
    const ok = await this.consumeTotp(user, code);
    if (ok) await this.limits.totp.reward(user.id);
    return ok;
  }

  private async consumeTotp(user: User, code: string): Promise<boolean> {
    if (!user.totpSecret) return false;
    const last = user.totpLastStep != null ? Number(user.totpLastStep) : null;
    const step = await verifyTotp(this.box.open(user.totpSecret), code.trim(), last);
    if (step == null) return false;
    // Compare-and-set so two concurrent logins cannot both use the same code.
    const res = await this.ds.manager
      .createQueryBuilder()
      .update(User)
      .set({ totpLastStep: String(step) })
      .where("id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)", { id: user.id, step })
      .execute();
    return Boolean(res.affected);
  }
}
