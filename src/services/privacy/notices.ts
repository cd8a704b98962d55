import { In, type DataSource } from "typeorm";
import type { RequestContext } from "../../context";
import { Client } from "../../entities/client";
import type { DataSubjectRequest } from "../../entities/data-subject-request";
import { Inbox } from "../../entities/inbox";
import { Message } from "../../entities/message";
import { SubjectNotification } from "../../entities/subject-notification";
import { ChannelType, DataSubjectRequestType as Type, DeliveryStatus } from "../../schema/enums";
import { SubjectNotificationEvent as Event, SubjectNotificationStatus as Status } from "../../schema/privacy-enums";
import type { MessagesService } from "../conversations/messages.service";
import type { SessionsService } from "../conversations/sessions.service";
import type { SettingsService } from "../settings/settings.service";

export interface NoticeDetail {
  /** DELETION approved: when the erasure runs. */
  executeAfter?: Date | null;
  /** REJECTED: the legal ground given to the subject. */
  reason?: string | null;
  /** RECTIFICATION completed: the fields that changed. */
  fields?: string[] | null;
}

const WHAT: Record<Type, string> = {
  [Type.ACCESS]: "acesso aos seus dados pessoais",
  [Type.EXPORT]: "cópia (portabilidade) dos seus dados pessoais",
  [Type.DELETION]: "exclusão dos seus dados pessoais",
  [Type.RECTIFICATION]: "correção dos seus dados pessoais",
};

const FIELD_LABEL: Record<string, string> = { name: "nome", email: "e-mail", phone: "telefone", document: "CPF/CNPJ", preferredChannel: "canal preferido" };

const NO_CHANNEL = "O titular não tem canal de contato disponível (conversa, WhatsApp ou e-mail).";

/** Short reference the subject can quote back. */
export const protocolOf = (request: Pick<DataSubjectRequest, "id">) => request.id.slice(0, 8).toUpperCase();

export function noticeText(request: DataSubjectRequest, event: Event, detail: NoticeDetail, timeZone: string): string {
  const what = `seu pedido de ${WHAT[request.type]} (protocolo ${protocolOf(request)})`;
  const day = (d: Date) => new Intl.DateTimeFormat("pt-BR", { timeZone, dateStyle: "short" }).format(d);
  switch (event) {
    case Event.RECEIVED:
      return `Recebemos ${what}, feito com base na Lei Geral de Proteção de Dados (LGPD). Vamos responder até ${day(request.dueAt)}.`;
    case Event.APPROVED:
      return detail.executeAfter && detail.executeAfter.getTime() > Date.now() + 60_000
        ? `O ${what} foi aprovado. A exclusão será feita a partir de ${day(detail.executeAfter)}; você receberá um aviso quando ela começar.`
        : `O ${what} foi aprovado e a exclusão será feita em instantes.`;
    case Event.REJECTED:
      return `Não foi possível atender o ${what}. Motivo: ${detail.reason ?? "não informado"}`;
    case Event.COMPLETED:
      if (request.type === Type.DELETION) return `O ${what} foi atendido: estamos eliminando agora os seus dados pessoais dos nossos sistemas. Esta é a última mensagem sobre este pedido.`;
      if (request.type === Type.RECTIFICATION) {
        const fields = (detail.fields ?? []).map((f) => FIELD_LABEL[f] ?? f);
        return fields.length ? `O ${what} foi atendido: atualizamos ${fields.join(", ")}.` : `O ${what} foi atendido.`;
      }
      return `O ${what} foi atendido. Nossa equipe envia as informações por um canal seguro.`;
  }
}

/**
 * Tells the data subject where their request stands, through the normal outbound
 * path: a SYSTEM message in a conversation on the subject's channel (the latest one
 * they used, else WhatsApp or e-mail through an inbox of the tenant). The message's
 * delivery state is the notice's state. Once per request and step, so a retried
 * erasure or approval never tells twice.
 */
export class SubjectNotices {
  constructor(private readonly ds: DataSource, private readonly sessions: SessionsService, private readonly messages: MessagesService, private readonly settings: SettingsService) {}

  /** Inside the caller's transaction: the notice commits (and goes out) with the decision. */
  async notify(tx: RequestContext, request: DataSubjectRequest, event: Event, detail: NoticeDetail = {}): Promise<SubjectNotification> {
    const existing = await tx.em.findOne(SubjectNotification, { where: { requestId: request.id, event } });
    if (existing) return existing;
    const client = await tx.em.findOneOrFail(Client, { where: { id: request.clientId, tenantId: request.tenantId } });
    const target = client.anonymizedAt ? null : await this.channelFor(tx, client);
    const row = tx.em.create(SubjectNotification, { tenantId: request.tenantId, requestId: request.id, event, channel: target?.channel ?? null, messageId: null, skippedReason: target ? null : NO_CHANNEL });
    if (target) {
      const { timezone } = await this.settings.get(tx, request.tenantId);
      const session = await this.sessions.start(tx, { clientId: client.id, channel: target.channel, inboxId: target.inboxId });
      row.messageId = (await this.messages.system(tx, session.id, noticeText(request, event, detail, timezone))).id;
    }
    return tx.em.save(row);
  }

  /** The notice's message is no longer waiting for the provider (or there is none). */
  async settled(notification: SubjectNotification): Promise<boolean> {
    if (!notification.messageId) return true;
    const m = await this.ds.manager.findOne(Message, { where: { id: notification.messageId }, select: { id: true, deliveryStatus: true } });
    return !m || m.deliveryStatus !== DeliveryStatus.PENDING;
  }

  private async channelFor(tx: RequestContext, client: Client): Promise<{ channel: ChannelType; inboxId: string | null } | null> {
    // The conversation the subject used last (open ones first), where a reply can actually reach them.
    const [last] = (await tx.em.query(
      `SELECT s.channel, s.inbox_id AS "inboxId" FROM sessions s LEFT JOIN inboxes i ON i.id = s.inbox_id
       WHERE s.tenant_id = $1 AND s.client_id = $2 AND s.anonymized_at IS NULL
         AND ((s.inbox_id IS NOT NULL AND i.disabled_at IS NULL) OR (s.inbox_id IS NULL AND s.channel = 'WEB'))
       ORDER BY (s.status <> 'CLOSED') DESC, coalesce(s.last_message_at, s.created_at) DESC LIMIT 1`,
      [client.tenantId, client.id],
    )) as Array<{ channel: ChannelType; inboxId: string | null }>;
    if (last) return last;
    const channels = [...(client.waId || client.phone ? [ChannelType.WHATSAPP] : []), ...(client.email ? [ChannelType.EMAIL] : [])];
    if (!channels.length) return null;
    const inboxes = await tx.em.find(Inbox, { where: { tenantId: client.tenantId, channel: In(channels) }, order: { createdAt: "ASC" } });
    const inbox = channels.map((c) => inboxes.find((i) => i.channel === c && !i.disabledAt)).find(Boolean);
    return inbox ? { channel: inbox.channel, inboxId: inbox.id } : null;
  }
}

/** What a console shows: the delivery state of the message, or SKIPPED. */
export function notificationStatus(n: SubjectNotification, message: Pick<Message, "deliveryStatus"> | null): Status {
  if (!n.messageId) return Status.SKIPPED;
  switch (message?.deliveryStatus) {
    case DeliveryStatus.SENT: return Status.SENT;
    case DeliveryStatus.DELIVERED: return Status.DELIVERED;
    case DeliveryStatus.READ: return Status.READ;
    case DeliveryStatus.FAILED: return Status.FAILED;
    default: return Status.QUEUED;
  }
}
