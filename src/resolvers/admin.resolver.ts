import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import type { RequestContext } from "../context";
import { AuthSession } from "../entities/auth-session";
import { User } from "../entities/user";
import { Role } from "../schema/enums";
import { AuthPayload } from "../schema/types/auth.types";
import { AuditLogConnection, AuditLogFilter, ChangePasswordInput, CompletePasswordResetInput, DataAccessLogConnection, DataAccessLogFilter, PasswordReset } from "../schema/types/admin.types";
import type { Services } from "../services";
import { FreshTwoFactor, TOTP_ARG } from "./security.middleware";


/** User administration (ADMIN), one's own password and login sessions, and the filtered logs. */
@Resolver()
export class AdminResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN])
  @UseMiddleware(FreshTwoFactor)
  @Mutation(() => User, { description: "Desativa o acesso na hora: sessões, sockets abertos e chaves de API criadas pelo usuário param; seus atendimentos voltam à fila." })
  deactivateUser(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("totpCode", () => String, TOTP_ARG) _totpCode: string | null) {
    return this.services.usersAdmin.deactivate(ctx, id);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => User)
  reactivateUser(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.usersAdmin.reactivate(ctx, id);
  }

  @Authorized([Role.ADMIN])
  @UseMiddleware(FreshTwoFactor)
  @Mutation(() => User)
  changeUserRole(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("role", () => Role) role: Role, @Arg("totpCode", () => String, TOTP_ARG) _totpCode: string | null) {
    return this.services.usersAdmin.changeRole(ctx, id, role);
  }

  @Authorized([Role.ADMIN])
  @UseMiddleware(FreshTwoFactor)
  @Mutation(() => PasswordReset, { description: "Código de uso único para o usuário definir uma nova senha (completePasswordReset): por e-mail quando a empresa tem canal de e-mail, senão mostrado uma vez." })
  resetUserPassword(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("totpCode", () => String, TOTP_ARG) _totpCode: string | null) {
    return this.services.usersAdmin.resetPassword(ctx, id);
  }

  @Mutation(() => AuthPayload, { description: "Define a nova senha com o código de redefinição e entra." })
  completePasswordReset(@Ctx() ctx: RequestContext, @Arg("input", () => CompletePasswordResetInput) input: CompletePasswordResetInput) {
    return this.services.account.completeReset(ctx, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Troca a própria senha e encerra as outras sessões." })
  changePassword(@Ctx() ctx: RequestContext, @Arg("input", () => ChangePasswordInput) input: ChangePasswordInput) {
    return this.services.account.changePassword(ctx, input);
  }

  @Authorized()
  @Query(() => [AuthSession])
  mySessions(@Ctx() ctx: RequestContext) {
    return this.services.loginSessions.mine(ctx);
  }

  @Authorized()
  @Mutation(() => Boolean)
  revokeMySession(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.loginSessions.revokeMine(ctx, id);
  }

  @Authorized([Role.ADMIN])
  @Query(() => AuditLogConnection)
  auditLogsConnection(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.services.logs.audit(ctx, { first, after }, filter);
  }

  @Authorized([Role.ADMIN])
  @Query(() => DataAccessLogConnection)
  dataAccessLogsConnection(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => DataAccessLogFilter, { nullable: true }) filter: DataAccessLogFilter | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.services.logs.dataAccess(ctx, { first, after }, filter);
  }
}

@Resolver(() => AuthSession)
export class AuthSessionResolver {
  @FieldResolver(() => Boolean, { description: "A sessão desta requisição." })
  current(@Root() s: AuthSession, @Ctx() ctx: RequestContext): boolean {
    return s.id === ctx.principal?.loginSessionId;
  }
}
