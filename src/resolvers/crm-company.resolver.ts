import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Client } from "../entities/client";
import { Role, STAFF_ROLES } from "../schema/enums";
import { CompanyRegistration } from "../schema/types/company.types";
import type { Services } from "../services";

const ALL = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];

@Resolver(() => Client)
export class CompanyResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => CompanyRegistration, { description: "Dados cadastrais de uma empresa pelo CNPJ (BrasilAPI, ReceitaWS, CNPJá… em ordem, com cache). CNPJ inválido é recusado sem consulta." })
  lookupCnpj(@Ctx() ctx: RequestContext, @Arg("cnpj", () => String) cnpj: string) {
    return this.services.cnpj.lookup(ctx, cnpj);
  }

  @Authorized(ALL)
  @Mutation(() => Client, { description: "Completa um cliente pessoa jurídica com os dados do CNPJ: cadastro da empresa sempre; nome, e-mail e telefone só quando faltam." })
  enrichClient(@Ctx() ctx: RequestContext, @Arg("clientId", () => ID) clientId: string) {
    return this.services.cnpj.enrichClient(ctx, clientId);
  }

  /** The company's registration includes its partners' names: staff only, access-logged like the client's own fields. */
  @Authorized([...STAFF_ROLES])
  @FieldResolver(() => CompanyRegistration, { nullable: true })
  async company(@Root() client: Client, @Ctx() ctx: RequestContext): Promise<CompanyRegistration | null> {
    if (!client.company) return null;
    await this.services.accessLog.record(ctx, { clientId: client.id, action: "client.read", resource: `Client:${client.id}` });
    return { ...client.company, fetchedAt: new Date(client.company.fetchedAt), stale: false };
  }
}
