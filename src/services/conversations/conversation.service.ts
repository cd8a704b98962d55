import type { DataSource } from "typeorm";
import { Client } from "../../entities/client";
import { Handoff } from "../../entities/handoff";
import { Message } from "../../entities/message";
import { Session } from "../../entities/session";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import { MessageDirection, MessageSender, MessageType, Priority, Role, SessionStatus } from "../../schema/enums";
import type { HandoffsService } from "../handoffs/handoffs.service";
import { isOpen } from "../settings/business-hours";
import type { SettingsService } from "../settings/settings.service";
import type { TicketsService } from "../tickets/tickets.service";
import type { TriageService } from "../triage/triage.service";
import { requiredText } from "../validation/input";
import type { AiCallsService } from "../ai/calls.service";
import type { AiRuntimeLookup } from "../ai/runtime";
import type { TriageResult } from "../triage/types";
import type { Assistant } from "./assistant";
import type { MessagesService } from "./messages.service";
import type { ComposeInput, OutboundComposer } from "./outbound-composer";
import type { SessionsService } from "./sessions.service";
import type { CannedRepliesService } from "../canned/canned-replies.service";

/** What is kept on the message about its triage (correctTriage reads it). */
function triageRecord(t: TriageResult): Record<string, unknown> {
  return { intent: t.intent, priority: t.priority, needsHuman: t.needsHuman, autoResolved: t.autoResolved, confidence: t.confidence, response: t.response, provider: t.provider, reasons: t.reasons ?? [] };
}

export interface AgentMessageData {
  sessionId: string;
  text?: string | null;
  attachments?: ComposeInput["attachments"];
  documentIds?: string[] | null;
  replyToMessageId?: string | null;
  /** A saved answer rendered for this conversation (services/canned). */
  cannedReplyId?: string | null;
}

export interface ClientMessageOutcome { message: Message; reply: Message | null; handoff: Handoff | null }

export const HANDOFF_NOTICE = "Vou transferir você para uma pessoa da nossa equipe. Aguarde um instante, por favor.";

/**
 * What happens to a client's message: stored, then answered by the assistant or
 * handed to a person (keyword, missing consent, triage, the assistant's own call).
 */
/** How a message the AI cannot read is named in the handoff reason. */
const WITHOUT_TEXT: Partial<Record<MessageType, string>> = {
  [MessageType.AUDIO]: "áudio",
  [MessageType.IMAGE]: "imagem",
  [MessageType.VIDEO]: "vídeo",
  [MessageType.DOCUMENT]: "documento",
  [MessageType.LOCATION]: "localização",
};

export class ConversationService {
  /** Builds outbound messages with files and quotes (wired in services/index.ts). */
  composer: OutboundComposer | null = null;
  /** Customer surveys: an answer to an open CSAT/NPS question is recorded instead of triaged (wired in services/index.ts). */
  surveys: { tryAnswer(ctx: RequestContext, session: Session, message: Message): Promise<Message | null> } | null = null;
  /** Renders canned replies (wired in services/index.ts). */
  canned: CannedRepliesService | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionsService,
    private readonly messages: MessagesService,
    private readonly handoffs: HandoffsService,
    private readonly settings: SettingsService,
    private readonly triage: TriageService,
    private readonly tickets: TicketsService,
    private readonly assistant: Assistant,
    private readonly runtime: AiRuntimeLookup,
    private readonly calls: AiCallsService,
  ) {}

  async submitClientMessage(ctx: RequestContext, input: { sessionId: string; text: string }): Promise<ClientMessageOutcome> {
    const text = requiredText("text", input.text, 4096, "A mensagem");
    const session = await this.sessions.get(ctx, input.sessionId);
    if (session.status === SessionStatus.CLOSED) throw Errors.conflict("A conversa está encerrada; inicie uma nova.");
    const message = await inTransaction(this.ds, ctx, (tx) => this.messages.append(tx, session.id, { direction: MessageDirection.INBOUND, sender: MessageSender.CLIENT, text }));
    return this.respond(ctx, session.id, message);
  }

  /**
   * Decides the answer to a stored client message. Also used by the WhatsApp intake
   * after it stores an inbound message.
   */
  async respond(ctx: RequestContext, sessionId: string, message: Message): Promise<ClientMessageOutcome> {
    const session = await ctx.em.findOneOrFail(Session, { where: { id: sessionId } });
    const open = await this.handoffs.open(ctx, session.id);
    // The customer answered: an SLA clock paused while waiting on them resumes.
    if (open?.slaPausedAt && message.direction === MessageDirection.INBOUND && this.handoffs.sla) await this.handoffs.sla.customerReplied(ctx, open.id);
    // A person is on it (or about to be): the message just reaches their console.
    if (open || session.status === SessionStatus.CLOSED) return { message, reply: null, handoff: open };
    // The answer to a survey question is the customer's rating, not a request: recorded and thanked, never triaged.
    const thanks = this.surveys ? await this.surveys.tryAnswer(ctx, session, message) : null;
    if (thanks) return { message, reply: thanks, handoff: null };

    const settings = await this.settings.get(ctx, session.tenantId);
    let text = [message.text, message.extractedText].filter(Boolean).join("\n").trim();
    if (!text && message.type === MessageType.AUDIO && message.direction === MessageDirection.INBOUND) text = (await this.transcribe(ctx, session, message, settings)) ?? "";
    if (!text) {
      // A voice note or a photo without caption: the AI cannot read it, a person can.
      if (message.direction !== MessageDirection.INBOUND) return { message, reply: null, handoff: null };
      return this.handOver(ctx, session, message, `Mensagem sem texto (${WITHOUT_TEXT[message.type] ?? "mídia"})`, Priority.MEDIUM, "media", settings);
    }

    const triage = await this.triage.triage(ctx, { text, channel: session.channel }, { tenantId: session.tenantId, clientId: session.clientId, sessionId: session.id, origin: "conversation", settings });
    await ctx.em.update(Message, { id: message.id, tenantId: session.tenantId }, { triage: triageRecord(triage) as never });
    // The conversation's intent (analytics) is its first triaged message's.
    if (!session.intent) await ctx.em.query(`UPDATE sessions SET intent = $1 WHERE id = $2 AND intent IS NULL`, [triage.intent, session.id]);
    const reasons = triage.reasons ?? [];
    const keyword = reasons.find((r) => r.startsWith("keyword:"));
    if (keyword) return this.handOver(ctx, session, message, `Palavra-chave: ${keyword.slice("keyword:".length)}`, Priority.MEDIUM, "keyword", settings, false, triage.intent);
    if (reasons.includes("no_ai_consent")) return this.handOver(ctx, session, message, "Cliente sem consentimento para atendimento por IA", Priority.MEDIUM, "no_ai_consent", settings, false, triage.intent);
    if (triage.needsHuman) {
      const source = triage.intent === "human_request" ? "client_request" : "triage";
      return this.handOver(ctx, session, message, `Triagem: ${triage.intent}`, triage.priority as Priority, source, settings, false, triage.intent);
    }

    const client = await ctx.em.findOneOrFail(Client, { where: { id: session.clientId } });
    const toolCtx = this.systemContext(ctx, session.tenantId);
    const answer = await this.assistant.answer(ctx, session, text, triage, settings, client.name, {
      ctx: toolCtx, tenantId: session.tenantId, clientId: session.clientId, sessionId: session.id, channel: session.channel, tickets: this.tickets, composer: this.composer,
    });
    let reply: Message | null = null;
    if (answer.text) {
      reply = await inTransaction(this.ds, ctx, (tx) =>
        this.messages.append(tx, session.id, { direction: MessageDirection.OUTBOUND, sender: MessageSender.AI, text: answer.text, tokensInput: answer.tokens.input, tokensOutput: answer.tokens.output }),
      );
    }
    if (answer.handoff || !answer.text) {
      const h = answer.handoff ?? { reason: "Sem resposta automática", priority: triage.priority as Priority, source: "ai_tool" };
      const outcome = await this.handOver(ctx, session, message, h.reason, h.priority, h.source, settings, Boolean(reply), triage.intent);
      return { ...outcome, reply: reply ?? outcome.reply };
    }
    return { message, reply, handoff: null };
  }

  /**
   * An agent's reply: text and/or files (uploads or stored documents), optionally quoting a
   * message of the conversation. Returns the first message stored (files go one per message).
   */
  async sendAgentMessage(ctx: RequestContext, input: AgentMessageData): Promise<Message> {
    const p = requirePrincipal(ctx);
    const session = await this.sessions.get(ctx, input.sessionId);
    if (session.status === SessionStatus.CLOSED) throw Errors.conflict("A conversa está encerrada.");
    const supervising = p.role === Role.ADMIN || p.role === Role.SUPERVISOR;
    if (!supervising && session.assignedAgentId !== p.userId) throw Errors.forbidden("Só o agente responsável ou um supervisor pode responder nesta conversa.");
    if (!this.composer) throw new Error("OutboundComposer not wired");
    let content = input;
    if (input.cannedReplyId) {
      if (input.text?.trim()) throw Errors.badInput("text", "Envie o texto ou a resposta pronta (cannedReplyId), não os dois.");
      if (!this.canned) throw new Error("CannedRepliesService not wired");
      const rendered = await this.canned.render(ctx, input.cannedReplyId, session);
      content = { ...input, text: rendered.text, documentIds: [...rendered.documentIds, ...(input.documentIds ?? [])] };
    }
    const [first] = await this.composer.compose(ctx, session, { ...content, sender: MessageSender.AGENT, authorId: p.userId });
    // First response and the wait for the customer (SLA clocks of the open handoff).
    await this.handoffs.sla?.agentReplied(ctx, session.id, first!.createdAt);
    return first!;
  }

  /**
   * Transcribes a voice note when the tenant's provider has a transcription model (its choice
   * to send content to that provider) and, if it requires it, the client consented to AI
   * processing. The text is kept as the message's extractedText.
   */
  private async transcribe(ctx: RequestContext, session: Session, message: Message, settings: Awaited<ReturnType<SettingsService["get"]>>): Promise<string | null> {
    const rt = await this.runtime(ctx, session.tenantId, settings);
    const transcriber = rt.llm?.transcriber;
    if (!rt.llm || !transcriber) return null;
    if (settings.requireAiConsent && this.triage.aiConsent && !(await this.triage.aiConsent(ctx, session.clientId))) return null;
    const started = Date.now();
    const transcript = await transcriber.transcribe(message);
    await this.calls.record(ctx.em, { tenantId: session.tenantId, sessionId: session.id, providerKind: rt.kind, label: rt.llm.label, price: rt.llm.price }, {
      purpose: "transcription", model: transcriber.model, latencyMs: Date.now() - started, outcome: transcript ? "ok" : "error", error: transcript ? null : "sem transcrição",
    });
    if (!transcript) return null;
    const extractedText = transcript.slice(0, 4096);
    await ctx.em.update(Message, { id: message.id, tenantId: session.tenantId }, { extractedText });
    message.extractedText = extractedText;
    return extractedText;
  }

  /** Opens the handoff and tells the client (the out-of-hours message when the team is closed). */
  private async handOver(ctx: RequestContext, session: Session, message: Message, reason: string, priority: Priority, source: string, settings: Awaited<ReturnType<SettingsService["get"]>>, quiet = false, intent?: string | null): Promise<ClientMessageOutcome> {
    const text = [message.text, message.extractedText].filter(Boolean).join("\n");
    const { handoff } = await this.handoffs.openFor(this.systemContext(ctx, session.tenantId), session, reason, priority, source, { intent: intent ?? null, text });
    const closed = !isOpen(settings);
    const notice = closed ? settings.outOfHoursMessage : quiet ? null : HANDOFF_NOTICE;
    const reply = notice ? await inTransaction(this.ds, ctx, (tx) => this.messages.system(tx, session.id, notice)) : null;
    return { message, reply, handoff: await ctx.em.findOneByOrFail(Handoff, { id: handoff.id }) };
  }

  /** The platform acting for a tenant (webhooks have no user; tools act for the conversation). */
  private systemContext(ctx: RequestContext, tenantId: string): RequestContext {
    return ctx.principal ? ctx : { ...ctx, principal: { kind: "user", id: "system", userId: null, tenantId, role: Role.ADMIN } };
  }
}
