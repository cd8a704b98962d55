import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { User } from "../entities/user";
import { AuthPayload, LogInInput, SignUpInput, TwoFactorSetup } from "../schema/types/auth.types";
import type { Services } from "../services";

@Resolver()
export class AuthResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => AuthPayload)
  signUp(@Ctx() ctx: RequestContext, @Arg("input", () => SignUpInput) input: SignUpInput) {
    return this.services.auth.signUp(ctx, input);
  }

  @Mutation(() => AuthPayload)
  logIn(@Ctx() ctx: RequestContext, @Arg("input", () => LogInInput) input: LogInInput) {
    return this.services.auth.logIn(ctx, input);
  }

  @Mutation(() => AuthPayload)
  refreshToken(@Ctx() ctx: RequestContext, @Arg("refreshToken", () => String) token: string) {
    return this.services.auth.refresh(ctx, token);
  }

  @Mutation(() => Boolean)
  logOut(@Ctx() ctx: RequestContext, @Arg("refreshToken", () => String) token: string) {
    return this.services.auth.logOut(ctx, token);
  }

  @Authorized()
  @Mutation(() => TwoFactorSetup)
  async setupTwoFactor(@Ctx() ctx: RequestContext) {
    const me = await this.services.users.me(ctx);
    return this.services.auth.setupTwoFactor(ctx, me.id);
  }

  @Authorized()
  @Mutation(() => User)
  async enableTwoFactor(@Ctx() ctx: RequestContext, @Arg("totpCode", () => String) code: string) {
    const me = await this.services.users.me(ctx);
    return this.services.auth.enableTwoFactor(ctx, me.id, code);
  }
}
