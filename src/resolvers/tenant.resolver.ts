import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Tenant } from "../entities/tenant";
import type { Services } from "../services";

@Resolver(() => Tenant)
export class TenantResolver {
  constructor(private readonly services: Services) {}

  /** Every role sees its company's zone (consoles format dates with it); the rest of the settings stay with managers. */
  @FieldResolver(() => String, { description: "Fuso horário da empresa (IANA, ex.: America/Sao_Paulo), para mostrar datas e horas." })
  async timezone(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.services.settings.get(ctx, tenant.id)).timezone;
  }
}
