import type { DataSource } from "typeorm";
import { Message } from "../../entities/message";
import { Session } from "../../entities/session";
import { afterCommit, requirePrincipal, type RequestContext } from "../../context";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { DeliveryStatus, MessageDirection, MessageSender, MessageType } from "../../schema/enums";
import type { Events } from "../events";
import type { Visibility } from "../visibility";

export type NewMessage = Partial<Message> & { sender: MessageSender; direction: MessageDirection };

/** Called after commit for every outbound message of a session (WhatsApp delivery plugs in here). */
export type OutboundHook = (ctx: RequestContext, message: Message, session: Session) => Promise<void>;

export class MessagesService {
  readonly outboundHooks: OutboundHook[] = [];
  /** Called after commit for every message a client writes (CRM lead qualification plugs in here). */
  readonly inboundHooks: OutboundHook[] = [];

  constructor(private readonly ds: DataSource, private readonly events: Events, private readonly visibility: Visibility) {}

  /**
   * Stores a message in its session (counters, timestamps), publishes messageAdded
   * after commit and, for outbound messages, hands them to delivery.
   */
  async append(ctx: RequestContext, sessionId: string, fields: NewMessage): Promise<Message> {
    const session = await ctx.em.findOneOrFail(Session, { where: { id: sessionId } });
    const outbound = fields.direction === MessageDirection.OUTBOUND;
    const message = await ctx.em.save(
      ctx.em.create(Message, {
        type: MessageType.TEXT,
        // Nothing to deliver for sessions without a provider inbox (web chat, API): already "sent".
        deliveryStatus: outbound && session.inboxId ? DeliveryStatus.PENDING : DeliveryStatus.SENT,
        ...fields,
        tenantId: session.tenantId,
        sessionId,
      }),
    );
    const firstResponse = outbound && !session.firstResponseAt && fields.sender !== MessageSender.SYSTEM;
    // Reactions do not open WhatsApp's customer-service window; every other client message does.
    const fromClient = !outbound && fields.sender === MessageSender.CLIENT && fields.type !== MessageType.REACTION;
    await ctx.em
      .createQueryBuilder()
      .update(Session)
      .set({
        messageCount: () => "message_count + 1",
        lastMessageAt: message.createdAt,
        ...(firstResponse ? { firstResponseAt: message.createdAt } : {}),
        ...(fromClient ? { lastClientMessageAt: message.createdAt } : {}),
      })
      .where("id = :id", { id: sessionId })
      .execute();
    await this.events.message(ctx, session.tenantId, message.id, sessionId, session.assignedAgentId);
    if (outbound && session.inboxId && message.deliveryStatus === DeliveryStatus.PENDING && this.outboundHooks.length) {
      await afterCommit(ctx, async () => {
        for (const hook of this.outboundHooks) await hook(ctx, message, session);
      });
    }
    if (!outbound && fields.sender === MessageSender.CLIENT && this.inboundHooks.length) {
      await afterCommit(ctx, async () => {
        for (const hook of this.inboundHooks) await hook(ctx, message, session);
      });
    }
    return message;
  }

  system(ctx: RequestContext, sessionId: string, text: string): Promise<Message> {
    return this.append(ctx, sessionId, { direction: MessageDirection.OUTBOUND, sender: MessageSender.SYSTEM, text });
  }

  /** Conversation order (oldest first, or newest first to page back through history), keyset-paginated; empty for a conversation the caller may not see. */
  list(ctx: RequestContext, sessionId: string, args: PageArgs, newestFirst = false): Promise<Connection<Message>> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(Message, "m").where("m.tenant_id = :tenantId AND m.session_id = :sessionId", { tenantId: p.tenantId, sessionId });
    const visible = this.visibility.viaSessionSql(p, "m.session_id");
    if (visible) qb.andWhere(visible.sql, visible.params);
    return paginate(qb, args, { sortColumn: "m.created_at", idColumn: "m.id", sortValue: (m) => m.createdAt, direction: newestFirst ? "DESC" : "ASC" });
  }

  /** Last messages of a session, oldest first, for the AI's context window. */
  async history(ctx: RequestContext, sessionId: string, limit = 20): Promise<Message[]> {
    const rows = await ctx.em.find(Message, { where: { sessionId }, order: { createdAt: "DESC", id: "DESC" }, take: limit });
    return rows.reverse();
  }
}
