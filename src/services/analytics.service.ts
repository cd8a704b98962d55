import { requirePrincipal, type RequestContext } from "../context";
import { Errors } from "../schema/errors";

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

const round = (n: number | null | undefined, digits = 4) => (n == null ? 0 : Math.round(Number(n) * 10 ** digits) / 10 ** digits);

/**
 * Service indicators over sessions started in a period. NPS is derived from the 1–5
 * satisfaction scale: 5 promoters, 1–3 detractors, as a percentage difference.
 */
export class AnalyticsService {
  async dashboard(ctx: RequestContext, period: { from: Date; to: Date }): Promise<DashboardData> {
    const { tenantId } = requirePrincipal(ctx);
    if (!(period.from < period.to)) throw Errors.badInput("period", "O início do período deve ser anterior ao fim.");
    const [s] = await ctx.em.query(
      `WITH s AS (SELECT * FROM sessions WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3),
            h AS (SELECT DISTINCT session_id FROM handoffs WHERE tenant_id = $1 AND session_id IN (SELECT id FROM s)),
            ai AS (SELECT DISTINCT session_id FROM messages WHERE tenant_id = $1 AND sender = 'AI' AND session_id IN (SELECT id FROM s))
       SELECT (SELECT count(*) FROM s)::int AS total,
              (SELECT count(*) FROM ai WHERE session_id NOT IN (SELECT session_id FROM h))::int AS ai_only,
              (SELECT count(*) FROM h)::int AS handed,
              (SELECT avg(extract(epoch FROM coalesce(ended_at, last_message_at, created_at) - created_at)) / 60 FROM s) AS avg_minutes,
              (SELECT avg(extract(epoch FROM first_response_at - created_at)) FROM s WHERE first_response_at IS NOT NULL) AS first_response,
              (SELECT coalesce(sum(cost_brl), 0) FROM s) AS cost`,
      [tenantId, period.from, period.to],
    );
    const [m] = await ctx.em.query(`SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3`, [tenantId, period.from, period.to]);
    const [h] = await ctx.em.query(
      `SELECT avg(extract(epoch FROM assigned_at - created_at)) FILTER (WHERE assigned_at IS NOT NULL) AS wait,
              avg(satisfaction) AS csat, count(satisfaction)::int AS rated,
              count(*) FILTER (WHERE satisfaction = 5)::int AS promoters, count(*) FILTER (WHERE satisfaction <= 3)::int AS detractors
       FROM handoffs WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3`,
      [tenantId, period.from, period.to],
    );
    const total = s.total as number;
    return {
      totalSessions: total,
      totalMessages: m.n,
      aiResolutionRate: total ? round(s.ai_only / total) : 0,
      handoffRate: total ? round(s.handed / total) : 0,
      avgSessionMinutes: round(s.avg_minutes, 2),
      avgFirstResponseSeconds: round(s.first_response, 2),
      avgQueueWaitSeconds: round(h.wait, 2),
      totalCostBrl: round(s.cost, 6),
      csatAverage: h.rated ? round(h.csat, 2) : null,
      nps: h.rated ? round(((h.promoters - h.detractors) / h.rated) * 100, 1) : null,
    };
  }
}
