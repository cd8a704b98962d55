import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { In } from "typeorm";
import { groupLoader } from "../services/loaders";
import { requirePrincipal } from "../context";
import type { RequestContext } from "../context";
import { AiTool } from "../entities/ai-tool";
import { AiToolCall } from "../entities/ai-tool-call";
import { Session } from "../entities/session";
import { Role } from "../schema/enums";
import { AiProviderInput, AiProviderSettings, AiToolInput, AiUsage, CorrectTriageInput, TriageModelInfo } from "../schema/types/ai.types";
import { Triage } from "../schema/types/client.types";
import type { Services } from "../services";

const STAFF = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT];
const MANAGERS = [Role.ADMIN, Role.SUPERVISOR];

@Resolver()
export class AiResolver {
  constructor(private readonly services: Services) {}

  @Authorized(STAFF)
  @Mutation(() => Triage, { description: "Confirma ou corrige a intenção de um chamado ou da mensagem triada de uma conversa; vira exemplo para o modelo da empresa." })
  correctTriage(@Ctx() ctx: RequestContext, @Arg("input", () => CorrectTriageInput) input: CorrectTriageInput) {
    return this.services.triageLearning.correct(ctx, input);
  }

  @Authorized(STAFF)
  @Query(() => TriageModelInfo)
  triageModel(@Ctx() ctx: RequestContext) {
    return this.services.triageModels.info(ctx);
  }

  @Authorized(MANAGERS)
  @Query(() => AiProviderSettings)
  aiProvider(@Ctx() ctx: RequestContext) {
    return this.services.aiProvider.get(ctx);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => AiProviderSettings)
  updateAiProvider(@Ctx() ctx: RequestContext, @Arg("input", () => AiProviderInput) input: AiProviderInput) {
    return this.services.aiProvider.update(ctx, input);
  }

  @Authorized(MANAGERS)
  @Query(() => [AiUsage], { description: "Chamadas de IA e de ferramentas por provedor, modelo e finalidade (padrão: últimos 30 dias)." })
  aiUsage(@Ctx() ctx: RequestContext, @Arg("from", () => Date, { nullable: true }) from: Date | null, @Arg("to", () => Date, { nullable: true }) to: Date | null) {
    return this.services.aiCalls.usage(ctx, from || to ? { from: from ?? new Date(0), to: to ?? new Date() } : null);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Query(() => [AiTool])
  aiTools(@Ctx() ctx: RequestContext) {
    return this.services.aiTools.list(ctx);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => AiTool, { description: "O segredo de assinatura (secret) aparece só nesta resposta." })
  createAiTool(@Ctx() ctx: RequestContext, @Arg("input", () => AiToolInput) input: AiToolInput) {
    return this.services.aiTools.create(ctx, input);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => AiTool)
  updateAiTool(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => AiToolInput) input: AiToolInput) {
    return this.services.aiTools.update(ctx, id, input);
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => Boolean)
  deleteAiTool(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.aiTools.remove(ctx, id);
  }
}

@Resolver(() => AiTool)
export class AiToolResolver {
  @FieldResolver(() => Date)
  updatedAt(@Root() tool: AiTool): Date {
    return tool.updatedAt;
  }
}

@Resolver(() => Session)
export class SessionAiResolver {
  // What the assistant looked up or did: for the agent taking over, not for integrators.
  @Authorized(STAFF)
  @FieldResolver(() => [AiToolCall], { description: "Ferramentas chamadas pelo assistente nesta conversa, com argumentos e resultados." })
  aiToolCalls(@Root() session: Session, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .get("aiToolCalls", () =>
        groupLoader((ids) => ctx.em.find(AiToolCall, { where: { tenantId: requirePrincipal(ctx).tenantId, sessionId: In([...ids]) }, order: { createdAt: "ASC", id: "ASC" } }), (c) => c.sessionId),
      )
      .load(session.id);
  }
}
