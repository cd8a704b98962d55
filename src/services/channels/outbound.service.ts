import type { DataSource, EntityManager } from "typeorm";
import { Client } from "../../entities/client";
import { Inbox } from "../../entities/inbox";
import { Message } from "../../entities/message";
import { Session } from "../../entities/session";
import type { RequestContext } from "../../context";
import type { JobQueue } from "../../infra/jobs";
import { isProviderError } from "../../infra/providers";
import type { Storage } from "../../infra/storage";
import { histogram, secondsSince } from "../../infra/metrics";
import { traced } from "../../infra/tracing";
import { DeliveryStatus, MessageDirection, MessageType } from "../../schema/enums";
import { channelFor, type ThreadRef } from "../../channels";
import type { MediaKind, OutgoingMessage } from "../../channels/channel";
import { WINDOW_CLOSED, windowClosedMessage } from "./reply-window";
import { committed, type Events } from "../events";
import type { InboxesService } from "./inboxes.service";

export const SEND_JOB = "outbound.send";
const KIND: Partial<Record<MessageType, MediaKind>> = { [MessageType.IMAGE]: "image", [MessageType.AUDIO]: "audio", [MessageType.VIDEO]: "video", [MessageType.DOCUMENT]: "document" };
const ATTEMPTS = 4;
/** A PENDING message this old lost its job (a crashed in-process runner); it is sent again. */
const STALE_AFTER_S = 120;
/** Past this, sending makes no sense any more (and WhatsApp's 24 h window is closed): FAILED. */
const GIVE_UP_AFTER_S = 24 * 3600;

const sends = histogram("atende_outbound_send_duration_seconds", "Replies sent through a provider, by provider and outcome (sent, retry, failed)", ["provider", "outcome"]);

/** Sends AI, agent and system replies through the session's inbox channel. */
export class OutboundService {
  /** What a reply continues, for channels that thread (e-mail): the e-mail area plugs in here. */
  threadFor: ((em: EntityManager, sessionId: string) => Promise<ThreadRef>) | null = null;

  constructor(private readonly ds: DataSource, private readonly jobs: JobQueue, private readonly inboxes: InboxesService, private readonly events: Events, private readonly storage: Storage) {}

  /** MessagesService outbound hook (after commit). */
  enqueue = async (_ctx: RequestContext, message: Message): Promise<void> => {
    if (message.deliveryStatus !== DeliveryStatus.PENDING) return;
    await this.jobs.enqueue(SEND_JOB, { messageId: message.id }, { jobId: `send:${message.id}`, attempts: ATTEMPTS });
  };

  /**
   * Safety net for send jobs lost with a crashed process (the in-process runner keeps
   * jobs in memory): outbound messages still PENDING after a while are enqueued again
   * (the job is idempotent); those a day old are marked FAILED, visibly.
   */
  async requeueStale(): Promise<{ requeued: number; failed: number }> {
    const rows: Array<{ id: string; sessionId: string; tenantId: string; agentId: string | null; expired: boolean }> = await this.ds.query(
      `SELECT m.id, m.session_id AS "sessionId", s.tenant_id AS "tenantId", s.assigned_agent_id AS "agentId",
              m.created_at < now() - make_interval(secs => $2) AS expired
       FROM messages m JOIN sessions s ON s.id = m.session_id
       WHERE m.delivery_status = 'PENDING' AND m.direction = 'OUTBOUND' AND m.created_at < now() - make_interval(secs => $1)
       ORDER BY m.created_at LIMIT 500`,
      [STALE_AFTER_S, GIVE_UP_AFTER_S],
    );
    let failed = 0;
    for (const r of rows) {
      if (!r.expired) {
        await this.jobs.enqueue(SEND_JOB, { messageId: r.id }, { jobId: `send:${r.id}`, attempts: ATTEMPTS });
        continue;
      }
      const res = await this.ds.manager.createQueryBuilder().update(Message)
        .set({ deliveryStatus: DeliveryStatus.FAILED, deliveryError: "Não enviada: o envio não foi concluído em 24 horas." })
        .where("id = :id AND delivery_status = 'PENDING'", { id: r.id }).execute();
      if (!res.affected) continue;
      failed++;
      await this.events.messageUpdated(committed(this.ds.manager), r.tenantId, r.id, r.sessionId, r.agentId);
    }
    return { requeued: rows.length - failed, failed };
  }

  /** The stored message with its file read back and the message it quotes. */
  private async outgoing(message: Message): Promise<OutgoingMessage> {
    const m = message.media;
    const attachment = m?.storageKey && m.mimeType && message.direction === MessageDirection.OUTBOUND
      ? { kind: KIND[message.type] ?? "document", data: await this.storage.get(m.storageKey), mimeType: m.mimeType, fileName: m.fileName ?? null, voice: Boolean(m.voice) }
      : null;
    let quoted: OutgoingMessage["quoted"] = null;
    if (message.replyToProviderId) {
      const q = await this.ds.manager.findOne(Message, { where: { tenantId: message.tenantId, providerMessageId: message.replyToProviderId } });
      quoted = { providerMessageId: message.replyToProviderId, text: q?.text ?? null, fromClient: q ? q.direction === MessageDirection.INBOUND : true };
    }
    return Object.assign(message, { attachment, quoted });
  }

  async send(messageId: string, attempt: number): Promise<void> {
    const em = this.ds.manager;
    const message = await em.findOne(Message, { where: { id: messageId } });
    // Idempotent: a message that already has a provider id or a final state is done.
    if (!message || message.providerMessageId || message.deliveryStatus !== DeliveryStatus.PENDING) return;
    const session = await em.findOneOrFail(Session, { where: { id: message.sessionId } });
    const inbox = session.inboxId ? await em.findOne(Inbox, { where: { id: session.inboxId } }) : null;
    const client = await em.findOneOrFail(Client, { where: { id: session.clientId } });
    // No inbox (an integrator's session): the reply stays in the conversation for them to read.
    if (!inbox) {
      await em.update(Message, { id: message.id }, { deliveryStatus: DeliveryStatus.SENT });
      return;
    }
    if (inbox.disabledAt) {
      await em.update(Message, { id: message.id }, { deliveryStatus: DeliveryStatus.FAILED, deliveryError: "Não enviada: a caixa de entrada está desativada.", deliveryErrorCode: "INBOX_DISABLED" });
      await this.events.messageUpdated(committed(em), session.tenantId, message.id, session.id, session.assignedAgentId);
      return;
    }
    const provider = inbox.provider;
    const started = process.hrtime.bigint();
    let delivered = false;
    try {
      const channel = channelFor(provider);
      const thread = channel.threaded && this.threadFor ? await this.threadFor(em, session.id) : null;
      const outgoing = await this.outgoing(message);
      const sent = await traced("outbound send", { "messaging.system": provider, "atende.inbox_id": inbox.id }, () => channel.send(this.inboxes.runtime(inbox), client, outgoing, { thread }));
      delivered = true;
      sends.observe({ provider, outcome: "sent" }, secondsSince(started));
      await em.createQueryBuilder().update(Message).set({ providerMessageId: sent.providerMessageId, deliveryStatus: DeliveryStatus.SENT, deliveryError: null })
        .where("id = :id AND delivery_status = 'PENDING'", { id: message.id }).execute();
    } catch (err) {
      const retryable = isProviderError(err) ? err.retryable : true;
      if (!delivered) sends.observe({ provider, outcome: retryable && attempt < ATTEMPTS ? "retry" : "failed" }, secondsSince(started));
      if (retryable && attempt < ATTEMPTS) {
        await em.update(Message, { id: message.id }, { deliveryError: `Tentativa ${attempt} falhou; nova tentativa em instantes.` });
        throw err;
      }
      const windowClosed = isProviderError(err) && err.providerCode === "131047";
      const reason = windowClosed ? `131047: ${windowClosedMessage(null)}` : isProviderError(err) ? err.message : "Falha ao enviar pelo provedor.";
      await em.update(Message, { id: message.id }, { deliveryStatus: DeliveryStatus.FAILED, deliveryError: reason.slice(0, 500), deliveryErrorCode: windowClosed ? WINDOW_CLOSED : isProviderError(err) ? (err.providerCode ?? err.code) : null });
    }
    await this.events.messageUpdated(committed(em), session.tenantId, message.id, session.id, session.assignedAgentId);
  }
}
