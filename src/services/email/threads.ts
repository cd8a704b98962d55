import { In, type EntityManager } from "typeorm";
import { Client } from "../../entities/client";
import type { Inbox } from "../../entities/inbox";
import { Message } from "../../entities/message";
import { Session } from "../../entities/session";
import type { RequestContext } from "../../context";
import type { ThreadRef } from "../../channels";
import { threadToken } from "../../channels/email/thread";
import type { InboundMessageEvent } from "../../channels/types";
import { MessageDirection, SessionStatus } from "../../schema/enums";
import type { ClientsService } from "../clients/clients.service";
import type { SessionsService } from "../conversations/sessions.service";

/** How many Message-IDs a reply's References keeps (the first and the latest ones). */
const MAX_REFERENCES = 20;

/**
 * E-mail conversations: which conversation an incoming mail belongs to, and what a
 * reply answers. A mail joins a conversation by its `In-Reply-To`/`References`
 * (the ids are ours or the client's, unguessable), then by the conversation token
 * in its address or subject, which only counts for the conversation's own client
 * (a token copied into someone else's mail opens a new conversation instead).
 */
export class EmailThreads {
  constructor(private readonly deps: { clients: ClientsService; sessions: SessionsService; secret: (inbox: Inbox) => string }) {}

  async conversationFor(ctx: RequestContext, inbox: Inbox, e: InboundMessageEvent): Promise<{ client: Client; session: Session } | null> {
    const address = e.from.email;
    if (!address) return null;
    const meta = e.email;
    const refs = [meta?.attachmentOf, meta?.inReplyTo, ...[...(meta?.references ?? [])].reverse()].filter((r): r is string => Boolean(r));
    if (refs.length) {
      const found = await ctx.em
        .createQueryBuilder(Message, "m")
        .innerJoin(Session, "s", "s.id = m.session_id")
        .where("m.tenant_id = :tenantId AND s.inbox_id = :inboxId AND m.provider_message_id IN (:...refs)", { tenantId: inbox.tenantId, inboxId: inbox.id, refs })
        .orderBy("m.created_at", "DESC")
        .select(["m.id", "m.sessionId"])
        .getOne();
      const session = found ? await ctx.em.findOne(Session, { where: { id: found.sessionId } }) : null;
      if (session && session.status !== SessionStatus.CLOSED) {
        return { client: await ctx.em.findOneOrFail(Client, { where: { id: session.clientId } }), session };
      }
    }
    const client = await this.deps.clients.findOrCreateByEmail(ctx, address, { name: e.from.name });
    if (meta?.token) {
      const candidates = await ctx.em.find(Session, { where: { tenantId: inbox.tenantId, clientId: client.id, inboxId: inbox.id, status: In([SessionStatus.ACTIVE, SessionStatus.WAITING_HUMAN, SessionStatus.WITH_AGENT]) }, order: { createdAt: "DESC" }, take: 20 });
      const secret = this.deps.secret(inbox);
      const match = candidates.find((s) => threadToken(secret, s.id) === meta.token);
      if (match) return { client, session: match };
    }
    return { client, session: await this.deps.sessions.start(ctx, { clientId: client.id, channel: inbox.channel, inboxId: inbox.id }) };
  }

  /** The thread a reply in this session continues: the client's last mail, its subject and the ids so far. */
  async threadFor(em: EntityManager, sessionId: string): Promise<ThreadRef> {
    const rows = await em.find(Message, {
      where: { sessionId },
      select: { id: true, direction: true, providerMessageId: true, email: true, createdAt: true },
      order: { createdAt: "DESC", id: "DESC" },
      take: 200,
    });
    rows.reverse();
    const mails = rows.filter((m) => m.providerMessageId && (m.email || m.direction === MessageDirection.OUTBOUND));
    const inbound = rows.filter((m) => m.email?.messageId);
    const first = inbound[0]?.email ?? null;
    const last = inbound[inbound.length - 1]?.email ?? null;
    const ids: string[] = [];
    for (const id of [...(first?.references ?? []), ...mails.map((m) => m.providerMessageId!)]) if (!ids.includes(id)) ids.push(id);
    const references = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
    return { subject: last?.subject ?? first?.subject ?? null, inReplyTo: last?.messageId ?? null, references };
  }
}
