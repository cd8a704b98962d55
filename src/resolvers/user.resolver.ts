import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { FreshTwoFactor, TOTP_ARG } from "./security.middleware";
import type { RequestContext } from "../context";
import { ApiKey } from "../entities/api-key";
import { Tenant } from "../entities/tenant";
import { User } from "../entities/user";
import { AgentAvailability, Role } from "../schema/enums";
import { CreatedApiKey, CreateUserInput } from "../schema/types/auth.types";
import type { Services } from "../services";

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => User)
  me(@Ctx() ctx: RequestContext) {
    return this.services.users.me(ctx);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Query(() => [User])
  users(@Ctx() ctx: RequestContext) {
    return this.services.users.list(ctx);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => User)
  createUser(@Ctx() ctx: RequestContext, @Arg("input", () => CreateUserInput) input: CreateUserInput) {
    return this.services.users.create(ctx, input);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR, Role.AGENT])
  @Mutation(() => User)
  setAvailability(@Ctx() ctx: RequestContext, @Arg("availability", () => AgentAvailability) availability: AgentAvailability) {
    return this.services.users.setAvailability(ctx, availability);
  }

  @FieldResolver(() => Tenant)
  async tenant(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return (await ctx.loaders.tenant.load(user.tenantId))!;
  }
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN])
  @Query(() => [ApiKey])
  apiKeys(@Ctx() ctx: RequestContext) {
    return this.services.apiKeys.list(ctx);
  }

  @Authorized([Role.ADMIN])
  @UseMiddleware(FreshTwoFactor)
  @Mutation(() => CreatedApiKey)
  createApiKey(
    @Ctx() ctx: RequestContext,
    @Arg("name", () => String) name: string,
    @Arg("role", () => Role) role: Role,
    @Arg("totpCode", () => String, TOTP_ARG) _totpCode: string | null,
  ) {
    return this.services.apiKeys.create(ctx, name, role);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => Boolean)
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.apiKeys.revoke(ctx, id);
  }
}
