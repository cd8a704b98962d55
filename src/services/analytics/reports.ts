import { requirePrincipal, type RequestContext } from "../../context";
import type { AnalyticsArgs, AnalyticsService } from "./analytics.service";
import { round, runMeasures } from "./measures";

const DAY_MS = 86_400_000;

/**
 * Reports built on the same aggregates as `analytics`: agents' performance, AI costs with the
 * month's projection, and the LGPD compliance picture (requests, consents, data access).
 */
export class AnalyticsReports {
  constructor(private readonly analytics: AnalyticsService) {}

  async agentPerformance(ctx: RequestContext, args: AnalyticsArgs) {
    const { tenantId } = requirePrincipal(ctx);
    this.analytics.validate(args, null);
    const timezone = await this.analytics.timezone(ctx);
    const base = { tenantId, timezone, from: args.from, to: args.to, granularity: null, filter: args.filter ?? {} };
    const { groups } = await runMeasures(ctx.em, { ...base, groupBy: ["AGENT"], facts: ["handoffs", "surveys"] });
    const sent = (await ctx.em.query(
      `SELECT author_id::text AS id, count(*)::int AS n FROM messages
       WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 AND sender = 'AGENT' AND author_id IS NOT NULL GROUP BY author_id`,
      [tenantId, args.from, args.to],
    )) as Array<{ id: string; n: number }>;
    const sentBy = new Map(sent.map((r) => [r.id, r.n]));
    const online = await this.onlineSeconds(ctx, tenantId, args.from, args.to);
    const ids = [...new Set([...groups.map((g) => g.group[0]), ...online.keys()].filter((id): id is string => Boolean(id)))];
    const names = new Map(((await ctx.em.query(`SELECT id::text AS id, name FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids])) as Array<{ id: string; name: string }>).map((u) => [u.id, u.name]));
    const known = new Set(groups.map((g) => g.group[0]));
    const rows = [...groups, ...[...online.keys()].filter((id) => !known.has(id)).map((id) => ({ group: [id], values: {} as Record<string, number | null> }))];
    return rows
      .filter((g) => g.group[0] && names.has(g.group[0]))
      .map((g) => {
        const v = g.values;
        const n = (k: string) => v[k] ?? 0;
        const id = g.group[0]!;
        return {
          agentId: id,
          name: names.get(id)!,
          conversations: n("handoffs"),
          completed: n("handoffsCompleted"),
          handleTimeAvgSeconds: round(v.handleTimeAvgSeconds, 2),
          waitP50Seconds: round(v.waitP50Seconds, 2),
          firstResponseP50Seconds: round(v.agentFirstResponseP50Seconds, 2),
          transfers: n("transfers"),
          slaBreaches: n("slaTotal") - n("slaMet"),
          messagesSent: sentBy.get(id) ?? 0,
          onlineSeconds: Math.round(online.get(id) ?? 0),
          csatAverage: n("csatCount") ? round(n("csatSum") / n("csatCount"), 2) : null,
          csatResponses: n("csatCount"),
          agentSatisfactionAverage: n("agentRated") ? round(n("agentRatedSum") / n("agentRated"), 2) : null,
        };
      })
      .sort((a, b) => b.conversations - a.conversations || a.name.localeCompare(b.name));
  }

  /**
   * Seconds each agent was ONLINE within [from, to): from each change of availability to the next
   * (the state at `from` is the last change before it; the current state lasts until now).
   */
  private async onlineSeconds(ctx: RequestContext, tenantId: string, from: Date, to: Date): Promise<Map<string, number>> {
    const rows = (await ctx.em.query(
      `WITH changes AS (
         (SELECT DISTINCT ON (user_id) user_id, availability, created_at FROM agent_availability_log
          WHERE tenant_id = $1 AND created_at < $2 ORDER BY user_id, created_at DESC)
         UNION ALL
         (SELECT user_id, availability, created_at FROM agent_availability_log WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3)
       ), spans AS (
         SELECT user_id, availability, greatest(created_at, $2) AS since,
                least(coalesce(lead(created_at) OVER (PARTITION BY user_id ORDER BY created_at), now()), $3) AS until
         FROM changes
       )
       SELECT user_id::text AS id, sum(extract(epoch FROM until - since)) AS seconds FROM spans
       WHERE availability = 'ONLINE' AND until > since GROUP BY user_id`,
      [tenantId, from, to],
    )) as Array<{ id: string; seconds: string }>;
    return new Map(rows.map((r) => [r.id, Number(r.seconds)]));
  }

  async aiCosts(ctx: RequestContext, args: AnalyticsArgs, now = new Date()) {
    const { tenantId } = requirePrincipal(ctx);
    this.analytics.validate(args, null);
    const timezone = await this.analytics.timezone(ctx);
    const base = { tenantId, timezone, from: args.from, to: args.to, granularity: null, filter: args.filter ?? {} };
    const [byProvider, byModel, byPurpose, totals] = await Promise.all([
      runMeasures(ctx.em, { ...base, groupBy: ["PROVIDER"], facts: ["ai_calls"] }),
      runMeasures(ctx.em, { ...base, groupBy: ["PROVIDER", "MODEL"], facts: ["ai_calls"] }),
      runMeasures(ctx.em, { ...base, groupBy: ["PURPOSE"], facts: ["ai_calls"] }),
      runMeasures(ctx.em, { ...base, groupBy: [], facts: ["ai_calls", "sessions"] }),
    ]);
    const line = (provider: string | null, model: string | null, v: Record<string, number | null>) => ({
      provider: provider ?? "",
      model,
      calls: v.aiCalls ?? 0,
      fallbacks: v.aiFallbacks ?? 0,
      tokensInput: v.aiTokensInput ?? 0,
      tokensOutput: v.aiTokensOutput ?? 0,
      costBrl: round(v.aiCostBrl ?? 0, 6)!,
    });
    const byCost = (a: { costBrl: number; calls: number }, b: { costBrl: number; calls: number }) => b.costBrl - a.costBrl || b.calls - a.calls;
    const t = totals.totals;
    const cost = t.aiCostBrl ?? 0;
    const [month] = (await ctx.em.query(
      `WITH b AS (SELECT date_trunc('month', $2::timestamptz AT TIME ZONE $3::text) AS local_start)
       SELECT (SELECT coalesce(sum(a.cost_brl), 0) FROM ai_calls a WHERE a.tenant_id = $1 AND a.created_at >= (b.local_start AT TIME ZONE $3::text) AND a.created_at < $2) AS mtd,
              extract(epoch FROM $2::timestamptz - (b.local_start AT TIME ZONE $3::text)) AS elapsed,
              extract(epoch FROM ((b.local_start + interval '1 month') AT TIME ZONE $3::text) - (b.local_start AT TIME ZONE $3::text)) AS length
       FROM b`,
      [tenantId, now, timezone],
    )) as Array<{ mtd: string; elapsed: number; length: number }>;
    const mtd = Number(month!.mtd);
    const elapsed = Number(month!.elapsed);
    return {
      totalCostBrl: round(cost, 6)!,
      tokensInput: t.aiTokensInput ?? 0,
      tokensOutput: t.aiTokensOutput ?? 0,
      byProvider: byProvider.groups.map((g) => line(g.group[0] ?? null, null, g.values)).sort(byCost),
      byModel: byModel.groups.filter((g) => g.group.length === 2).map((g) => line(g.group[0] ?? null, g.group[1] ?? null, g.values)).sort(byCost),
      byPurpose: byPurpose.groups.map((g) => line("", g.group[0] ?? null, g.values)).sort(byCost),
      perConversation: t.conversations ? round(cost / t.conversations, 6) : null,
      perResolvedConversation: t.closed ? round(cost / t.closed, 6) : null,
      monthToDate: round(mtd, 6)!,
      // Linear: what was spent so far, over the share of the month gone by (at least an hour of it).
      projectedMonth: round(elapsed > 0 ? (mtd * Number(month!.length)) / Math.max(elapsed, 3600) : 0, 6)!,
    };
  }

  async complianceReport(ctx: RequestContext, args: AnalyticsArgs, now = new Date()) {
    const { tenantId } = requirePrincipal(ctx);
    this.analytics.validate(args, null);
    const period = [tenantId, args.from, args.to];
    const byTypeStatus = (await ctx.em.query(
      `SELECT type::text AS key, status::text AS secondary, count(*)::int AS count FROM data_subject_requests
       WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY type, status ORDER BY type::text, status::text`,
      period,
    )) as Array<{ key: string; secondary: string; count: number }>;
    const open = (await ctx.em.query(
      `SELECT id, type::text AS type, status::text AS status, created_at AS "createdAt", due_at AS "dueAt" FROM data_subject_requests
       WHERE tenant_id = $1 AND status IN ('PENDING', 'APPROVED') ORDER BY due_at, id LIMIT 200`,
      [tenantId],
    )) as Array<{ id: string; type: string; status: string; createdAt: Date; dueAt: Date }>;
    const consents = (await ctx.em.query(
      `SELECT purpose::text AS purpose, count(*) FILTER (WHERE granted)::int AS granted, count(*) FILTER (WHERE NOT granted)::int AS revoked
       FROM consents WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY purpose ORDER BY purpose::text`,
      period,
    )) as Array<{ purpose: string; granted: number; revoked: number }>;
    const access = (await ctx.em.query(
      `SELECT l.actor_id::text AS "userId", u.name AS "userName", l.api_key_id::text AS "apiKeyId", l.action, count(*)::int AS count
       FROM data_access_logs l LEFT JOIN users u ON u.id = l.actor_id AND u.tenant_id = l.tenant_id
       WHERE l.tenant_id = $1 AND l.created_at >= $2 AND l.created_at < $3
       GROUP BY l.actor_id, u.name, l.api_key_id, l.action ORDER BY count(*) DESC, l.action LIMIT 500`,
      period,
    )) as Array<{ userId: string | null; userName: string | null; apiKeyId: string | null; action: string; count: number }>;
    const openRequests = open.map((r) => {
      const days = Math.ceil((new Date(r.dueAt).getTime() - now.getTime()) / DAY_MS);
      return { ...r, daysToDeadline: days, overdue: new Date(r.dueAt).getTime() < now.getTime() };
    });
    return {
      requestsByTypeAndStatus: byTypeStatus,
      openRequests,
      overdueRequests: openRequests.filter((r) => r.overdue).length,
      consentsByPurpose: consents,
      accessLogByUser: access,
    };
  }
}
