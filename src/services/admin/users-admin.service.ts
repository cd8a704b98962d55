import crypto from "node:crypto";
import { IsNull, Not, type DataSource } from "typeorm";
import { PasswordReset } from "../../entities/password-reset";
import { User } from "../../entities/user";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { sha256Hex } from "../../infra/crypto";
import { Errors } from "../../schema/errors";
import { AgentAvailability, Role } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import type { HandoffsService } from "../handoffs/handoffs.service";
import type { LoginSessions } from "../auth/login-sessions";
import type { Revocations } from "../auth/revocations";
import { findOwned } from "../scoped";
import { AuthLimits } from "../auth/login-limiter";

export type PasswordResetDelivery = "EMAIL" | "CODE_SHOWN_ONCE";

/**
 * Sends a reset code to the user by e-mail when the tenant has an e-mail channel;
 * returns false when it cannot (the code is then shown once to the admin).
 */
export type ResetMailer = (ctx: RequestContext, user: User, code: string, expiresAt: Date) => Promise<boolean>;

// Crockford base32 without look-alikes; 12 characters = 60 bits, shown as XXXX-XXXX-XXXX.
const ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";

/** What an ADMIN does to other users: deactivate, reactivate, change role, reset the password. */
export class UsersAdminService {
  /** The e-mail area plugs in here; without it resets are CODE_SHOWN_ONCE. */
  resetMailer: ResetMailer | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly sessions: LoginSessions,
    private readonly revocations: Revocations,
    private readonly handoffs: HandoffsService,
    private readonly audit: AuditService,
    private readonly resetTtlHours: number,
    private readonly limits: AuthLimits,
  ) {}

  /**
   * Stops a user at once: login sessions and refresh families revoked, open sockets
   * closed (revocation event), API keys they created refused while they stay
   * deactivated, their open handoffs back to the queue.
   */
  async deactivate(ctx: RequestContext, id: string): Promise<User> {
    const p = requirePrincipal(ctx);
    const user = await findOwned(ctx, User, id, "Usuário");
    if (user.id === p.userId) throw Errors.badInput("id", "Você não pode desativar a própria conta.");
    if (user.deactivatedAt) return user;
    await this.assertNotLastAdmin(ctx, user);
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(User, { id: user.id }, { deactivatedAt: new Date(), availability: AgentAvailability.OFFLINE });
      await this.sessions.revokeAllOf(tx.em, user.id);
      await this.audit.log(tx, "user.deactivated", { userId: user.id }, "warning");
      await this.revocations.publish(tx, { tenantId: user.tenantId, userId: user.id, reason: "user_deactivated" });
    });
    await this.handoffs.returnToQueue(ctx, user.id);
    return ctx.em.findOneOrFail(User, { where: { id: user.id } });
  }

  async reactivate(ctx: RequestContext, id: string): Promise<User> {
    const user = await findOwned(ctx, User, id, "Usuário");
    if (!user.deactivatedAt) return user;
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(User, { id: user.id }, { deactivatedAt: null });
      await this.audit.log(tx, "user.reactivated", { userId: user.id }, "warning");
    });
    return ctx.em.findOneOrFail(User, { where: { id: user.id } });
  }

  /** The user's open sockets are closed (they reconnect with the new role); tokens carry no role that matters. */
  async changeRole(ctx: RequestContext, id: string, role: Role): Promise<User> {
    const p = requirePrincipal(ctx);
    const user = await findOwned(ctx, User, id, "Usuário");
    if (user.role === role) return user;
    if (user.id === p.userId) throw Errors.badInput("id", "Você não pode mudar o próprio papel.");
    await this.assertNotLastAdmin(ctx, user);
    await AuthLimits.take(this.limits.sensitive, `changeUserRole:${p.id}`);
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(User, { id: user.id }, { role });
      await this.audit.log(tx, "user.role_changed", { userId: user.id, from: user.role, to: role }, "critical");
      await this.revocations.publish(tx, { tenantId: user.tenantId, userId: user.id, reason: "role_changed" });
    });
    // An agent who is no longer one hands its conversations back.
    if (user.role === Role.AGENT && role !== Role.AGENT) await this.handoffs.returnToQueue(ctx, user.id);
    return ctx.em.findOneOrFail(User, { where: { id: user.id } });
  }

  /**
   * A one-time code to set a new password (`completePasswordReset`). By e-mail when
   * the tenant can send one; else shown once to the admin, who passes it on.
   */
  async resetPassword(ctx: RequestContext, id: string): Promise<{ delivery: PasswordResetDelivery; code: string | null; expiresAt: Date }> {
    const p = requirePrincipal(ctx);
    const user = await findOwned(ctx, User, id, "Usuário");
    if (user.deactivatedAt) throw Errors.badInput("id", "Reative o usuário antes de redefinir a senha.");
    await AuthLimits.take(this.limits.sensitive, `resetUserPassword:${p.id}`);
    const raw = [...crypto.randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
    const expiresAt = new Date(Date.now() + this.resetTtlHours * 3_600_000);
    await inTransaction(this.ds, ctx, async (tx) => {
      // One live code per user: a new reset replaces the previous one.
      await tx.em.update(PasswordReset, { userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
      await tx.em.insert(PasswordReset, { tenantId: user.tenantId, userId: user.id, codeHash: sha256Hex(raw), createdById: p.userId, expiresAt });
      await this.audit.log(tx, "user.password_reset", { userId: user.id }, "warning");
    });
    const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    if (this.resetMailer && (await this.resetMailer(ctx, user, code, expiresAt).catch(() => false))) return { delivery: "EMAIL", code: null, expiresAt };
    return { delivery: "CODE_SHOWN_ONCE", code, expiresAt };
  }

  /** A tenant always keeps one active ADMIN. */
  private async assertNotLastAdmin(ctx: RequestContext, user: User): Promise<void> {
    if (user.role !== Role.ADMIN) return;
    const others = await ctx.em.count(User, { where: { tenantId: user.tenantId, role: Role.ADMIN, deactivatedAt: IsNull(), id: Not(user.id) } });
    if (!others) throw Errors.badInput("id", "A empresa precisa de pelo menos um administrador ativo.");
  }
}
