import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { User } from "../entities/user";
import { AuthPayload, LogInInput, SignUpInput, TwoFactorSetup } from "../schema/types/auth.types";
import type { Services } from "../services";
import type { AuthPayloadData } from "../services/auth/auth.service";

/** Cookie mode: the refresh token goes into the HttpOnly cookie and never reaches the page's JavaScript. */
function inCookie(ctx: RequestContext, payload: AuthPayloadData): AuthPayloadData {
  if (!ctx.refreshCookie) return payload;
  ctx.refreshCookie.write(payload.refreshToken);
  return { ...payload, refreshToken: "" };
}

@Resolver()
export class AuthResolver {
  constructor(private readonly services: Services) {}

  @Mutation(() => AuthPayload)
  async signUp(@Ctx() ctx: RequestContext, @Arg("input", () => SignUpInput) input: SignUpInput) {
    return inCookie(ctx, await this.services.auth.signUp(ctx, input));
  }

  @Mutation(() => AuthPayload)
  async logIn(@Ctx() ctx: RequestContext, @Arg("input", () => LogInInput) input: LogInInput) {
    return inCookie(ctx, await this.services.auth.logIn(ctx, input));
  }

  /** In cookie mode (the console) an empty argument means "the token in my cookie". */
  @Mutation(() => AuthPayload)
  async refreshToken(@Ctx() ctx: RequestContext, @Arg("refreshToken", () => String) token: string) {
    try {
      return inCookie(ctx, await this.services.auth.refresh(ctx, token || ctx.refreshCookie?.read() || ""));
    } catch (err) {
      ctx.refreshCookie?.clear();
      throw err;
    }
  }

  @Mutation(() => Boolean)
  async logOut(@Ctx() ctx: RequestContext, @Arg("refreshToken", () => String) token: string) {
    const presented = token || ctx.refreshCookie?.read() || "";
    ctx.refreshCookie?.clear();
    return presented ? this.services.auth.logOut(ctx, presented) : false;
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
