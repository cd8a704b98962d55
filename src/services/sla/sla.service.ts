import { In, IsNull, LessThanOrEqual, type DataSource, type EntityManager } from "typeorm";
import { SlaPolicy } from "../../entities/sla-policy";
import { Handoff } from "../../entities/handoff";
import { Ticket } from "../../entities/ticket";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import { HandoffStatus, Priority, TicketStatus } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import { committed, type Events } from "../events";
import type { SettingsService } from "../settings/settings.service";
import type { TeamsService } from "../teams/teams.service";
import { intInRange } from "../validation/input";
import { addBusinessMinutes, businessMinutesBetween } from "./business-minutes";

export interface SlaPolicyData {
  priority: Priority;
  teamId?: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  pauseWhileWaitingCustomer?: boolean | null;
  warnBeforeMinutes?: number | null;
}

export interface DueDates { firstResponseDueAt: Date | null; resolutionDueAt: Date | null }

const OPEN_HANDOFF = [HandoffStatus.PENDING, HandoffStatus.ASSIGNED];
const OPEN_TICKET = [TicketStatus.OPEN, TicketStatus.ESCALATED];
/** The sweep looks this far ahead for warnings (a policy's warnBeforeMinutes is capped to it). */
const MAX_WARN_MINUTES = 24 * 60;

type Target = "FIRST_RESPONSE" | "RESOLUTION";
/** Properties (same on Handoff and Ticket) of each target. */
const COLUMNS = {
  FIRST_RESPONSE: { due: "firstResponseDueAt", done: "firstResponseAt", warned: "firstResponseWarnedAt", breached: "firstResponseBreachedAt" },
  RESOLUTION: { due: "resolutionDueAt", done: null, warned: "resolutionWarnedAt", breached: "resolutionBreachedAt" },
} as const satisfies Record<Target, { due: keyof Ticket; done: keyof Ticket | null; warned: keyof Ticket; breached: keyof Ticket }>;

/**
 * SLA policies and the clocks they start: due dates in business minutes of the tenant's
 * calendar, paused while the customer is awaited (when the policy says so), and a sweep
 * that raises WARNING before a target and marks BREACH after it (`slaUpdated`).
 */
export class SlaService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: SettingsService,
    private readonly teams: TeamsService,
    private readonly events: Events,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext): Promise<SlaPolicy[]> {
    return ctx.em.find(SlaPolicy, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { priority: "ASC", createdAt: "ASC" } });
  }

  /** Creates or replaces the policy of (priority, team); no team = the tenant-wide one. */
  async set(ctx: RequestContext, input: SlaPolicyData): Promise<SlaPolicy> {
    const p = requirePrincipal(ctx);
    const teamId = input.teamId ? (await this.teams.requireTeam(ctx, "teamId", input.teamId)).id : null;
    const fields = {
      firstResponseMinutes: intInRange("firstResponseMinutes", input.firstResponseMinutes, 1, 525_600, "O prazo de primeira resposta (minutos)"),
      resolutionMinutes: intInRange("resolutionMinutes", input.resolutionMinutes, 1, 525_600, "O prazo de resolução (minutos)"),
      pauseWhileWaitingCustomer: input.pauseWhileWaitingCustomer ?? false,
      warnBeforeMinutes: intInRange("warnBeforeMinutes", input.warnBeforeMinutes ?? 15, 0, MAX_WARN_MINUTES, "O aviso antes do prazo (minutos)"),
    };
    if (fields.resolutionMinutes < fields.firstResponseMinutes) throw Errors.badInput("resolutionMinutes", "O prazo de resolução não pode ser menor que o de primeira resposta.");
    return inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`sla-policy:${p.tenantId}`]);
      const existing = await tx.em.findOne(SlaPolicy, { where: { tenantId: p.tenantId, priority: input.priority, teamId: teamId ?? IsNull() } });
      const policy = await tx.em.save(Object.assign(existing ?? tx.em.create(SlaPolicy, { tenantId: p.tenantId, priority: input.priority, teamId }), fields));
      await this.audit.log(tx, "sla_policy.set", { policyId: policy.id, priority: policy.priority, teamId });
      return policy;
    });
  }

  /** The team's policy for the priority, else the tenant-wide one, else none. */
  async policyFor(em: EntityManager, tenantId: string, priority: Priority, teamId: string | null): Promise<SlaPolicy | null> {
    const rows = await em.find(SlaPolicy, { where: { tenantId, priority } });
    return rows.find((r) => teamId && r.teamId === teamId) ?? rows.find((r) => !r.teamId) ?? null;
  }

  /** Due dates from `from` (creation) under the matching policy (nulls when none). */
  async dueDates(ctx: RequestContext, tenantId: string, priority: Priority, teamId: string | null, from: Date): Promise<DueDates> {
    const policy = await this.policyFor(ctx.em, tenantId, priority, teamId);
    if (!policy) return { firstResponseDueAt: null, resolutionDueAt: null };
    const calendar = await this.settings.get(ctx, tenantId);
    return { firstResponseDueAt: addBusinessMinutes(from, policy.firstResponseMinutes, calendar), resolutionDueAt: addBusinessMinutes(from, policy.resolutionMinutes, calendar) };
  }

  /**
   * An agent wrote in a conversation (inside its transaction): the first response of the open
   * handoff is recorded, and the resolution clock pauses if the policy waits on the customer.
   */
  async agentReplied(tx: RequestContext, sessionId: string, at = new Date()): Promise<void> {
    const h = await tx.em.findOne(Handoff, { where: { sessionId, status: In(OPEN_HANDOFF) } });
    if (!h) return;
    const changes: Partial<Handoff> = {};
    if (!h.firstResponseAt) changes.firstResponseAt = at;
    if (!h.slaPausedAt && h.resolutionDueAt && !h.resolutionBreachedAt && (await this.policyFor(tx.em, h.tenantId, h.priority, h.teamId))?.pauseWhileWaitingCustomer) changes.slaPausedAt = at;
    if (Object.keys(changes).length) await tx.em.update(Handoff, { id: h.id }, changes);
  }

  /** The customer wrote: a paused resolution clock resumes, its due date pushed by the business minutes it waited. */
  async customerReplied(ctx: RequestContext, handoffId: string, at = new Date()): Promise<void> {
    await inTransaction(this.ds, ctx, async (tx) => {
      const h = await tx.em.findOne(Handoff, { where: { id: handoffId }, lock: { mode: "pessimistic_write" } });
      if (!h?.slaPausedAt || !h.resolutionDueAt) return;
      const waited = businessMinutesBetween(h.slaPausedAt, at, await this.settings.get(tx, h.tenantId));
      await tx.em.update(Handoff, { id: h.id }, { slaPausedAt: null, resolutionDueAt: new Date(h.resolutionDueAt.getTime() + waited * 60_000), resolutionWarnedAt: null });
    });
  }

  /** The first agent comment on a ticket is its first response. */
  async ticketCommented(tx: RequestContext, ticketId: string, at = new Date()): Promise<void> {
    await tx.em.update(Ticket, { id: ticketId, firstResponseAt: IsNull() }, { firstResponseAt: at });
  }

  /**
   * Raises WARNING (once per target, `warnBeforeMinutes` ahead) and BREACH (recorded in the
   * breached_at columns as the due time) for open handoffs and tickets. Each mark is a
   * conditional update, so concurrent sweeps emit every event once.
   */
  async sweep(now = new Date()): Promise<{ warnings: number; breaches: number }> {
    const em = this.ds.manager;
    const horizon = new Date(now.getTime() + MAX_WARN_MINUTES * 60_000);
    const counts = { warnings: 0, breaches: 0 };
    const policies = new Map<string, SlaPolicy[]>();
    const warnBefore = async (tenantId: string, priority: Priority, teamId: string | null) => {
      if (!policies.has(tenantId)) policies.set(tenantId, await em.find(SlaPolicy, { where: { tenantId } }));
      const list = policies.get(tenantId)!.filter((p) => p.priority === priority);
      return (list.find((p) => teamId && p.teamId === teamId) ?? list.find((p) => !p.teamId))?.warnBeforeMinutes ?? 15;
    };
    for (const target of ["FIRST_RESPONSE", "RESOLUTION"] as const) {
      const c = COLUMNS[target];
      const base = { [c.breached]: IsNull(), ...(c.done ? { [c.done]: IsNull() } : {}) };
      // Due (to breach) or, not yet warned, within the warning horizon; rows already warned wait for their breach.
      const pending = (extra: Record<string, unknown>) => [
        { ...base, ...extra, [c.due]: LessThanOrEqual(now) },
        { ...base, ...extra, [c.warned]: IsNull(), [c.due]: LessThanOrEqual(horizon) },
      ] as never;
      const order = { [c.due]: "ASC" } as never;
      const handoffs = await em.find(Handoff, { where: pending({ status: In(OPEN_HANDOFF), ...(target === "RESOLUTION" ? { slaPausedAt: IsNull() } : {}) }), order, take: 1000 });
      const tickets = await em.find(Ticket, { where: pending({ status: In(OPEN_TICKET) }), order, take: 1000 });
      const items = [...handoffs.map((row) => ({ entity: Handoff, row })), ...tickets.map((row) => ({ entity: Ticket, row }))];
      for (const { entity, row } of items) {
        const due = row[c.due]!;
        // Conditional: only the sweep that sets the mark emits the event.
        const mark = async (prop: string, value: Date) =>
          Boolean((await em.createQueryBuilder().update(entity).set({ [prop]: value }).where({ id: row.id, [prop]: IsNull(), [c.breached]: IsNull() }).execute()).affected);
        const emit = (kind: "WARNING" | "BREACH") =>
          this.events.sla(committed(em), row.tenantId, {
            kind, target, dueAt: due.toISOString(), teamId: row.teamId,
            handoffId: entity === Handoff ? row.id : null, ticketId: entity === Ticket ? row.id : null,
          });
        if (due <= now) {
          if (await mark(c.breached, due)) {
            counts.breaches++;
            await emit("BREACH");
          }
        } else if (!row[c.warned] && due.getTime() - (await warnBefore(row.tenantId, row.priority, row.teamId)) * 60_000 <= now.getTime() && (await mark(c.warned, now))) {
          counts.warnings++;
          await emit("WARNING");
        }
      }
    }
    return counts;
  }

  /** A handoff changed team: the new team's policy applies from its opening, unless a target was already missed. */
  async refreshHandoff(tx: RequestContext, h: Handoff): Promise<void> {
    if (h.firstResponseBreachedAt || h.resolutionBreachedAt) return;
    const due = await this.dueDates(tx, h.tenantId, h.priority, h.teamId, h.createdAt);
    if (!due.firstResponseDueAt) return;
    Object.assign(h, due, { firstResponseWarnedAt: null, resolutionWarnedAt: null });
  }

  /** Recomputes a ticket's due dates from its creation (team or priority changed, none yet reached). */
  async refreshTicket(tx: RequestContext, ticket: Ticket): Promise<void> {
    if (!OPEN_TICKET.includes(ticket.status)) return;
    const due = await this.dueDates(tx, ticket.tenantId, ticket.priority, ticket.teamId, ticket.createdAt);
    if (!due.firstResponseDueAt) return;
    await tx.em.update(Ticket, { id: ticket.id, firstResponseBreachedAt: IsNull(), resolutionBreachedAt: IsNull() }, due);
    Object.assign(ticket, due);
  }
}
