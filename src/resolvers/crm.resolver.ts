import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { requirePrincipal, type RequestContext } from "../context";
import { Client } from "../entities/client";
import { Lead, LeadEvent } from "../entities/lead";
import { PipelineStage } from "../entities/pipeline";
import { User } from "../entities/user";
import { Role, STAFF_ROLES } from "../schema/enums";
import { Errors } from "../schema/errors";
import { PeriodInput } from "../schema/types/client.types";
import { LeadConnection, LeadFilter, LeadInput, PipelineAnalytics, PipelineInput, PipelineType } from "../schema/types/crm.types";
import type { Services } from "../services";
import { leadTopic, type LeadEventPayload } from "../services/crm/events";
import { EventResolutionCache } from "../services/events";
import { byIdLoader } from "../services/loaders";
import { clientLoader } from "./ticket.loaders";

const ALL = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];
const stageLoader = (ctx: RequestContext) => ctx.loaders.get("pipelineStage", () => byIdLoader(ctx.em, PipelineStage, requirePrincipal(ctx).tenantId));
/** One load per event per process, shared by every subscriber. */
const resolved = new EventResolutionCache();

@Resolver(() => Lead)
export class LeadResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => PipelineType, { description: "O funil de vendas da empresa (criado com novo → qualificado → proposta → ganho/perdido)." })
  pipeline(@Ctx() ctx: RequestContext) {
    return this.services.pipelines.get(ctx);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => PipelineType)
  setPipeline(@Ctx() ctx: RequestContext, @Arg("input", () => PipelineInput) input: PipelineInput) {
    return this.services.pipelines.set(ctx, input);
  }

  @Authorized(ALL)
  @Query(() => PipelineAnalytics, { description: "Quantidade e valor por estágio, conversão, taxa de ganho e tempo médio em cada estágio." })
  pipelineAnalytics(@Ctx() ctx: RequestContext, @Arg("period", () => PeriodInput, { nullable: true }) period: PeriodInput | null) {
    return this.services.crmAnalytics.pipeline(ctx, period);
  }

  @Authorized(ALL)
  @Query(() => LeadConnection)
  leads(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => LeadFilter, { nullable: true }) filter: LeadFilter | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.services.leads.list(ctx, { first, after }, filter);
  }

  @Authorized(ALL)
  @Query(() => Lead)
  lead(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.leads.get(ctx, id);
  }

  @Authorized(ALL)
  @Mutation(() => Lead)
  createLead(@Ctx() ctx: RequestContext, @Arg("input", () => LeadInput) input: LeadInput) {
    return this.services.leads.create(ctx, input);
  }

  @Authorized(ALL)
  @Mutation(() => Lead)
  updateLead(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => LeadInput) input: LeadInput) {
    return this.services.leads.update(ctx, id, input);
  }

  @Authorized(ALL)
  @Mutation(() => Lead)
  moveLead(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("stageId", () => ID) stageId: string) {
    return this.services.leads.move(ctx, id, stageId);
  }

  @Authorized(ALL)
  @Mutation(() => Client, { description: "Cria (ou vincula) o cliente do lead; o lead fica como convertido, com seu histórico." })
  convertLead(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.leadConversion.convert(ctx, id);
  }

  @Subscription(() => Lead, {
    description: "Toda mudança nos leads da empresa (console de vendas).",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => {
      if (!context.principal) throw Errors.unauthenticated();
      if (!ALL.includes(context.principal.role)) throw Errors.forbidden();
      return context.pubsub.subscribe(leadTopic(context.principal.tenantId));
    },
  })
  async leadUpdated(@Root() e: LeadEventPayload, @Ctx() ctx: RequestContext): Promise<Lead> {
    return resolved.resolve(e.eventId, () => ctx.em.findOneOrFail(Lead, { where: { id: e.leadId, tenantId: e.tenantId } }));
  }

  // Personal data: every read is in the data access log, once per lead and request.
  @FieldResolver(() => String)
  async name(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, lead);
    return lead.name;
  }

  @Authorized([...STAFF_ROLES])
  @FieldResolver(() => String, { nullable: true })
  async email(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, lead);
    return lead.email;
  }

  @Authorized([...STAFF_ROLES])
  @FieldResolver(() => String, { nullable: true })
  async phone(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, lead);
    return lead.phone;
  }

  @Authorized([...STAFF_ROLES])
  @FieldResolver(() => String, { nullable: true })
  async document(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    if (lead.document) await this.services.accessLog.requireJustification(ctx);
    await this.logRead(ctx, lead);
    return lead.document;
  }

  @FieldResolver(() => String, { nullable: true })
  async companyName(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, lead);
    return lead.companyName;
  }

  @FieldResolver(() => GraphQLJSON, { description: "Respostas de qualificação {campo: valor}." })
  async qualification(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, lead);
    return lead.qualification;
  }

  @FieldResolver(() => GraphQLJSON, { description: "De onde veio cada resposta: manual, document, message ou llm." })
  qualificationSources(@Root() lead: Lead) {
    return lead.qualificationSources;
  }

  @Authorized([...STAFF_ROLES])
  @FieldResolver(() => String, { nullable: true })
  async notes(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    await this.logRead(ctx, lead);
    return lead.notes;
  }

  @FieldResolver(() => PipelineStage)
  async stage(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    return (await stageLoader(ctx).load(lead.stageId))!;
  }

  @FieldResolver(() => User, { nullable: true })
  owner(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    return lead.ownerId ? ctx.loaders.user.load(lead.ownerId) : null;
  }

  /** Null once the client has been erased. */
  @FieldResolver(() => Client, { nullable: true })
  async client(@Root() lead: Lead, @Ctx() ctx: RequestContext): Promise<Client | null> {
    if (!lead.clientId) return null;
    const client = await clientLoader(ctx).load(lead.clientId);
    return client && !client.anonymizedAt ? client : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: "A conversa de onde o lead veio." })
  sessionId(@Root() lead: Lead): string | null {
    return lead.sessionId;
  }

  @FieldResolver(() => [LeadEvent])
  history(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    return this.services.leads.history(ctx, lead.id);
  }

  private logRead(ctx: RequestContext, lead: Lead): Promise<void> {
    return this.services.accessLog.record(ctx, { clientId: lead.clientId, action: "lead.read", resource: `Lead:${lead.id}` });
  }
}

@Resolver(() => LeadEvent)
export class LeadEventResolver {
  @FieldResolver(() => User, { nullable: true })
  actor(@Root() e: LeadEvent, @Ctx() ctx: RequestContext) {
    return e.actorId ? ctx.loaders.user.load(e.actorId) : null;
  }

  /** Null when the stage was removed from the pipeline since. */
  @FieldResolver(() => PipelineStage, { nullable: true })
  fromStage(@Root() e: LeadEvent, @Ctx() ctx: RequestContext) {
    return e.fromStageId ? stageLoader(ctx).load(e.fromStageId) : null;
  }

  @FieldResolver(() => PipelineStage, { nullable: true })
  toStage(@Root() e: LeadEvent, @Ctx() ctx: RequestContext) {
    return e.toStageId ? stageLoader(ctx).load(e.toStageId) : null;
  }
}
