import type { EntityManager } from "typeorm";
import { ADDITIVE, FACTS, type Dimension, type Fact } from "./facts";
import { buckets } from "./time";

export type Granularity = "HOUR" | "DAY" | "WEEK" | "MONTH";
export interface AnalyticsFilterValues {
  channels?: string[] | null;
  inboxIds?: string[] | null;
  teamIds?: string[] | null;
  agentIds?: string[] | null;
  intents?: string[] | null;
  labelIds?: string[] | null;
}

export interface MeasureQuery {
  tenantId: string;
  timezone: string;
  from: Date;
  to: Date;
  /** null: totals (and per-group totals) only. */
  granularity: Granularity | null;
  groupBy: Dimension[];
  filter: AnalyticsFilterValues;
  /** Only these facts (default: all). */
  facts?: string[];
}

export type RawValues = Record<string, number | null>;
export interface RawCell { bucket: Date | null; bucketLabel: string | null; group: Array<string | null>; values: RawValues }
export interface RawResult { series: RawCell[]; groups: RawCell[]; totals: RawValues }

const FILTER_DIMENSION: Record<keyof AnalyticsFilterValues, Dimension> = {
  channels: "CHANNEL", inboxIds: "INBOX", teamIds: "TEAM", agentIds: "AGENT", intents: "INTENT", labelIds: "LABEL",
};

const dimSql = (fact: Fact, d: Dimension): string | undefined => (fact.dims as Record<string, string | undefined>)[d];

/**
 * The rows of one fact that a query covers: the tenant, the period, the filter. Returns the
 * joins and conditions (over `f`, `s`, `ho`, `ll`) and pushes its parameters onto `params`
 * ($1 tenant, $2 from, $3 to must already be there).
 */
export function factScope(fact: Fact, q: Pick<MeasureQuery, "groupBy" | "filter">, param: (v: unknown) => string): { joins: string[]; where: string[] } {
  const sid = fact.sessionId ?? "f.id";
  const used = new Set<Dimension>([...q.groupBy]);
  const where = ["f.tenant_id = $1", `${fact.time} >= $2`, `${fact.time} < $3`];
  if (fact.where) where.push(fact.where);
  for (const [key, dim] of Object.entries(FILTER_DIMENSION) as Array<[keyof AnalyticsFilterValues, Dimension]>) {
    const values = q.filter[key];
    if (!values?.length) continue;
    if (dim === "LABEL") {
      where.push(`EXISTS (SELECT 1 FROM label_links lf WHERE lf.tenant_id = f.tenant_id AND lf.target_type = '${fact.label.type}' AND lf.target_id = ${fact.label.id} AND lf.label_id = ANY(${param(values)}::uuid[]))`);
    } else {
      used.add(dim);
      where.push(`${dimSql(fact, dim)} = ANY(${param(values)}::text[])`);
    }
  }
  const exprs = [...used].filter((d) => d !== "LABEL").map((d) => dimSql(fact, d)!);
  const joins: string[] = [];
  if (fact.sessionId && exprs.some((e) => /\bs\./.test(e))) joins.push(`LEFT JOIN sessions s ON s.id = ${fact.sessionId}`);
  if (exprs.some((e) => /\bho\./.test(e))) {
    joins.push(`LEFT JOIN LATERAL (SELECT hl.agent_id, hl.team_id FROM handoffs hl WHERE hl.session_id = ${sid} ORDER BY hl.created_at DESC LIMIT 1) ho ON true`);
  }
  if (q.groupBy.includes("LABEL")) {
    joins.push(`LEFT JOIN label_links ll ON ll.tenant_id = f.tenant_id AND ll.target_type = '${fact.label.type}' AND ll.target_id = ${fact.label.id}`);
  }
  return { joins, where };
}

/** The fact's own joins (its aggregates read them): for aggregate queries, not for raw lists. */
const factJoins = (fact: Fact) => fact.joins ?? [];

/** One fact's aggregate query: buckets × groups, groups, and the total, in one pass (GROUPING SETS). */
export function factSql(fact: Fact, q: MeasureQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.tenantId, q.from, q.to];
  const param = (v: unknown) => `$${params.push(v)}`;
  const { joins, where } = factScope(fact, q, param);
  const groupExprs = q.groupBy.map((d) => (d === "LABEL" ? "ll.label_id::text" : dimSql(fact, d)!));
  // Buckets are the local periods as instant ranges (computed here, so the planner knows how many):
  // rows are matched by range, with no time-zone arithmetic per row.
  const list = q.granularity ? buckets(q.granularity, q.from, q.to, q.timezone) : null;
  if (list) {
    joins.push(`JOIN unnest(${param(list.map((b) => b.start))}::timestamptz[], ${param(list.map((b) => b.stop))}::timestamptz[], ${param(list.map((b) => b.label))}::text[]) AS bk(start, stop, label)
      ON ${fact.time} >= bk.start AND ${fact.time} < bk.stop`);
  }
  const bucket = list ? "bk.label" : null;
  const select: string[] = [];
  if (bucket) select.push(`min(bk.start) AS bucket`, `${bucket} AS bucket_label`, `GROUPING(${bucket}) AS no_bucket`);
  groupExprs.forEach((e, i) => select.push(`${e} AS g${i}`));
  if (groupExprs.length) select.push(`GROUPING(${groupExprs[0]}) AS no_group`);
  for (const [name, agg] of Object.entries(fact.aggregates)) select.push(`${agg} AS "${name}"`);
  const sets = [bucket ? `(${[bucket, ...groupExprs].join(", ")})` : null, groupExprs.length ? `(${groupExprs.join(", ")})` : null, "()"].filter(Boolean);
  const groupBy = sets.length > 1 ? `GROUP BY GROUPING SETS (${sets.join(", ")})` : "";
  const sql = `SELECT ${select.join(", ")} FROM ${fact.table} ${[...joins, ...factJoins(fact)].join(" ")} WHERE ${where.join(" AND ")} ${groupBy}`;
  return { sql, params };
}

/** Runs every fact's query and merges their rows by bucket and group. Only aggregated rows reach Node. */
export async function runMeasures(em: EntityManager, q: MeasureQuery): Promise<RawResult> {
  const facts = FACTS.filter((f) => (!q.facts || q.facts.includes(f.name)) && q.groupBy.every((d) => d === "LABEL" || dimSql(f, d)));
  // Runs beside the fact queries (its own pool connection outside a transaction).
  const open = !q.groupBy.length && (!q.facts || q.facts.includes("tickets")) ? backlog(em, q) : null;
  open?.catch(() => undefined); // awaited below; never an unhandled rejection if a fact query fails first
  const results = await Promise.all(facts.map(async (fact) => {
    const { sql, params } = factSql(fact, q);
    return { fact, rows: (await em.query(sql, params)) as Array<Record<string, unknown>> };
  }));
  const series = new Map<string, RawCell>();
  const groups = new Map<string, RawCell>();
  const totals: RawValues = {};
  for (const { fact, rows } of results) {
    for (const row of rows) {
      const group = q.groupBy.map((_, i) => (row[`g${i}`] as string | null) ?? null);
      const noBucket = !q.granularity || Number(row.no_bucket) === 1;
      const noGroup = !q.groupBy.length || Number(row.no_group) === 1;
      let target: RawValues;
      if (noBucket && noGroup) target = totals;
      else {
        const map = noBucket ? groups : series;
        const key = `${noBucket ? "" : String(row.bucket_label)}|${JSON.stringify(group)}`;
        let cell = map.get(key);
        if (!cell) map.set(key, (cell = { bucket: noBucket ? null : (row.bucket as Date), bucketLabel: noBucket ? null : String(row.bucket_label), group, values: {} }));
        target = cell.values;
      }
      for (const name of Object.keys(fact.aggregates)) {
        const v = row[name] == null ? null : Number(row[name]);
        target[name] = ADDITIVE.has(name) ? (target[name] ?? 0) + (v ?? 0) : v;
      }
    }
  }
  const ordered = [...series.values()].sort((a, b) => (a.bucketLabel! < b.bucketLabel! ? -1 : a.bucketLabel! > b.bucketLabel! ? 1 : JSON.stringify(a.group).localeCompare(JSON.stringify(b.group))));
  if (open) {
    const openAt = await open;
    totals.ticketBacklog = openAt.get(null) ?? 0;
    if (q.granularity) {
      const filled = fillBuckets(q, ordered);
      for (const cell of filled) cell.values.ticketBacklog = openAt.get(cell.bucketLabel) ?? 0;
      return { series: filled, groups: [], totals };
    }
  }
  if (q.granularity && !q.groupBy.length) return { series: fillBuckets(q, ordered), groups: [], totals };
  return { series: ordered, groups: [...groups.values()], totals };
}

/**
 * Tickets still open at the end of each bucket (and at `to`, key null): opened before it and
 * not resolved by then. Reads the tenant's tickets opened up to `to` (tickets_tenant_created_idx).
 */
export function backlogSql(q: MeasureQuery): { sql: string; params: unknown[]; labels: string[] } {
  const tickets = FACTS.find((f) => f.name === "tickets")!;
  const params: unknown[] = [q.tenantId, new Date("0001-01-01T00:00:00Z"), q.to];
  const param = (v: unknown) => `$${params.push(v)}`;
  const { joins, where } = factScope(tickets, { groupBy: [], filter: q.filter }, param);
  const list = q.granularity ? buckets(q.granularity, q.from, q.to, q.timezone) : [];
  // Thresholds: each bucket's start, then `to`. width_bucket gives 0 before the first, i inside bucket i, n + 1 from `to` on.
  const thresholds = param([...list.map((b) => b.start), q.to]);
  const resolvedAt = "coalesce(f.resolved_at, CASE WHEN f.status IN ('RESOLVED', 'CLOSED') THEN '-infinity'::timestamptz ELSE 'infinity'::timestamptz END)";
  return {
    sql: `SELECT width_bucket(f.created_at, ${thresholds}::timestamptz[]) AS opened, width_bucket(${resolvedAt}, ${thresholds}::timestamptz[]) AS resolved, count(*)::int AS n
      FROM tickets f ${joins.join(" ")} WHERE ${where.join(" AND ")} GROUP BY 1, 2`,
    params,
    labels: list.map((b) => b.label),
  };
}

/**
 * Tickets still open at the end of each bucket (and at `to`, key null): opened before that
 * instant and not resolved by it. One pass over the tenant's tickets opened up to `to`, counted
 * by (bucket opened, bucket resolved); the running totals are summed here.
 */
async function backlog(em: EntityManager, q: MeasureQuery): Promise<Map<string | null, number>> {
  const { sql, params, labels } = backlogSql(q);
  const cells = (await em.query(sql, params)) as Array<{ opened: number; resolved: number; n: number }>;
  const n = labels.length;
  const openAt = (i: number) => cells.reduce((sum, c) => sum + (c.opened <= i && c.resolved >= i + 1 ? c.n : 0), 0);
  const out = new Map<string | null, number>(labels.map((label, i) => [label, openAt(i + 1)]));
  out.set(null, openAt(n));
  return out;
}

/** Ungrouped series: every bucket of the period, zero where nothing happened (charts need the gaps). */
function fillBuckets(q: MeasureQuery, cells: RawCell[]): RawCell[] {
  const byLabel = new Map(cells.map((c) => [c.bucketLabel, c]));
  return buckets(q.granularity!, q.from, q.to, q.timezone).map((b) => byLabel.get(b.label) ?? { bucket: b.start, bucketLabel: b.label, group: [], values: {} });
}

export interface Measures {
  conversations: number;
  messagesIn: number;
  messagesOut: number;
  tickets: number;
  ticketsResolved: number;
  ticketBacklog: number | null;
  autoResolved: number;
  handedOff: number;
  botResolutionRate: number | null;
  handoffRate: number | null;
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  waitMaxSeconds: number | null;
  firstResponseP50Seconds: number | null;
  resolutionP50Seconds: number | null;
  transfers: number;
  slaCompliance: number | null;
  slaBreaches: number;
  csatAverage: number | null;
  csatResponses: number;
  nps: number | null;
  npsResponses: number;
  agentSatisfactionAverage: number | null;
  aiCostBrl: number;
  aiTokensInput: number;
  aiTokensOutput: number;
  aiCalls: number;
  aiFallbacks: number;
}

export const round = (n: number | null | undefined, digits = 4): number | null => (n == null || Number.isNaN(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const ratio = (a: number, b: number, digits = 4) => (b ? round(a / b, digits) : null);

/** The public measures from the raw aggregates of one cell. */
export function finish(v: RawValues): Measures {
  const n = (k: string) => v[k] ?? 0;
  return {
    conversations: n("conversations"),
    messagesIn: n("messagesIn"),
    messagesOut: n("messagesOut"),
    tickets: n("tickets"),
    ticketsResolved: n("ticketsResolved"),
    ticketBacklog: v.ticketBacklog ?? null,
    autoResolved: n("autoResolved"),
    handedOff: n("handedOff"),
    botResolutionRate: ratio(n("autoResolved"), n("conversations")),
    handoffRate: ratio(n("handedOff"), n("conversations")),
    waitP50Seconds: round(v.waitP50Seconds, 2),
    waitP90Seconds: round(v.waitP90Seconds, 2),
    waitMaxSeconds: round(v.waitMaxSeconds, 2),
    firstResponseP50Seconds: round(v.firstResponseP50Seconds, 2),
    resolutionP50Seconds: round(v.resolutionP50Seconds, 2),
    transfers: n("transfers"),
    slaCompliance: ratio(n("slaMet"), n("slaTotal")),
    slaBreaches: n("slaTotal") - n("slaMet"),
    csatAverage: ratio(n("csatSum"), n("csatCount"), 2),
    csatResponses: n("csatCount"),
    nps: n("npsCount") ? round(((n("npsPromoters") - n("npsDetractors")) / n("npsCount")) * 100, 1) : null,
    npsResponses: n("npsCount"),
    agentSatisfactionAverage: ratio(n("agentRatedSum"), n("agentRated"), 2),
    aiCostBrl: round(n("aiCostBrl"), 6)!,
    aiTokensInput: n("aiTokensInput"),
    aiTokensOutput: n("aiTokensOutput"),
    aiCalls: n("aiCalls"),
    aiFallbacks: n("aiFallbacks"),
  };
}
