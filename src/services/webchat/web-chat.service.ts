import { MoreThan, type DataSource } from "typeorm";
import { Client } from "../../entities/client";
import { Inbox } from "../../entities/inbox";
import { Message } from "../../entities/message";
import { Session } from "../../entities/session";
import { Tenant } from "../../entities/tenant";
import { WebVisitor } from "../../entities/web-visitor";
import { inTransaction, type Principal, type RequestContext } from "../../context";
import type { Config } from "../../config";
import type { WebChatConfig } from "../../channels";
import { WEB_CHAT_KEY_PREFIX } from "../../channels/web-chat";
import { originAllowed } from "../../channels/web-chat/origins";
import { randomToken, sha256Hex } from "../../infra/crypto";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import { newStorageKey, type Storage } from "../../infra/storage";
import { Errors } from "../../schema/errors";
import { ChannelType, ConsentPurpose, DeliveryStatus, InboxProvider, MessageDirection, MessageSender, MessageType, SessionStatus } from "../../schema/enums";
import { VISITOR_TOKEN_PREFIX } from "../auth/authenticator";
import type { InboxesService } from "../channels/inboxes.service";
import { searchKey } from "../clients/search";
import type { ConsentsService } from "../consents/consents.service";
import type { ConversationService } from "../conversations/conversation.service";
import type { MessagesService } from "../conversations/messages.service";
import type { SessionsService } from "../conversations/sessions.service";
import type { DocumentsService, FileUploadLike } from "../documents/documents.service";
import { committed, type Events } from "../events";
import { normalizePhone } from "../validation/br";
import { emailOrThrow, optionalText } from "../validation/input";
import type { WebChatLimits } from "./limits";

export const WEB_CHAT_RESPOND_JOB = "webchat.respond";
const MAX_ATTACHMENTS = 3;

export interface VisitorSessionData {
  publicKey: string;
  acceptedPrivacyNotice: boolean;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** What the widget shows before a conversation: public, answered only to an allowed site. */
export interface WebChatPublicSettings {
  name: string;
  color: string;
  welcomeText: string | null;
  privacyNoticeUrl: string | null;
  privacyNoticeVersion: string;
  privacyNoticeText: string;
  maxTextLength: number;
  maxAttachmentBytes: number;
}

export interface WebChatDeps {
  ds: DataSource;
  /** A visitor is a new contact (CRM: may start a lead). */
  clientCreated?: (tx: RequestContext, client: Client, channel: ChannelType) => Promise<void>;
  config: Config;
  logger: Logger;
  storage: Storage;
  jobs: JobQueue;
  events: Events;
  limits: WebChatLimits;
  inboxes: InboxesService;
  sessions: SessionsService;
  messages: MessagesService;
  consents: ConsentsService;
  conversations: ConversationService;
  documents: DocumentsService;
  systemContext: (tenantId: string) => RequestContext;
}

/** The exact sentence the visitor accepts (stored with the consent). */
function noticeText(business: string, cfg: WebChatConfig): string {
  return `Li e aceito o aviso de privacidade de ${business} (versão ${cfg.privacyNoticeVersion})${cfg.privacyNoticeUrl ? `: ${cfg.privacyNoticeUrl}` : ""}. Meus dados serão usados para este atendimento.`;
}

/**
 * The web chat: a visitor accepts the privacy notice and gets a token for one
 * session (a VISITOR principal); their messages take the WhatsApp path (triage, AI
 * reply, handoff) and replies reach them live (`visitorMessages`). Every visitor
 * operation checks the request's Origin against the inbox's allow-list.
 */
export class WebChatService {
  constructor(private readonly deps: WebChatDeps) {}

  async settings(ctx: RequestContext, publicKey: string): Promise<WebChatPublicSettings> {
    const { inbox, config } = await this.inboxByKey(ctx, publicKey);
    const tenant = await ctx.em.findOneOrFail(Tenant, { where: { id: inbox.tenantId } });
    return {
      name: tenant.name,
      color: config.color,
      welcomeText: config.welcomeText,
      privacyNoticeUrl: config.privacyNoticeUrl,
      privacyNoticeVersion: config.privacyNoticeVersion,
      privacyNoticeText: noticeText(tenant.name, config),
      maxTextLength: this.deps.config.webChat.maxText,
      maxAttachmentBytes: this.deps.config.uploads.maxBytes,
    };
  }

  async start(ctx: RequestContext, input: VisitorSessionData): Promise<{ token: string; session: Session }> {
    const { inbox, config } = await this.inboxByKey(ctx, input.publicKey);
    if (input.acceptedPrivacyNotice !== true) throw Errors.badInput("acceptedPrivacyNotice", "Para conversar, é preciso aceitar o aviso de privacidade.");
    const name = optionalText("name", input.name, 120, "O nome");
    const email = input.email?.trim() ? emailOrThrow("email", input.email) : null;
    let phone: string | null = null;
    if (input.phone?.trim()) {
      phone = normalizePhone(input.phone);
      if (!phone) throw Errors.badInput("phone", "Telefone inválido: informe DDD e número, por exemplo (11) 98765-4321.");
    }
    await this.deps.limits.newSession(ctx.ip);
    const tenant = await ctx.em.findOneOrFail(Tenant, { where: { id: inbox.tenantId } });
    const token = `${VISITOR_TOKEN_PREFIX}${randomToken(32)}`;
    const sys = { ...this.deps.systemContext(inbox.tenantId), ip: ctx.ip, origin: ctx.origin };
    const session = await inTransaction(this.deps.ds, sys, async (tx) => {
      const client = await this.newClient(tx, inbox.tenantId, { name, email, phone });
      await this.deps.clientCreated?.(tx, client, ChannelType.WEB);
      const s = await this.deps.sessions.start(tx, { clientId: client.id, channel: ChannelType.WEB, inboxId: inbox.id });
      await this.deps.consents.grant(tx, {
        clientId: client.id,
        purpose: ConsentPurpose.WEB_CHAT_CONTACT,
        text: noticeText(tenant.name, config),
        textVersion: config.privacyNoticeVersion,
        source: `web-chat ${ctx.origin}${ctx.ip ? ` ip:${ctx.ip}` : ""}`.slice(0, 500),
      });
      await tx.em.insert(WebVisitor, {
        tenantId: inbox.tenantId,
        inboxId: inbox.id,
        sessionId: s.id,
        clientId: client.id,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(Date.now() + this.deps.config.webChat.tokenTtlDays * 86_400_000),
        origin: ctx.origin!,
        contact: { name, email, phone },
        ip: ctx.ip,
      });
      return s;
    });
    return { token, session };
  }

  /** The visitor's own session (and nothing else). */
  async session(ctx: RequestContext): Promise<Session> {
    return (await this.visitor(ctx)).session;
  }

  async send(ctx: RequestContext, text: string | null | undefined, attachments: Array<FileUploadLike | Promise<FileUploadLike>> | null | undefined): Promise<Message> {
    const { visitor, session } = await this.visitor(ctx);
    await this.deps.limits.message(visitor.id, ctx.ip);
    if (session.status === SessionStatus.CLOSED) throw Errors.conflict("A conversa foi encerrada. Inicie uma nova conversa.");
    const body = (text ?? "").trim();
    const max = this.deps.config.webChat.maxText;
    if (body.length > max) throw Errors.badInput("text", `A mensagem pode ter no máximo ${max} caracteres.`);
    const files = attachments ?? [];
    if (files.length > MAX_ATTACHMENTS) throw Errors.badInput("attachments", `Envie no máximo ${MAX_ATTACHMENTS} arquivos por vez.`);
    if (!body && !files.length) throw Errors.badInput("text", "Escreva uma mensagem.");
    const read = [];
    for (const [i, f] of files.entries()) read.push(await this.deps.documents.readUpload(f, `attachments.${i}`));
    // Files first (storage cannot roll back); removed again if the messages are not stored.
    const stored = read.map((f) => ({ ...f, key: newStorageKey(session.tenantId, "media", f.mime) }));
    for (const f of stored) await this.deps.storage.put(f.key, f.data, f.mime);
    const sys = this.deps.systemContext(session.tenantId);
    const inbound = { direction: MessageDirection.INBOUND, sender: MessageSender.CLIENT, deliveryStatus: DeliveryStatus.DELIVERED };
    let created: Message[];
    try {
      created = await inTransaction(this.deps.ds, sys, async (tx) => {
        const out: Message[] = [];
        if (body) out.push(await this.deps.messages.append(tx, session.id, { ...inbound, text: body }));
        for (const f of stored) {
          const type = f.mime === "application/pdf" ? MessageType.DOCUMENT : MessageType.IMAGE;
          out.push(await this.deps.messages.append(tx, session.id, { ...inbound, type, media: { storageKey: f.key, mimeType: f.mime, fileName: f.filename, size: f.data.length } }));
        }
        return out;
      });
    } catch (err) {
      for (const f of stored) await this.deps.storage.delete(f.key).catch(() => undefined);
      throw err;
    }
    // Attachments are read (OCR) like any document; the text lands in their message.
    for (const [i, f] of stored.entries()) {
      const message = created[created.length - stored.length + i]!;
      await this.deps.documents.ingestMessageMedia(sys, { tenantId: session.tenantId, clientId: session.clientId, messageId: message.id, data: f.data, storageKey: f.key, mimeType: f.mime, fileName: f.filename })
        .catch((err) => this.deps.logger.warn({ err, messageId: message.id }, "web chat attachment not read"));
    }
    const first = created[0]!;
    await this.deps.jobs.enqueue(WEB_CHAT_RESPOND_JOB, { messageId: first.id }, { jobId: `webchat-respond:${first.id}`, attempts: 3 });
    return first;
  }

  /**
   * Safety net for answer jobs lost with a crashed process or failed for good: a visitor's message
   * in a conversation the AI still handles (ACTIVE), with nothing after it for `staleSeconds`, is
   * answered again (as a retry: skipped when something already went out after it). A day old, it is left.
   */
  async requeueStale(staleSeconds = 120): Promise<number> {
    const rows: Array<{ id: string }> = await this.deps.ds.query(
      `SELECT m.id FROM messages m JOIN sessions s ON s.id = m.session_id
       WHERE s.channel = 'WEB' AND s.status = 'ACTIVE' AND m.direction = 'INBOUND'
         AND m.created_at < now() - make_interval(secs => $1) AND m.created_at > now() - interval '1 day'
         AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.session_id = m.session_id AND o.created_at > m.created_at)
       ORDER BY m.created_at LIMIT 200`,
      [staleSeconds],
    );
    for (const r of rows) await this.deps.jobs.enqueue(WEB_CHAT_RESPOND_JOB, { messageId: r.id, recovered: true }, { jobId: `webchat-respond:${r.id}`, attempts: 3 });
    return rows.length;
  }

  /** The `webchat.respond` job: the same answer path as a WhatsApp message (triage, AI, handoff). */
  async respond(messageId: string, attempt: number): Promise<void> {
    const message = await this.deps.ds.manager.findOne(Message, { where: { id: messageId } });
    if (!message) return;
    const session = await this.deps.ds.manager.findOneOrFail(Session, { where: { id: message.sessionId } });
    if (session.status === SessionStatus.CLOSED) return;
    // A retry after a crash: answered already if something went out after the message.
    if (attempt > 1 && (await this.deps.ds.manager.exists(Message, { where: { sessionId: session.id, direction: MessageDirection.OUTBOUND, createdAt: MoreThan(message.createdAt) } }))) return;
    await this.deps.conversations.respond(this.deps.systemContext(session.tenantId), session.id, message);
  }

  /** The visitor is (or stopped) typing: shown on the agent's console. Throttled. */
  async visitorTyping(ctx: RequestContext, typing: boolean): Promise<boolean> {
    const { session } = await this.visitor(ctx);
    if (session.status === SessionStatus.CLOSED) return false;
    if (typing && !(await this.deps.limits.typingAllowed(`client:${session.id}`))) return true;
    await this.deps.events.typing(committed(ctx.em), session.tenantId, { sessionId: session.id, agentId: session.assignedAgentId, sender: "CLIENT", typing });
    return true;
  }

  /** An agent is typing in a conversation: shown in the visitor's widget. Throttled. */
  async agentTyping(ctx: RequestContext, sessionId: string): Promise<boolean> {
    const session = await this.deps.sessions.get(ctx, sessionId);
    if (session.status === SessionStatus.CLOSED) return false;
    if (!(await this.deps.limits.typingAllowed(`agent:${session.id}`))) return true;
    await this.deps.events.typing(committed(ctx.em), session.tenantId, { sessionId: session.id, agentId: session.assignedAgentId, sender: "AGENT", typing: true });
    return true;
  }

  /** graphql-ws: a visitor's socket must come from a site of its inbox's allow-list. */
  async socketAllowed(principal: Principal, origin: string | null): Promise<boolean> {
    const visitor = await this.deps.ds.manager.findOne(WebVisitor, { where: { id: principal.id, tenantId: principal.tenantId } });
    const inbox = visitor ? await this.deps.ds.manager.findOne(Inbox, { where: { id: visitor.inboxId } }) : null;
    return Boolean(inbox && originAllowed(this.deps.inboxes.config<WebChatConfig>(inbox).allowedOrigins, origin));
  }

  private async inboxByKey(ctx: RequestContext, publicKey: string): Promise<{ inbox: Inbox; config: WebChatConfig }> {
    const key = String(publicKey ?? "").trim();
    const inbox = key.startsWith(WEB_CHAT_KEY_PREFIX) && key.length <= 100 ? await ctx.em.findOne(Inbox, { where: { provider: InboxProvider.WEB_CHAT, externalId: key } }) : null;
    if (!inbox || inbox.disabledAt) throw Errors.badInput("publicKey", "Chat não encontrado: confira a chave pública (data-inbox).");
    const config = this.deps.inboxes.config<WebChatConfig>(inbox);
    this.checkOrigin(config, ctx.origin);
    return { inbox, config };
  }

  private checkOrigin(config: WebChatConfig, origin: string | null | undefined): void {
    if (!originAllowed(config.allowedOrigins, origin)) throw Errors.forbidden("Este site não está autorizado a usar este chat.");
  }

  private async visitor(ctx: RequestContext): Promise<{ visitor: WebVisitor; session: Session }> {
    const p = ctx.principal;
    if (!p || p.kind !== "visitor") throw Errors.unauthenticated("Inicie uma conversa para usar o chat.");
    const visitor = await ctx.em.findOneOrFail(WebVisitor, { where: { id: p.id, tenantId: p.tenantId } });
    const inbox = await ctx.em.findOneOrFail(Inbox, { where: { id: visitor.inboxId, tenantId: p.tenantId } });
    this.checkOrigin(this.deps.inboxes.config<WebChatConfig>(inbox), ctx.origin);
    const session = await ctx.em.findOneOrFail(Session, { where: { id: visitor.sessionId, tenantId: p.tenantId } });
    return { visitor, session };
  }

  /**
   * Every visitor is a new client: what they typed is unverified, so it never joins
   * an existing client's record (whose history the AI's tools could reveal). An
   * e-mail or phone already on file stays only in the visitor's own row.
   */
  private async newClient(tx: RequestContext, tenantId: string, c: { name: string | null; email: string | null; phone: string | null }): Promise<Client> {
    const free = async (where: { email: string } | { phone: string }) => !(await tx.em.exists(Client, { where: { tenantId, ...where } }));
    const name = c.name ?? `Visitante ${randomToken(3).toUpperCase().replace(/[^A-Z0-9]/g, "X")}`;
    const email = c.email && (await free({ email: c.email })) ? c.email : null;
    const phone = c.phone && (await free({ phone: c.phone })) ? c.phone : null;
    return tx.em.save(tx.em.create(Client, { tenantId, name, email, phone, preferredChannel: ChannelType.WEB, searchText: searchKey([name, email, phone].filter(Boolean).join(" ")) }));
  }
}
