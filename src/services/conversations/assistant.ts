/**
 * The assistant's answer to a message triage let through: offline, the best knowledge-base
 * article (when it matches strongly) or the template; with an LLM, the model with the top
 * articles as context and the ticket and tenant tools, held to what it can show.
 */
import type { Session } from "../../entities/session";
import type { RequestContext } from "../../context";
import type { Priority } from "../../schema/enums";
import type { AiCallsService } from "../ai/calls.service";
import type { AiRuntimeLookup } from "../ai/runtime";
import type { AiToolsService } from "../ai/tools/tools.service";
import type { KnowledgeService } from "../knowledge/knowledge.service";
import type { EffectiveSettings } from "../settings/settings.service";
import { templateFor } from "../triage/rules/templates";
import type { Intent, TriageResult } from "../triage/types";
import type { ToolContext } from "./ai-tools";
import type { MessagesService } from "./messages.service";

export interface AssistantAnswer {
  text: string | null;
  handoff?: { reason: string; priority: Priority; source: string };
  tokens: { input: number; output: number };
}

/** Questions about the business itself: answered only from articles or tool results. */
const FACTUAL: ReadonlySet<string> = new Set<Intent>(["product_info"]);
/** Small talk needs no source. */
const SMALL_TALK: ReadonlySet<string> = new Set<Intent>(["greeting", "thanks"]);

export interface AssistantDeps {
  runtime: AiRuntimeLookup;
  calls: AiCallsService;
  knowledge: KnowledgeService;
  tools: AiToolsService;
  messages: MessagesService;
}

export class Assistant {
  constructor(private readonly d: AssistantDeps) {}

  async answer(ctx: RequestContext, session: Session, text: string, triage: TriageResult, settings: EffectiveSettings, clientName: string, tools: ToolContext): Promise<AssistantAnswer> {
    const rt = await this.d.runtime(ctx, session.tenantId, settings);
    const none = { input: 0, output: 0 };
    if (!rt.llm) return { text: await this.offline(ctx, session, text, triage), tokens: none };

    const llm = rt.llm;
    const articles = await this.d.knowledge.contextFor(ctx, session.tenantId, text, rt, { sessionId: session.id });
    const result = await llm.responder.reply({
      history: await this.d.messages.history(ctx, session.id),
      triage,
      model: llm.replyModel,
      systemPrompt: settings.aiSystemPrompt,
      clientName,
      tools: await this.d.tools.toolbox(tools),
      articles,
      meter: this.d.calls.meter({ tenantId: session.tenantId, sessionId: session.id, providerKind: rt.kind, label: llm.label, price: llm.price }, ctx.em),
    });
    const tokens = result.usage.reduce((acc, u) => ({ input: acc.input + u.inputTokens, output: acc.output + u.outputTokens }), none);
    const handoff = result.handoff ? { ...result.handoff, source: "ai_tool" } : undefined;
    // The provider failed: the offline answer (article or template) stands in.
    if (result.provider.startsWith("rules")) return { text: result.text ? await this.offline(ctx, session, text, triage) : null, handoff, tokens };
    if (!result.text || handoff) return { text: result.text ? this.d.knowledge.withSources(result.text, result.cited) : null, handoff, tokens };

    const grounded = result.cited.length > 0 || result.groundedByTool;
    if (!grounded && FACTUAL.has(triage.intent)) {
      // A factual answer from outside the articles may be invented: a person answers instead.
      return { text: null, handoff: { reason: "Pergunta sem resposta na base de conhecimento", priority: triage.priority as Priority, source: "knowledge_gap" }, tokens };
    }
    if (!grounded && !SMALL_TALK.has(triage.intent) && /\d/.test(result.text)) {
      // Numbers (dates, amounts, order numbers) nobody looked up: the safe template instead.
      return { text: templateFor(triage.intent as Intent) ?? null, tokens };
    }
    return { text: this.d.knowledge.withSources(result.text, result.cited), tokens };
  }

  private async offline(ctx: RequestContext, session: Session, text: string, triage: TriageResult): Promise<string | null> {
    if (!SMALL_TALK.has(triage.intent)) {
      const kb = await this.d.knowledge.offlineAnswer(ctx.em, session.tenantId, text);
      if (kb) return kb.text;
    }
    return triage.response ?? templateFor(triage.intent as Intent);
  }
}
