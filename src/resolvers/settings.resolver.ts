import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { Role } from "../schema/enums";
import { TenantSettings, UpdateTenantSettingsInput } from "../schema/types/settings.types";
import type { Services } from "../services";

@Resolver()
export class SettingsResolver {
  constructor(private readonly services: Services) {}

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Query(() => TenantSettings)
  tenantSettings(@Ctx() ctx: RequestContext) {
    return this.services.settings.get(ctx);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => TenantSettings)
  updateTenantSettings(@Ctx() ctx: RequestContext, @Arg("input", () => UpdateTenantSettingsInput) input: UpdateTenantSettingsInput) {
    return this.services.settings.update(ctx, input);
  }
}
