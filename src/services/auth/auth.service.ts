import crypto from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { RefreshToken } from "../../entities/refresh-token";
import { Tenant } from "../../entities/tenant";
import { User } from "../../entities/user";
import { inTransaction, type RequestContext } from "../../context";
import { DomainError, Errors } from "../../schema/errors";
import { AgentAvailability, Role } from "../../schema/enums";
import type { SecretBox } from "../../infra/crypto";
import { randomToken, sha256Hex } from "../../infra/crypto";
import type { AuditService } from "../audit.service";
import { emailOrThrow, requiredText } from "../validation/input";
import type { LoginLimiter } from "./login-limiter";
import { dummyVerify, hashPassword, validatePassword, verifyPassword } from "./passwords";
import type { AccessTokens } from "./tokens";
import { newTotpSecret, totpUri, verifyTotp } from "./totp";

export interface AuthPayloadData { accessToken: string; refreshToken: string; accessTokenExpiresAt: Date; user: User }

const INVALID_LOGIN = "E-mail ou senha inválidos.";

export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly tokens: AccessTokens,
    private readonly limiter: LoginLimiter,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly refreshTtlDays: number,
  ) {}

  async signUp(ctx: RequestContext, input: { tenantName: string; name: string; email: string; password: string }): Promise<AuthPayloadData> {
    const tenantName = requiredText("tenantName", input.tenantName, 120, "O nome da empresa");
    const name = requiredText("name", input.name, 120, "O nome");
    const email = emailOrThrow("email", input.email);
    const pwError = validatePassword(input.password);
    if (pwError) throw Errors.badInput("password", pwError);
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.ds, ctx, async (tx) => {
      if (await tx.em.exists(User, { where: { email } })) throw Errors.conflict("Já existe uma conta com este e-mail.", "email");
      const tenant = await tx.em.save(tx.em.create(Tenant, { name: tenantName }));
      const user = await tx.em.save(
        tx.em.create(User, { tenantId: tenant.id, name, email, role: Role.ADMIN, passwordHash, availability: AgentAvailability.OFFLINE }),
      );
      await this.audit.record(tx.em, { tenantId: tenant.id, actorId: user.id, event: "tenant.created", ip: ctx.ip });
      return this.issue(tx.em, user, crypto.randomUUID());
    });
  }

  async logIn(ctx: RequestContext, input: { email: string; password: string; totpCode?: string | null }): Promise<AuthPayloadData> {
    const account = input.email.trim().toLowerCase();
    const wait = await this.limiter.blockedFor(account);
    if (wait > 0) {
      await this.audit.record(this.ds.manager, { tenantId: null, actorId: null, event: "auth.login_blocked", severity: "warning", ip: ctx.ip });
      throw Errors.rateLimited(wait);
    }
    const user = await this.ds.manager.findOne(User, { where: { email: account } });
    const ok = user && !user.deactivatedAt ? await verifyPassword(user.passwordHash, input.password) : await dummyVerify(input.password);
    if (!user || !ok) {
      await this.limiter.recordFailure(account);
      await this.audit.record(this.ds.manager, {
        tenantId: user?.tenantId ?? null, actorId: user?.id ?? null, event: "auth.login_failed", severity: "warning", ip: ctx.ip,
        detail: { reason: user ? "password" : "unknown_account" },
      });
      throw new DomainError("UNAUTHENTICATED", INVALID_LOGIN);
    }
    if (user.totpEnabledAt) {
      if (!input.totpCode) throw Errors.twoFactorRequired();
      if (!(await this.consumeTotp(user, input.totpCode))) {
        await this.limiter.recordFailure(account);
        await this.audit.record(this.ds.manager, { tenantId: user.tenantId, actorId: user.id, event: "auth.login_failed", severity: "warning", ip: ctx.ip, detail: { reason: "totp" } });
        throw new DomainError("UNAUTHENTICATED", "Código de verificação inválido ou já utilizado.", { field: "totpCode" });
      }
    }
    await this.limiter.reset(account);
    await this.audit.record(this.ds.manager, { tenantId: user.tenantId, actorId: user.id, event: "auth.login", ip: ctx.ip });
    return this.issue(this.ds.manager, user, crypto.randomUUID());
  }

  /** Rotates a refresh token; a reused (already rotated) token revokes its whole family. */
  async refresh(ctx: RequestContext, presented: string): Promise<AuthPayloadData> {
    const hash = sha256Hex(presented);
    // The transaction returns null instead of throwing so that a family revocation commits.
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
          await this.revokeFamily(em, token.familyId);
          const user = await em.findOne(User, { where: { id: token.userId } });
          await this.audit.record(em, { tenantId: user?.tenantId ?? null, actorId: token.userId, event: "auth.refresh_reuse", severity: "critical", ip: ctx.ip, detail: { familyId: token.familyId } });
        }
        return null;
      }
      const user = await em.findOne(User, { where: { id: token.userId } });
      if (!user || user.deactivatedAt) return null;
      return this.issue(em, user, token.familyId);
    });
    if (!payload) throw Errors.unauthenticated("Sessão expirada. Entre novamente.");
    return payload;
  }

  async logOut(_ctx: RequestContext, presented: string): Promise<boolean> {
    const token = await this.ds.manager.findOne(RefreshToken, { where: { tokenHash: sha256Hex(presented) } });
    if (!token) return false;
    await this.revokeFamily(this.ds.manager, token.familyId);
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
    if (!(await this.consumeTotp(user, code))) throw Errors.badInput("totpCode", "Código de verificação inválido.");
    await ctx.em.update(User, { id: user.id }, { totpEnabledAt: new Date() });
    await this.audit.log(ctx, "auth.2fa_enabled", { userId: user.id });
    return ctx.em.findOneOrFail(User, { where: { id: userId } });
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

  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.createQueryBuilder().update(RefreshToken).set({ revokedAt: () => "now()" }).where("family_id = :familyId AND revoked_at IS NULL", { familyId }).execute();
  }

  private async issue(em: EntityManager, user: User, familyId: string): Promise<AuthPayloadData> {
    const { token: accessToken, expiresAt } = await this.tokens.sign({ userId: user.id, tenantId: user.tenantId, role: user.role });
    const refreshToken = randomToken(32);
    await em.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(Date.now() + this.refreshTtlDays * 86_400_000),
    });
    return { accessToken, refreshToken, accessTokenExpiresAt: expiresAt, user };
  }
}
