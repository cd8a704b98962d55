import type { DataSource } from "typeorm";
import { afterCommit, inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { FollowUp } from "../../entities/follow-up";
import type { Message } from "../../entities/message";
import { Session } from "../../entities/session";
import { returnedRows } from "../../infra/database";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import { DomainError, Errors } from "../../schema/errors";
import { ConsentPurpose, MessageSender, SessionStatus } from "../../schema/enums";
import type { ConsentsService } from "../consents/consents.service";
import type { OutboundComposer } from "../conversations/outbound-composer";
import type { ProactiveService } from "../conversations/proactive.service";
import type { SessionsService } from "../conversations/sessions.service";
import { findOwnedOrNull } from "../scoped";
import type { SettingsService } from "../settings/settings.service";
import { isOpen } from "../settings/business-hours";
import { nextOpenAt } from "./next-open";

export const FOLLOW_UP_JOBS = { send: "followups.send", sweep: "followups.sweep" } as const;

export interface FollowUpData { sessionId: string; text: string; sendAt?: Date | null; afterSilenceMinutes?: number | null }

const MAX_PER_SESSION = 20;
const MAX_AHEAD_MS = 90 * 86_400_000;
/** setTimeout (in-process queue) overflows past ~24.8 days; the sweep sends anything later. */
const MAX_JOB_DELAY_MS = 2_147_483_647;
/** The purpose sendProactiveMessage checks for a follow-up (acompanhamento). */
const PURPOSE = ConsentPurpose.WHATSAPP_CONTACT;

export interface FollowUpDeps {
  ds: DataSource;
  jobs: JobQueue;
  logger: Logger;
  settings: SettingsService;
  sessions: SessionsService;
  consents: ConsentsService;
  proactive: ProactiveService;
  composer: OutboundComposer;
  systemContext: (tenantId: string) => RequestContext;
}

/**
 * Scheduled follow-ups. The follow_ups row is the source of truth: a delayed job wakes the sender
 * at the due time, and a sweep picks whatever is due (jobs lost with a process, embedded restarts).
 * Sent only within business hours (pushed to the next open slot), only with the consent a
 * proactive message needs, and cancelled as soon as the customer writes.
 */
export class FollowUpsService {
  constructor(private readonly deps: FollowUpDeps) {}

  async list(ctx: RequestContext, sessionId: string): Promise<FollowUp[]> {
    const session = await this.deps.sessions.get(ctx, sessionId);
    return ctx.em.find(FollowUp, { where: { tenantId: session.tenantId, sessionId: session.id }, order: { dueAt: "ASC", id: "ASC" } });
  }

  async schedule(ctx: RequestContext, input: FollowUpData): Promise<FollowUp> {
    const p = requirePrincipal(ctx);
    const session = await this.deps.sessions.get(ctx, input.sessionId);
    const text = (input.text ?? "").trim();
    if (!text) throw Errors.badInput("text", "A mensagem é obrigatória.");
    if (text.length > 4096) throw Errors.badInput("text", "A mensagem deve ter no máximo 4096 caracteres.");
    const now = new Date();
    const hasAt = input.sendAt != null;
    const hasSilence = input.afterSilenceMinutes != null;
    if (hasAt === hasSilence) throw Errors.badInput("sendAt", "Informe sendAt ou afterSilenceMinutes (um dos dois).");
    let requestedAt: Date;
    if (hasAt) {
      requestedAt = new Date(input.sendAt!);
      if (Number.isNaN(requestedAt.getTime()) || requestedAt.getTime() < now.getTime() - 60_000) throw Errors.badInput("sendAt", "A data de envio deve estar no futuro.");
      if (requestedAt.getTime() > now.getTime() + MAX_AHEAD_MS) throw Errors.badInput("sendAt", "A data de envio deve estar nos próximos 90 dias.");
    } else {
      const minutes = input.afterSilenceMinutes!;
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 43_200) throw Errors.badInput("afterSilenceMinutes", "O silêncio deve estar entre 1 e 43200 minutos (30 dias).");
      requestedAt = new Date(now.getTime() + minutes * 60_000);
    }
    if (!session.inboxId && session.status === SessionStatus.CLOSED) throw Errors.conflict("A conversa está encerrada e não tem canal para um novo contato.");
    // The same consent sendProactiveMessage requires, checked now so the agent learns it at once (and again when sending).
    if (!(await this.deps.consents.has(ctx, session.clientId, PURPOSE))) {
      throw new DomainError("FORBIDDEN", "O cliente não deu consentimento para contato pelo WhatsApp.", { reason: "CONSENT_REQUIRED", purpose: PURPOSE });
    }
    const settings = await this.deps.settings.get(ctx, session.tenantId);
    const dueAt = nextOpenAt(settings, requestedAt);
    return inTransaction(this.deps.ds, ctx, async (tx) => {
      await tx.em.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`followups:${session.id}`]);
      const scheduled = await tx.em.count(FollowUp, { where: { sessionId: session.id, status: "SCHEDULED" } });
      if (scheduled >= MAX_PER_SESSION) throw Errors.conflict(`Esta conversa já tem ${MAX_PER_SESSION} acompanhamentos agendados.`);
      const row = await tx.em.save(tx.em.create(FollowUp, {
        tenantId: session.tenantId, sessionId: session.id, clientId: session.clientId, createdById: p.userId, text, requestedAt, dueAt,
        afterSilenceMinutes: hasSilence ? input.afterSilenceMinutes! : null, status: "SCHEDULED",
      }));
      await afterCommit(tx, () => this.enqueue(row));
      return row;
    });
  }

  async cancel(ctx: RequestContext, id: string): Promise<FollowUp> {
    const row = await findOwnedOrNull(ctx, FollowUp, id);
    if (!row) throw Errors.notFound("Acompanhamento");
    await this.deps.sessions.get(ctx, row.sessionId); // the caller must see the conversation
    const res = await ctx.em.update(FollowUp, { id: row.id, status: "SCHEDULED" }, { status: "CANCELLED", cancelledAt: new Date(), cancelReason: "BY_USER" });
    if (!res.affected) throw Errors.conflict("Este acompanhamento já foi enviado ou cancelado.");
    return ctx.em.findOneByOrFail(FollowUp, { id: row.id });
  }

  /** The customer wrote first: every follow-up scheduled before their message is cancelled (messages inbound hook). */
  readonly onClientMessage = async (_ctx: RequestContext, message: Message, session: Session): Promise<void> => {
    // After the message's commit: the transaction's manager is gone, the data source's is used.
    await this.deps.ds.query(
      `UPDATE follow_ups SET status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'CLIENT_REPLIED', updated_at = now()
       WHERE tenant_id = $1 AND client_id = $2 AND status = 'SCHEDULED' AND created_at <= $3`,
      [session.tenantId, session.clientId, message.createdAt],
    );
  };

  /**
   * Sends one follow-up when it is due. Idempotent: the row is locked and must still be SCHEDULED;
   * the message and the SENT status commit together. Outside business hours (the tenant may have
   * changed them) it moves to the next open slot.
   */
  async send(id: string): Promise<void> {
    const first = await this.deps.ds.manager.findOneBy(FollowUp, { id });
    if (!first || first.status !== "SCHEDULED" || first.dueAt.getTime() > Date.now()) return;
    const ctx = this.deps.systemContext(first.tenantId);
    const settings = await this.deps.settings.get(ctx, first.tenantId);
    if (!isOpen(settings)) {
      const dueAt = nextOpenAt(settings, new Date());
      await ctx.em.update(FollowUp, { id, status: "SCHEDULED" }, { dueAt });
      await this.enqueue({ ...first, dueAt });
      return;
    }
    try {
      await inTransaction(this.deps.ds, ctx, async (tx) => {
        const row = await tx.em.findOne(FollowUp, { where: { id }, lock: { mode: "pessimistic_write" } });
        if (!row || row.status !== "SCHEDULED") return;
        const message = await this.compose(tx, row);
        await tx.em.update(FollowUp, { id }, { status: "SENT", sentAt: new Date(), messageId: message.id, error: null });
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // Will never go as it is (no consent, window closed, inbox disabled): recorded for the agent.
      await ctx.em.update(FollowUp, { id, status: "SCHEDULED" }, { status: "FAILED", error: err.message.slice(0, 500) });
    }
  }

  /** Due follow-ups whose job was lost (restarts, embedded mode), sent from the sweep. */
  async sweep(limit = 50): Promise<number> {
    const due = returnedRows<{ id: string }>(await this.deps.ds.query(
      `SELECT id FROM follow_ups WHERE status = 'SCHEDULED' AND due_at <= now() ORDER BY due_at LIMIT $1`,
      [limit],
    ));
    for (const { id } of due) await this.send(id).catch((err) => this.deps.logger.warn({ err, followUpId: id }, "follow-up not sent in the sweep"));
    return due.length;
  }

  private async compose(tx: RequestContext, row: FollowUp): Promise<Message> {
    const session = await tx.em.findOneByOrFail(Session, { id: row.sessionId });
    const sender = row.createdById ? MessageSender.AGENT : MessageSender.SYSTEM;
    // With a channel inbox it goes like sendProactiveMessage (consent, the client's open conversation or a new one).
    const target = session.inboxId ? (await this.deps.proactive.prepare(tx, row.clientId, session.inboxId, PURPOSE)).session : session;
    if (!session.inboxId && !(await this.deps.consents.has(tx, row.clientId, PURPOSE))) {
      throw new DomainError("FORBIDDEN", "O cliente não deu consentimento para contato pelo WhatsApp.", { reason: "CONSENT_REQUIRED", purpose: PURPOSE });
    }
    if (target.status === SessionStatus.CLOSED) throw Errors.conflict("A conversa está encerrada.");
    const [message] = await this.deps.composer.compose(tx, target, { text: row.text, sender, authorId: row.createdById });
    return message!;
  }

  private enqueue(row: Pick<FollowUp, "id" | "dueAt">): Promise<void> {
    const delayMs = Math.min(MAX_JOB_DELAY_MS, Math.max(0, row.dueAt.getTime() - Date.now()));
    return this.deps.jobs.enqueue(FOLLOW_UP_JOBS.send, { followUpId: row.id }, { jobId: `followup:${row.id}:${row.dueAt.getTime()}`, delayMs, attempts: 5 });
  }
}
