import { requirePrincipal, type RequestContext } from "../../context";
import { isUuid } from "../../infra/ids";
import { Errors } from "../../schema/errors";
import type { SettingsService } from "../settings/settings.service";
import type { Dimension } from "./facts";
import { finish, round, runMeasures, type AnalyticsFilterValues, type Granularity, type Measures, type RawCell } from "./measures";

export interface AnalyticsArgs {
  from: Date;
  to: Date;
  granularity?: Granularity | null;
  groupBy?: Dimension[] | null;
  filter?: AnalyticsFilterValues | null;
}

export interface GroupValue { dimension: Dimension; key: string | null; name: string | null }
export interface AnalyticsData {
  from: Date;
  to: Date;
  timezone: string;
  granularity: Granularity;
  series: Array<{ bucket: Date; bucketLabel: string; group: GroupValue[] | null; measures: Measures }>;
  groups: Array<{ group: GroupValue[]; measures: Measures }>;
  totals: Measures;
}

export interface DashboardData {
  totalSessions: number;
  totalMessages: number;
  aiResolutionRate: number;
  handoffRate: number;
  avgSessionMinutes: number;
  avgFirstResponseSeconds: number;
  avgQueueWaitSeconds: number;
  totalCostBrl: number;
  csatAverage: number | null;
  nps: number | null;
}

const DAY_MS = 86_400_000;
/** Longest period per granularity: a series stays a chart, not a dump. */
const MAX_SPAN_DAYS: Record<Granularity, number> = { HOUR: 31, DAY: 400, WEEK: 800, MONTH: 3700 };
const NAMED: Partial<Record<Dimension, string>> = { INBOX: "inboxes", TEAM: "teams", AGENT: "users", LABEL: "labels" };

/**
 * Measures over a tenant's period in its time zone: conversations, messages, tickets, bot
 * resolution, queue waits, SLA, customer satisfaction and AI cost, as a series by hour, day,
 * week or month, optionally grouped by channel, inbox, team, agent, intent or label. All of it
 * is aggregated in SQL (see facts.ts and measures.ts).
 */
export class AnalyticsService {
  constructor(private readonly settings: SettingsService) {}

  async timezone(ctx: RequestContext): Promise<string> {
    return (await this.settings.get(ctx, requirePrincipal(ctx).tenantId)).timezone;
  }

  /** Checks the period, groupings and filter; throws BAD_USER_INPUT naming the field. */
  validate(args: AnalyticsArgs, granularity: Granularity | null): void {
    if (!(args.from < args.to)) throw Errors.badInput("from", "O início do período deve ser anterior ao fim.");
    const max = MAX_SPAN_DAYS[granularity ?? "MONTH"];
    if (args.to.getTime() - args.from.getTime() > max * DAY_MS) throw Errors.badInput("to", `Período longo demais para esta granularidade (máximo de ${max} dias).`);
    const groupBy = args.groupBy ?? [];
    if (groupBy.length > 2 || new Set(groupBy).size !== groupBy.length) throw Errors.badInput("groupBy", "Agrupe por no máximo duas dimensões diferentes.");
    const f = args.filter ?? {};
    for (const key of ["inboxIds", "teamIds", "agentIds", "labelIds"] as const) {
      if (f[key]?.some((id) => !isUuid(id))) throw Errors.badInput(`filter.${key}`, "Identificador inválido no filtro.");
    }
  }

  async analytics(ctx: RequestContext, args: AnalyticsArgs): Promise<AnalyticsData> {
    const { tenantId } = requirePrincipal(ctx);
    const granularity = args.granularity ?? "DAY";
    this.validate(args, granularity);
    const timezone = await this.timezone(ctx);
    const groupBy = args.groupBy ?? [];
    const raw = await runMeasures(ctx.em, { tenantId, timezone, from: args.from, to: args.to, granularity, groupBy, filter: args.filter ?? {} });
    const names = await this.names(ctx, tenantId, groupBy, [...raw.series, ...raw.groups]);
    const group = (cell: RawCell): GroupValue[] => groupBy.map((dimension, i) => ({ dimension, key: cell.group[i] ?? null, name: cell.group[i] == null ? null : names.get(`${dimension}:${cell.group[i]}`) ?? cell.group[i]! }));
    return {
      from: args.from,
      to: args.to,
      timezone,
      granularity,
      series: raw.series.map((c) => ({ bucket: c.bucket!, bucketLabel: c.bucketLabel!, group: groupBy.length ? group(c) : null, measures: finish(c.values) })),
      groups: raw.groups.map((c) => ({ group: group(c), measures: finish(c.values) })),
      totals: finish(raw.totals),
    };
  }

  /** Totals only (scheduled reports, the measures export). */
  async totals(ctx: RequestContext, args: AnalyticsArgs, timezone?: string): Promise<Measures> {
    const { tenantId } = requirePrincipal(ctx);
    const raw = await runMeasures(ctx.em, { tenantId, timezone: timezone ?? (await this.timezone(ctx)), from: args.from, to: args.to, granularity: null, groupBy: [], filter: args.filter ?? {} });
    return finish(raw.totals);
  }

  /**
   * The contract's one-row dashboard, from the same aggregates. Its satisfaction and NPS are
   * the agent-entered 1–5 score of handoffs (5 promoters, 1–3 detractors), as it always was.
   */
  async dashboard(ctx: RequestContext, period: { from: Date; to: Date }): Promise<DashboardData> {
    const { tenantId } = requirePrincipal(ctx);
    if (!(period.from < period.to)) throw Errors.badInput("period", "O início do período deve ser anterior ao fim.");
    const { totals: v } = await runMeasures(ctx.em, { tenantId, timezone: "UTC", from: period.from, to: period.to, granularity: null, groupBy: [], filter: {}, facts: ["sessions", "messages", "handoffs"] });
    const n = (k: string) => v[k] ?? 0;
    const total = n("conversations");
    const rated = n("agentRated");
    return {
      totalSessions: total,
      totalMessages: n("messages"),
      aiResolutionRate: total ? round(n("autoResolved") / total)! : 0,
      handoffRate: total ? round(n("handedOff") / total)! : 0,
      avgSessionMinutes: round(v.avgSessionMinutes, 2) ?? 0,
      avgFirstResponseSeconds: round(v.avgFirstResponseSeconds, 2) ?? 0,
      avgQueueWaitSeconds: round(v.avgQueueWaitSeconds, 2) ?? 0,
      totalCostBrl: round(n("sessionCostBrl"), 6)!,
      csatAverage: rated ? round(n("agentRatedSum") / rated, 2) : null,
      nps: rated ? round(((n("agentRatedPromoters") - n("agentRatedDetractors")) / rated) * 100, 1) : null,
    };
  }

  /** Display names of the ids in the groups (inboxes, teams, agents, labels), one query per dimension. */
  async names(ctx: RequestContext, tenantId: string, groupBy: Dimension[], cells: RawCell[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [i, dimension] of groupBy.entries()) {
      const table = NAMED[dimension];
      if (!table) continue;
      const ids = [...new Set(cells.map((c) => c.group[i]).filter((id): id is string => isUuid(id)))];
      if (!ids.length) continue;
      const rows = (await ctx.em.query(`SELECT id::text AS id, name FROM ${table} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids])) as Array<{ id: string; name: string }>;
      for (const r of rows) out.set(`${dimension}:${r.id}`, r.name);
    }
    return out;
  }
}
