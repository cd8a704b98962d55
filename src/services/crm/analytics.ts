import { requirePrincipal, type RequestContext } from "../../context";
import type { PipelineStage } from "../../entities/pipeline";
import { StageKind } from "../../schema/crm-enums";
import { Errors } from "../../schema/errors";
import type { PipelineService } from "./pipeline.service";

export interface StageStats { stage: PipelineStage; count: number; value: number; avgHoursInStage: number | null }
export interface PipelineAnalytics {
  total: number;
  converted: number;
  conversionRate: number;
  won: number;
  lost: number;
  winRate: number;
  byStage: StageStats[];
}

/**
 * Pipeline figures for the sales console, in three queries whatever the number of
 * leads: count and value per stage (leads created in the period, or all), conversion
 * (converted ÷ created), win rate (won ÷ closed) and the mean time leads spend in each
 * stage, from the stage entries of their history (an open stay counts until now).
 */
export class CrmAnalytics {
  constructor(private readonly pipelines: PipelineService) {}

  async pipeline(ctx: RequestContext, period?: { from: Date; to: Date } | null): Promise<PipelineAnalytics> {
    const tenantId = requirePrincipal(ctx).tenantId;
    if (period && period.from > period.to) throw Errors.badInput("period", "O início do período deve ser antes do fim.");
    const view = await this.pipelines.get(ctx, tenantId);
    const params: unknown[] = [tenantId, period?.from ?? null, period?.to ?? null];
    const inPeriod = `($2::timestamptz IS NULL OR l.created_at >= $2) AND ($3::timestamptz IS NULL OR l.created_at <= $3)`;
    const rows: Array<{ stageId: string; n: number; value: number; converted: number }> = await ctx.em.query(
      `SELECT l.stage_id AS "stageId", count(*)::int AS n, coalesce(sum(l.value), 0)::float8 AS value, count(l.converted_at)::int AS converted
       FROM leads l WHERE l.tenant_id = $1 AND l.anonymized_at IS NULL AND ${inPeriod} GROUP BY l.stage_id`,
      params,
    );
    const stays: Array<{ stageId: string; hours: number }> = await ctx.em.query(
      `SELECT s.stage_id AS "stageId", avg(extract(epoch FROM (coalesce(s.left_at, now()) - s.entered_at)) / 3600)::float8 AS hours
       FROM (SELECT e.to_stage_id AS stage_id, e.created_at AS entered_at,
                    lead(e.created_at) OVER (PARTITION BY e.lead_id ORDER BY e.created_at, e.id) AS left_at
             FROM lead_events e JOIN leads l ON l.id = e.lead_id
             WHERE e.tenant_id = $1 AND e.to_stage_id IS NOT NULL AND l.anonymized_at IS NULL AND ${inPeriod}) s
       GROUP BY s.stage_id`,
      params,
    );
    const byStage = view.stages.map((stage) => {
      const r = rows.find((x) => x.stageId === stage.id);
      const hours = stays.find((x) => x.stageId === stage.id)?.hours;
      return { stage, count: r?.n ?? 0, value: round(r?.value ?? 0), avgHoursInStage: hours == null ? null : round(hours) };
    });
    const total = rows.reduce((s, r) => s + r.n, 0);
    const converted = rows.reduce((s, r) => s + r.converted, 0);
    const sumKind = (kind: StageKind) => byStage.filter((b) => b.stage.kind === kind).reduce((s, b) => s + b.count, 0);
    const won = sumKind(StageKind.WON);
    const lost = sumKind(StageKind.LOST);
    return { total, converted, conversionRate: total ? round(converted / total, 4) : 0, won, lost, winRate: won + lost ? round(won / (won + lost), 4) : 0, byStage };
  }
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
