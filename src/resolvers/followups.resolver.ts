import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import type { RequestContext } from "../context";
import { FollowUp } from "../entities/follow-up";
import { SurveyResponse } from "../entities/survey-response";
import { WebhookDelivery, WebhookSubscription } from "../entities/webhook-subscription";
import { Role } from "../schema/enums";
import {
  CreatedWebhookSubscription, FollowUpInput, SurveyFilter, SurveyResponseConnection, WebhookDeliveryConnection, WebhookSubscriptionInput,
} from "../schema/types/followups.types";
import type { Services } from "../services";

const STAFF = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT];
const MANAGERS = [Role.ADMIN, Role.SUPERVISOR];
const ADMINS = [Role.ADMIN];

/** Scheduled follow-ups in a conversation and the customers' survey answers. */
@Resolver(() => FollowUp)
export class FollowUpResolver {
  constructor(private readonly services: Services) {}

  @Authorized(STAFF)
  @Query(() => [FollowUp], { description: "Acompanhamentos da conversa (agendados, enviados, cancelados, com falha)." })
  followUps(@Ctx() ctx: RequestContext, @Arg("sessionId", () => ID) sessionId: string) {
    return this.services.followUps.list(ctx, sessionId);
  }

  @Authorized(STAFF)
  @Mutation(() => FollowUp, { description: "Agenda uma mensagem: enviada no horário de atendimento, com o consentimento de contato, cancelada se o cliente escrever antes." })
  scheduleFollowUp(@Ctx() ctx: RequestContext, @Arg("input", () => FollowUpInput) input: FollowUpInput) {
    return this.services.followUps.schedule(ctx, input);
  }

  @Authorized(STAFF)
  @Mutation(() => FollowUp)
  cancelFollowUp(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.followUps.cancel(ctx, id);
  }

  @Authorized(MANAGERS)
  @Query(() => SurveyResponseConnection, { description: "Pesquisas CSAT/NPS enviadas aos clientes e as notas que eles deram." })
  surveyResponses(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => SurveyFilter, { nullable: true }) filter: SurveyFilter | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.services.surveys.list(ctx, filter, { first, after });
  }
}

/** Integrators' webhook subscriptions: ADMIN only. */
@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ADMINS)
  @Query(() => [WebhookSubscription])
  webhookSubscriptions(@Ctx() ctx: RequestContext) {
    return this.services.webhookSubscriptions.list(ctx);
  }

  @Authorized(ADMINS)
  @Query(() => WebhookDeliveryConnection, { description: "Registro de entregas da assinatura, mais recentes primeiro." })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg("subscriptionId", () => ID) subscriptionId: string,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.services.webhookSubscriptions.deliveries(ctx, subscriptionId, { first, after });
  }

  @Authorized(ADMINS)
  @Mutation(() => CreatedWebhookSubscription, { description: "O segredo de assinatura (Standard Webhooks) aparece só nesta resposta." })
  createWebhookSubscription(@Ctx() ctx: RequestContext, @Arg("input", () => WebhookSubscriptionInput) input: WebhookSubscriptionInput) {
    return this.services.webhookSubscriptions.create(ctx, input);
  }

  @Authorized(ADMINS)
  @Mutation(() => WebhookSubscription)
  updateWebhookSubscription(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => WebhookSubscriptionInput) input: WebhookSubscriptionInput) {
    return this.services.webhookSubscriptions.update(ctx, id, input);
  }

  @Authorized(ADMINS)
  @Mutation(() => Boolean)
  deleteWebhookSubscription(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.webhookSubscriptions.remove(ctx, id);
  }

  @Authorized(ADMINS)
  @Mutation(() => WebhookDelivery, { description: "Envia o evento de novo (nova entrega, mesmo webhook-id)." })
  redeliverWebhook(@Ctx() ctx: RequestContext, @Arg("deliveryId", () => ID) deliveryId: string) {
    return this.services.webhookSubscriptions.redeliver(ctx, deliveryId);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => GraphQLJSON, { description: "O corpo enviado: { type, timestamp, data } com ids e o que mudou." })
  payload(@Root() delivery: WebhookDelivery) {
    return delivery.payload;
  }
}

export { SurveyResponse };
