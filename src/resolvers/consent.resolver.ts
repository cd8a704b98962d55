import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Client } from "../entities/client";
import { Consent } from "../entities/consent";
import { ConsentPurpose, Role } from "../schema/enums";
import { GrantConsentInput, RevokeConsentInput } from "../schema/types/privacy.types";
import type { Services } from "../services";
import { groupLoader } from "../services/loaders";
import { clientLoader } from "./ticket.loaders";

const ALL = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];

@Resolver(() => Consent)
export class ConsentResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => [Consent])
  consentHistory(@Ctx() ctx: RequestContext, @Arg("clientId", () => ID) clientId: string) {
    return this.services.consents.history(ctx, clientId);
  }

  @Authorized(ALL)
  @Query(() => Boolean)
  hasConsent(@Ctx() ctx: RequestContext, @Arg("clientId", () => ID) clientId: string, @Arg("purpose", () => ConsentPurpose) purpose: ConsentPurpose) {
    return this.services.consents.has(ctx, clientId, purpose);
  }

  @Authorized(ALL)
  @Mutation(() => Consent)
  grantConsent(@Ctx() ctx: RequestContext, @Arg("input", () => GrantConsentInput) input: GrantConsentInput) {
    return this.services.consents.grant(ctx, input);
  }

  @Authorized(ALL)
  @Mutation(() => Consent)
  revokeConsent(@Ctx() ctx: RequestContext, @Arg("input", () => RevokeConsentInput) input: RevokeConsentInput) {
    return this.services.consents.revoke(ctx, input);
  }

  @FieldResolver(() => Client)
  async client(@Root() consent: Consent, @Ctx() ctx: RequestContext): Promise<Client> {
    return (await clientLoader(ctx).load(consent.clientId))!;
  }
}

/** Client.consents lives here, with the rest of consents, rather than in ClientResolver. */
@Resolver(() => Client)
export class ClientConsentsResolver {
  constructor(private readonly services: Services) {}

  /** Current state: the latest record of each purpose the client ever answered. */
  @FieldResolver(() => [Consent])
  async consents(@Root() client: Client, @Ctx() ctx: RequestContext): Promise<Consent[]> {
    await this.services.accessLog.record(ctx, { clientId: client.id, action: "consent.read", resource: `Client:${client.id}` });
    return ctx.loaders.get("clientConsents", () => groupLoader((ids) => this.services.consents.currentFor(ctx, ids), (c) => c.clientId)).load(client.id);
  }
}
