/**
 * Corrections from the team: an agent confirms or corrects the intent of a ticket or of a
 * conversation's triaged message, and the text becomes a labelled example of the tenant.
 */
import type { DataSource } from "typeorm";
import { Message } from "../../../entities/message";
import { Session } from "../../../entities/session";
import { Ticket, type TriageRecord } from "../../../entities/ticket";
import { TriageExample } from "../../../entities/triage-example";
import { inTransaction, requirePrincipal, type RequestContext } from "../../../context";
import { Errors } from "../../../schema/errors";
import { Role } from "../../../schema/enums";
import { findOwned } from "../../scoped";
import { INTENTS, RESOLVABLE_INTENTS, type Intent } from "../types";
import type { TriageModelsService } from "./models.service";

export interface CorrectTriageData { ticketId?: string | null; sessionId?: string | null; intent: string }

/** The Triage object returned to the API after a correction. */
export type CorrectedTriage = TriageRecord & { reasons: string[] };

export function validIntent(field: string, value: string): Intent {
  const intent = value.trim().toLowerCase();
  if (!(INTENTS as readonly string[]).includes(intent)) throw Errors.badInput(field, `Intenção inválida. Use uma de: ${INTENTS.join(", ")}.`);
  return intent as Intent;
}

export class TriageLearningService {
  readonly validIntent = validIntent;

  constructor(private readonly ds: DataSource, private readonly models: TriageModelsService) {}

  async correct(ctx: RequestContext, input: CorrectTriageData): Promise<CorrectedTriage> {
    const intent = validIntent("intent", input.intent);
    if (Boolean(input.ticketId) === Boolean(input.sessionId)) throw Errors.badInput("ticketId", "Informe ticketId ou sessionId (apenas um).");
    const result = await inTransaction(this.ds, ctx, (tx) => (input.ticketId ? this.correctTicket(tx, input.ticketId, intent) : this.correctSession(tx, input.sessionId!, intent)));
    await this.models.maybeSchedule(ctx.em, requirePrincipal(ctx).tenantId);
    return result;
  }

  /** From completeHandoff's intent picker, inside its transaction. */
  async correctSessionInTx(tx: RequestContext, sessionId: string, intent: string): Promise<void> {
    await this.correctSession(tx, sessionId, validIntent("intent", intent));
  }

  /** Schedules retraining after a correction made inside another service's transaction. */
  async afterCorrection(ctx: RequestContext, tenantId: string): Promise<void> {
    await this.models.maybeSchedule(ctx.em, tenantId);
  }

  private async correctTicket(tx: RequestContext, ticketId: string, intent: Intent): Promise<CorrectedTriage> {
    const ticket = await findOwned(tx, Ticket, ticketId, "Chamado", { lock: true });
    const before = ticket.triage;
    const triage: TriageRecord = { ...before, intent, needsHuman: !RESOLVABLE_INTENTS.has(intent) || before.needsHuman };
    await tx.em.update(Ticket, { id: ticket.id, tenantId: ticket.tenantId }, { intent, triage: triage as never });
    await this.store(tx, {
      tenantId: ticket.tenantId, clientId: ticket.clientId, ticketId: ticket.id, sessionId: ticket.sessionId, sourceKey: `ticket:${ticket.id}`,
      text: [ticket.subject, ticket.message].filter(Boolean).join("\n"), channel: ticket.channel, intent, predictedIntent: before.intent,
    });
    return { ...triage, reasons: (before as CorrectedTriage).reasons ?? [] };
  }

  private async correctSession(tx: RequestContext, sessionId: string, intent: Intent): Promise<CorrectedTriage> {
    const p = requirePrincipal(tx);
    const session = await findOwned(tx, Session, sessionId, "Conversa");
    if (p.role === Role.AGENT && session.assignedAgentId && session.assignedAgentId !== p.userId) throw Errors.notFound("Conversa");
    // The message triage decided on; without one (media, older conversations), the client's last text.
    const message =
      (await tx.em.createQueryBuilder(Message, "m").where("m.session_id = :sessionId AND m.sender = 'CLIENT' AND m.triage IS NOT NULL", { sessionId }).orderBy("m.created_at", "DESC").addOrderBy("m.id", "DESC").getOne()) ??
      (await tx.em.createQueryBuilder(Message, "m").where("m.session_id = :sessionId AND m.sender = 'CLIENT' AND (m.text IS NOT NULL OR m.extracted_text IS NOT NULL)", { sessionId }).orderBy("m.created_at", "DESC").addOrderBy("m.id", "DESC").getOne());
    const text = [message?.text, message?.extractedText].filter(Boolean).join("\n").trim();
    if (!message || !text) throw Errors.badInput("sessionId", "A conversa não tem mensagem de texto do cliente para classificar.");
    const before = (message.triage ?? null) as CorrectedTriage | null;
    const triage: CorrectedTriage = {
      intent,
      priority: before?.priority ?? ("MEDIUM" as TriageRecord["priority"]),
      needsHuman: !RESOLVABLE_INTENTS.has(intent) || (before?.needsHuman ?? true),
      autoResolved: before?.autoResolved ?? false,
      confidence: before?.confidence ?? 0,
      response: before?.response ?? null,
      provider: before?.provider ?? "rules",
      reasons: before?.reasons ?? [],
    };
    await tx.em.update(Message, { id: message.id, tenantId: session.tenantId }, { triage: { ...triage, correctedFrom: before?.intent ?? null } as never });
    await this.store(tx, {
      tenantId: session.tenantId, clientId: session.clientId, sessionId: session.id, ticketId: null, sourceKey: `message:${message.id}`,
      text, channel: session.channel, intent, predictedIntent: before?.intent ?? null,
    });
    return triage;
  }

  /** One example per source: a second correction of the same message or ticket replaces the first. */
  private async store(tx: RequestContext, e: Omit<TriageExample, "id" | "createdAt" | "updatedAt" | "tenant" | "authorId">): Promise<void> {
    await tx.em.upsert(TriageExample, { ...e, text: e.text.slice(0, 4000), authorId: tx.principal?.userId ?? null, updatedAt: new Date() }, ["tenantId", "sourceKey"]);
  }
}
