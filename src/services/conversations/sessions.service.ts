import { In, type DataSource } from "typeorm";
import { Client } from "../../entities/client";
import { Session } from "../../entities/session";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { returnedRows } from "../../infra/database";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { Errors } from "../../schema/errors";
import { ChannelType, SessionStatus } from "../../schema/enums";
import { committed, type Events } from "../events";
import type { HandoffsService } from "../handoffs/handoffs.service";
import { findOwned, findOwnedOrNull, isUuid } from "../scoped";
import type { Visibility } from "../visibility";
import { labelFilterSql } from "../labels/labels.service";

export interface SessionFilter { status?: SessionStatus | null; channel?: ChannelType | null; clientId?: string | null; assignedToMe?: boolean | null; labelId?: string | null }

const OPEN = [SessionStatus.ACTIVE, SessionStatus.WAITING_HUMAN, SessionStatus.WITH_AGENT];

export class SessionsService {
  handoffs!: HandoffsService;

  constructor(private readonly ds: DataSource, private readonly events: Events, private readonly visibility: Visibility) {}

  /** Agents see sessions waiting in the queue, handled by the AI, or their own; supervisors see all (services/visibility.ts). */
  canSee(ctx: RequestContext, session: Session): boolean {
    return this.visibility.canSeeSession(requirePrincipal(ctx), session);
  }

  async get(ctx: RequestContext, id: string): Promise<Session> {
    const session = await findOwned(ctx, Session, id, "Conversa");
    if (!this.canSee(ctx, session)) throw Errors.notFound("Conversa");
    return session;
  }

  list(ctx: RequestContext, args: PageArgs, filter?: SessionFilter | null): Promise<Connection<Session>> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(Session, "s").where("s.tenant_id = :tenantId", { tenantId: p.tenantId });
    const visible = this.visibility.sessionSql(p, "s");
    if (visible) qb.andWhere(visible.sql, visible.params);
    if (filter?.status) qb.andWhere("s.status = :status", { status: filter.status });
    if (filter?.channel) qb.andWhere("s.channel = :channel", { channel: filter.channel });
    if (filter?.clientId) qb.andWhere(isUuid(filter.clientId) ? "s.client_id = :clientId" : "false", { clientId: filter.clientId });
    if (filter?.assignedToMe) qb.andWhere(p.userId ? "s.assigned_agent_id = :me" : "false", { me: p.userId });
    if (filter?.labelId) {
      const l = labelFilterSql("SESSION", "s.id", p.tenantId, filter.labelId);
      qb.andWhere(l.sql, l.params);
    }
    return paginate(qb, args, { sortColumn: "s.created_at", idColumn: "s.id", sortValue: (s) => s.createdAt });
  }

  /** The client's open session on the channel (and inbox), or a new one. */
  async start(ctx: RequestContext, input: { clientId: string; channel: ChannelType; inboxId?: string | null }): Promise<Session> {
    const p = requirePrincipal(ctx);
    const client = await findOwnedOrNull(ctx, Client, input.clientId);
    if (!client || client.anonymizedAt) throw Errors.badInput("clientId", "Cliente não encontrado.");
    const inboxKey = input.inboxId ?? "";
    const where = { tenantId: p.tenantId, clientId: client.id, channel: input.channel, inboxKey, status: In(OPEN) };
    const existing = await ctx.em.findOne(Session, { where });
    if (existing) return existing;
    // Two first messages at once: the partial unique index lets one insert win.
    const inserted = await ctx.em
      .createQueryBuilder()
      .insert()
      .into(Session)
      .values({ tenantId: p.tenantId, clientId: client.id, channel: input.channel, inboxId: input.inboxId ?? null, inboxKey, status: SessionStatus.ACTIVE })
      .orIgnore()
      .returning(["id"])
      .execute();
    const session = await ctx.em.findOneOrFail(Session, { where });
    if (inserted.identifiers.length && inserted.identifiers[0]?.id === session.id) await this.events.session(ctx, p.tenantId, session.id, null);
    return session;
  }

  async close(ctx: RequestContext, id: string, reason = "closed_by_user"): Promise<Session> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const session = await findOwned(tx, Session, id, "Conversa", { lock: true });
      if (!this.canSee(tx, session)) throw Errors.notFound("Conversa");
      if (session.status === SessionStatus.CLOSED) return session;
      await this.handoffs.cancelOpen(tx, session.id);
      Object.assign(session, { status: SessionStatus.CLOSED, endedAt: new Date(), closedReason: reason, assignedAgentId: null });
      await tx.em.save(session);
      await this.events.session(tx, session.tenantId, session.id, null);
      return session;
    });
  }

  /**
   * Closes every open conversation of a client and cancels its open handoffs, inside
   * the caller's transaction (LGPD erasure): they leave the queue (queueUpdated) and
   * can never be auto-assigned afterwards.
   */
  async closeForClient(tx: RequestContext, tenantId: string, clientId: string, reason: string): Promise<number> {
    // Serialised with auto-assignment, which could otherwise give one of them to an agent meanwhile.
    await tx.em.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`assign:${tenantId}`]);
    const open = await tx.em.find(Session, { where: { tenantId, clientId, status: In(OPEN) }, lock: { mode: "pessimistic_write" } });
    for (const s of open) {
      await this.handoffs.cancelOpen(tx, s.id);
      await tx.em.update(Session, { id: s.id }, { status: SessionStatus.CLOSED, endedAt: new Date(), closedReason: reason, assignedAgentId: null });
      // The agent who had it sees it close.
      await this.events.session(tx, tenantId, s.id, s.assignedAgentId);
    }
    return open.length;
  }

  /**
   * Closes sessions the AI is handling (ACTIVE) that had no message for the tenant's
   * inactivity timeout. Sessions waiting for or talking to a person stay open.
   */
  async closeInactive(now = new Date()): Promise<number> {
    const rows: Array<{ id: string; tenant_id: string }> = await this.ds.query(
      `UPDATE sessions s SET status = 'CLOSED', ended_at = $1::timestamptz, closed_reason = 'inactivity', updated_at = $1::timestamptz
       FROM (SELECT s2.id FROM sessions s2 LEFT JOIN tenant_settings ts ON ts.tenant_id = s2.tenant_id
             WHERE s2.status = 'ACTIVE'
               AND COALESCE(s2.last_message_at, s2.created_at) < $1::timestamptz - make_interval(mins => COALESCE(ts.inactivity_timeout_minutes, 30))
             LIMIT 1000 FOR UPDATE OF s2 SKIP LOCKED) due
       WHERE s.id = due.id RETURNING s.id, s.tenant_id`,
      [now],
    ).then((r: unknown) => returnedRows<{ id: string; tenant_id: string }>(r));
    // Already committed: publish at once.
    for (const r of rows) await this.events.session(committed(this.ds.manager), r.tenant_id, r.id, null);
    return rows.length;
  }
}
