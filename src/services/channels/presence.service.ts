import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";
import type { DataSource } from "typeorm";
import { Client } from "../../entities/client";
import { Inbox } from "../../entities/inbox";
import { Message } from "../../entities/message";
import type { Session } from "../../entities/session";
import type { RequestContext } from "../../context";
import { returnedRows } from "../../infra/database";
import type { Logger } from "../../infra/logger";
import { channelFor, type Channel } from "../../channels";
import { MessageDirection, SessionStatus } from "../../schema/enums";
import type { SessionsService } from "../conversations/sessions.service";
import type { InboxesService } from "./inboxes.service";

/** One typing indicator per conversation per this many seconds (WhatsApp shows it ~10-25 s). */
export const TYPING_INTERVAL_SECONDS = 5;

/**
 * What the client sees of the agent: read receipts (blue ticks) when the conversation is opened,
 * once per message, and "typing…" while the agent writes, throttled across every API process.
 */
export class PresenceService {
  private readonly typingGate: RateLimiterAbstract;
  /** Shows the agent typing inside the platform (the web chat widget); wired in services/index.ts. */
  localTyping: ((ctx: RequestContext, sessionId: string) => Promise<boolean>) | null = null;

  constructor(private readonly ds: DataSource, private readonly inboxes: InboxesService, private readonly sessions: SessionsService, private readonly logger: Logger, redis?: Redis, prefix = "atende") {
    const opts = { points: 1, duration: TYPING_INTERVAL_SECONDS, keyPrefix: `${prefix}:typing` };
    this.typingGate = redis ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: false }) : new RateLimiterMemory(opts);
  }

  /** Marks the client's unread messages as read on the provider; each message only once. */
  async markRead(ctx: RequestContext, sessionId: string): Promise<Session> {
    const session = await this.sessions.get(ctx, sessionId);
    const target = await this.target(session, "markRead");
    if (!target) return session;
    // Claimed in one statement: two consoles opening the conversation together send it once.
    const claimed = returnedRows<{ id: string; provider_message_id: string; created_at: Date }>(
      await this.ds.query(
        `UPDATE messages SET read_receipt_at = now() WHERE session_id = $1 AND direction = 'INBOUND' AND read_receipt_at IS NULL
           AND provider_message_id IS NOT NULL AND type <> 'REACTION'
         RETURNING id, provider_message_id, created_at`,
        [session.id],
      ),
    ).sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
    if (!claimed.length) return session;
    try {
      await target.channel.markRead!(this.inboxes.runtime(target.inbox), target.client, claimed.map((r) => r.provider_message_id));
    } catch (err) {
      // Released so that the next opening tries again; the agent's console is not blocked by it.
      await this.ds.query(`UPDATE messages SET read_receipt_at = NULL WHERE id = ANY($1::uuid[])`, [claimed.map((r) => r.id)]);
      this.logger.warn({ err, sessionId: session.id }, "read receipts not sent");
    }
    return session;
  }

  /** Shows "typing…" to the client; false when throttled, unsupported or the provider failed. */
  async typing(ctx: RequestContext, sessionId: string): Promise<boolean> {
    const session = await this.sessions.get(ctx, sessionId);
    if (session.status === SessionStatus.CLOSED) return false;
    const local = this.localTyping ? await this.localTyping(ctx, session.id) : false;
    const target = await this.target(session, "sendTyping");
    if (!target) return session.inboxId && (await this.providerInbox(session)) ? false : local;
    try {
      await this.typingGate.consume(session.id);
    } catch (err) {
      if (err instanceof RateLimiterRes) return false;
      throw err;
    }
    const last = await ctx.em.findOne(Message, { where: { sessionId: session.id, direction: MessageDirection.INBOUND }, order: { createdAt: "DESC" }, select: { id: true, providerMessageId: true } });
    try {
      return await target.channel.sendTyping!(this.inboxes.runtime(target.inbox), target.client, last?.providerMessageId ?? null);
    } catch (err) {
      this.logger.warn({ err, sessionId: session.id }, "typing indicator not sent");
      return false;
    }
  }

  /** The session's inbox when it belongs to a provider that could show typing (disabled or not). */
  private async providerInbox(session: Session): Promise<boolean> {
    const inbox = await this.ds.manager.findOne(Inbox, { where: { id: session.inboxId!, tenantId: session.tenantId } });
    return Boolean(inbox && channelFor(inbox.provider).sendTyping);
  }

  private async target(session: Session, capability: "markRead" | "sendTyping"): Promise<{ inbox: Inbox; channel: Channel; client: Client } | null> {
    if (!session.inboxId) return null;
    const inbox = await this.ds.manager.findOne(Inbox, { where: { id: session.inboxId, tenantId: session.tenantId } });
    if (!inbox || inbox.disabledAt) return null;
    const channel = channelFor(inbox.provider);
    if (!channel[capability]) return null;
    const client = await this.ds.manager.findOneOrFail(Client, { where: { id: session.clientId } });
    return { inbox, channel, client };
  }
}
