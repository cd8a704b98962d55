import { In, type DataSource } from "typeorm";
import { User } from "../entities/user";
import { inTransaction, requirePrincipal, type RequestContext } from "../context";
import { Errors } from "../schema/errors";
import { AgentAvailability, Role } from "../schema/enums";
import type { AuditService } from "./audit.service";
import { hashPassword, validatePassword } from "./auth/passwords";
import { AuthLimits } from "./auth/login-limiter";
import { Tenant } from "../entities/tenant";
import { emailOrThrow, requiredText } from "./validation/input";

export type AvailabilityHook = (ctx: RequestContext, user: User, previous: AgentAvailability) => Promise<void>;

export class UsersService {
  /** Called after an agent's availability changes (the queue returns an OFFLINE agent's handoffs). */
  readonly availabilityHooks: AvailabilityHook[] = [];

  constructor(private readonly ds: DataSource, private readonly audit: AuditService, private readonly limits: AuthLimits) {}

  async me(ctx: RequestContext): Promise<User> {
    const p = requirePrincipal(ctx);
    if (!p.userId) throw Errors.forbidden("Chaves de API não representam um usuário; use um token de usuário.");
    return ctx.em.findOneOrFail(User, { where: { id: p.userId } });
  }

  list(ctx: RequestContext): Promise<User[]> {
    const p = requirePrincipal(ctx);
    return ctx.em.find(User, { where: { tenantId: p.tenantId }, order: { createdAt: "ASC", id: "ASC" } });
  }

  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<User[]> {
    const p = requirePrincipal(ctx);
    return ids.length ? ctx.em.find(User, { where: { id: In([...ids]), tenantId: p.tenantId } }) : [];
  }

  async create(ctx: RequestContext, input: { name: string; email: string; password: string; role: Role }): Promise<User> {
    const p = requirePrincipal(ctx);
    const name = requiredText("name", input.name, 120, "O nome");
    const email = emailOrThrow("email", input.email);
    const tenant = await ctx.em.findOne(Tenant, { where: { id: p.tenantId } });
    const pwError = validatePassword(input.password, { email, name, tenantName: tenant?.name });
    if (pwError) throw Errors.badInput("password", pwError);
    if (input.role === Role.ADMIN && p.role !== Role.ADMIN) throw Errors.forbidden();
    await AuthLimits.take(this.limits.sensitive, `createUser:${p.id}`);
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.ds, ctx, async (tx) => {
      // E-mails are unique on the whole platform (logIn takes only the e-mail); the answer is the
      // same whether the address is taken here or in another company, and says nothing about who.
      if (await tx.em.exists(User, { where: { email } })) throw Errors.conflict("Este e-mail não está disponível. Use outro endereço.", "email");
      const user = await tx.em.save(tx.em.create(User, { tenantId: p.tenantId, name, email, role: input.role, passwordHash, availability: AgentAvailability.OFFLINE }));
      await this.audit.log(tx, "user.created", { userId: user.id, role: user.role });
      return user;
    });
  }

  async setAvailability(ctx: RequestContext, availability: AgentAvailability): Promise<User> {
    const me = await this.me(ctx);
    const previous = me.availability;
    return inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(User, { id: me.id }, { availability });
      const user = await tx.em.findOneOrFail(User, { where: { id: me.id } });
      if (previous !== availability) for (const hook of this.availabilityHooks) await hook(tx, user, previous);
      return user;
    });
  }
}
