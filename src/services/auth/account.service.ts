import { IsNull, MoreThan, type DataSource } from "typeorm";
import { PasswordReset } from "../../entities/password-reset";
import { Tenant } from "../../entities/tenant";
import { User } from "../../entities/user";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { sha256Hex } from "../../infra/crypto";
import { Errors } from "../../schema/errors";
import type { AuditService } from "../audit.service";
import { AuthLimits } from "./login-limiter";
import type { AuthPayloadData, LoginSessions } from "./login-sessions";
import { hashPassword, validatePassword, verifyPassword } from "./passwords";
import type { Revocations } from "./revocations";

const MAX_RESET_ATTEMPTS = 5;

/** What a user does to their own account: change the password, finish a reset. */
export class AccountService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: LoginSessions,
    private readonly revocations: Revocations,
    private readonly limits: AuthLimits,
    private readonly audit: AuditService,
  ) {}

  /** Checks the current password (counted like a login), sets the new one and ends every other session. */
  async changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<boolean> {
    const p = requirePrincipal(ctx);
    if (!p.userId) throw Errors.forbidden("Chaves de API não têm senha.");
    const user = await ctx.em.findOneOrFail(User, { where: { id: p.userId } });
    await AuthLimits.take(this.limits.loginAccount, user.email);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await this.audit.log(ctx, "auth.password_change_failed", { userId: user.id }, "warning");
      throw Errors.badInput("currentPassword", "A senha atual não confere.");
    }
    await this.limits.loginAccount.reset(user.email);
    await this.setPassword(ctx, user, input.newPassword, "newPassword", p.loginSessionId ?? null);
    return true;
  }

  /** Finishes an admin-initiated reset with the one-time code; signs the user in on a new session. */
  async completeReset(ctx: RequestContext, input: { email: string; code: string; newPassword: string }): Promise<AuthPayloadData> {
    const email = input.email.trim().toLowerCase();
    await AuthLimits.take(this.limits.loginIp, ctx.ip ?? "unknown");
    const invalid = () => Errors.badInput("code", "Código inválido ou expirado.");
    const user = await this.ds.manager.findOne(User, { where: { email } });
    const reset = user && !user.deactivatedAt
      ? await this.ds.manager.findOne(PasswordReset, { where: { userId: user.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) }, order: { createdAt: "DESC" } })
      : null;
    if (!user || !reset) throw invalid();
    // The new password is checked first: a weak one must not use up the code.
    await this.assertAcceptable(this.ds.manager, user, input.newPassword, "newPassword");
    // Each code allows a few attempts, counted before the comparison.
    const counted = await this.ds.manager.createQueryBuilder().update(PasswordReset).set({ attempts: () => "attempts + 1" })
      .where("id = :id AND attempts < :max AND used_at IS NULL", { id: reset.id, max: MAX_RESET_ATTEMPTS }).execute();
    if (!counted.affected || sha256Hex(normalizeCode(input.code)) !== reset.codeHash) throw invalid();
    await this.limits.loginIp.reward(ctx.ip ?? "unknown");
    const claimed = await this.ds.manager.createQueryBuilder().update(PasswordReset).set({ usedAt: () => "now()" }).where("id = :id AND used_at IS NULL", { id: reset.id }).execute();
    if (!claimed.affected) throw invalid();
    const actx: RequestContext = { ...ctx, principal: { kind: "user", id: user.id, userId: user.id, tenantId: user.tenantId, role: user.role } };
    await this.setPassword(actx, user, input.newPassword, "newPassword", null);
    await this.limits.loginAccount.reset(user.email);
    return inTransaction(this.ds, actx, (tx) => this.sessions.start(tx.em, tx, user));
  }

  private async assertAcceptable(em: RequestContext["em"], user: User, password: string, field: string): Promise<void> {
    const tenant = await em.findOne(Tenant, { where: { id: user.tenantId } });
    const problem = validatePassword(password, { email: user.email, name: user.name, tenantName: tenant?.name });
    if (problem) throw Errors.badInput(field, problem);
    if (await verifyPassword(user.passwordHash, password)) throw Errors.badInput(field, "A nova senha precisa ser diferente da atual.");
  }

  private async setPassword(ctx: RequestContext, user: User, password: string, field: string, keepSession: string | null): Promise<void> {
    await this.assertAcceptable(ctx.em, user, password, field);
    const passwordHash = await hashPassword(password);
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(User, { id: user.id }, { passwordHash });
      await this.sessions.revokeAllOf(tx.em, user.id, keepSession);
      await this.audit.log(tx, "auth.password_changed", { userId: user.id }, "warning");
      await this.revocations.publish(tx, { tenantId: user.tenantId, userId: user.id, reason: "password_changed" });
    });
  }
}

/** Codes are shown as XXXX-XXXX-XXXX; people type them with or without dashes, in any case. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}
