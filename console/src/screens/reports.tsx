import { useMemo, useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { AnalyticsDimension, AnalyticsGranularity } from "../gql/graphql";
import { CHANNEL_LABEL, duration, money, number, percent, setTimeZone, tenantTimeZone } from "../lib/format";
import { errorText, isAdmin, useMe } from "../lib/live";
import { SeriesChart, type Line } from "./reports-chart";
import "./reports.css";
import { AgentsTable, AiCostsCard, ComplianceCard } from "./reports-cards";
import { ExportsPanel, ScheduledReportForm } from "./reports-exports";

const Analytics = graphql(`
  query ConsoleAnalytics($input: AnalyticsInput!) {
    analytics(input: $input) {
      timezone granularity
      series { bucketLabel group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }
      groups { group { dimension key name } measures { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput } }
      totals { conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage csatResponses nps aiCostBrl aiTokensInput aiTokensOutput }
    }
  }
`);

type Measures = Record<string, number | null | undefined>;
type Kind = "count" | "percent" | "seconds" | "money" | "score";

const fmt: Record<Kind, (v: number) => string> = {
  count: number,
  percent: (v) => percent(v),
  seconds: (v) => duration(v),
  money: (v) => money(v),
  score: (v) => new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 2 }).format(v),
};

/** The totals table: measure → label and format. */
const ROWS: Array<[string, string, Kind]> = [
  ["conversations", "Conversas", "count"],
  ["messagesIn", "Mensagens recebidas", "count"],
  ["messagesOut", "Mensagens enviadas", "count"],
  ["tickets", "Chamados abertos", "count"],
  ["autoResolved", "Resolvidas pela IA", "count"],
  ["handedOff", "Transferidas para humano", "count"],
  ["botResolutionRate", "Taxa de resolução pela IA", "percent"],
  ["handoffRate", "Taxa de transferência", "percent"],
  ["waitP50Seconds", "Espera na fila (mediana)", "seconds"],
  ["waitP90Seconds", "Espera na fila (p90)", "seconds"],
  ["firstResponseP50Seconds", "Primeira resposta (mediana)", "seconds"],
  ["resolutionP50Seconds", "Resolução (mediana)", "seconds"],
  ["slaCompliance", "Cumprimento do SLA", "percent"],
  ["csatAverage", "CSAT (1–5)", "score"],
  ["nps", "NPS", "score"],
  ["aiCostBrl", "Custo de IA", "money"],
  ["aiTokensInput", "Tokens de entrada", "count"],
  ["aiTokensOutput", "Tokens de saída", "count"],
];

/** The charts: title, kind, and the measures drawn (with their legend). */
const CHARTS: Array<{ title: string; kind: Kind; bar?: boolean; measures: Array<[string, string]> }> = [
  { title: "Conversas", kind: "count", bar: true, measures: [["conversations", "Conversas"]] },
  { title: "Mensagens", kind: "count", measures: [["messagesIn", "Recebidas"], ["messagesOut", "Enviadas"]] },
  { title: "Resolução pela IA e transferência", kind: "percent", measures: [["botResolutionRate", "Resolução pela IA"], ["handoffRate", "Transferência"]] },
  { title: "Espera na fila", kind: "seconds", measures: [["waitP50Seconds", "Mediana"], ["waitP90Seconds", "p90"]] },
  { title: "CSAT", kind: "score", measures: [["csatAverage", "CSAT"]] },
  { title: "Custo de IA", kind: "money", bar: true, measures: [["aiCostBrl", "Custo (R$)"]] },
];

const GRANULARITY: Array<[AnalyticsGranularity, string]> = [["DAY", "Dia"], ["WEEK", "Semana"], ["MONTH", "Mês"], ["HOUR", "Hora"]];
const DIMENSION: Array<[AnalyticsDimension | "", string]> = [["", "Sem agrupamento"], ["CHANNEL", "Canal"], ["TEAM", "Equipe"], ["AGENT", "Atendente"], ["INTENT", "Intenção"], ["LABEL", "Etiqueta"]];

/** YYYY-MM-DD of an instant in a time zone. */
export function dayIn(instant: Date, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The instant a local day starts in a time zone (ISO), e.g. 2026-03-05 in São Paulo → 2026-03-05T03:00:00.000Z. */
export function startOfDay(day: string, tz: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, p.value]),
  );
  const asLocal = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return new Date(guess - (asLocal - guess)).toISOString();
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export interface Period {
  from: string;
  to: string;
}

function groupName(group: Array<{ dimension: string; key?: string | null; name?: string | null }> | null | undefined): string {
  if (!group?.length) return "Total";
  return group.map((g) => (g.dimension === "CHANNEL" && g.key ? (CHANNEL_LABEL[g.key] ?? g.key) : (g.name ?? g.key ?? "Sem valor"))).join(" · ");
}

/** Relatórios: the period's analytics as charts and a totals table, agents, AI costs, compliance, exports and the scheduled report. */
export default function ReportsScreen() {
  const me = useMe();
  const tz = tenantTimeZone();
  const today = dayIn(new Date(), tz);
  const [fromDay, setFromDay] = useState(addDays(today, -6));
  const [toDay, setToDay] = useState(today);
  const [granularity, setGranularity] = useState<AnalyticsGranularity>("DAY");
  const [groupBy, setGroupBy] = useState<AnalyticsDimension | "">("");
  const valid = fromDay && toDay && fromDay <= toDay;
  // The chosen days are whole days in the tenant's time zone: [from 00:00, day after "to" 00:00).
  const period: Period = useMemo(() => ({ from: startOfDay(fromDay || today, tz), to: startOfDay(addDays(toDay || today, 1), tz) }), [fromDay, toDay, today, tz]);
  const input = useMemo(() => ({ ...period, granularity, groupBy: groupBy ? [groupBy] : [] }), [period, granularity, groupBy]);
  const [result] = useQuery({ query: Analytics, variables: { input }, pause: !valid, requestPolicy: "cache-and-network" });
  const a = result.data?.analytics;
  if (a) setTimeZone(a.timezone);

  const { buckets, linesFor } = useMemo(() => {
    const series = a?.series ?? [];
    const buckets = [...new Set(series.map((p) => p.bucketLabel))].sort();
    const index = new Map(buckets.map((b, i) => [b, i]));
    const groups = [...new Set(series.map((p) => groupName(p.group)))];
    const linesFor = (measures: Array<[string, string]>): Line[] => {
      const lines: Line[] = [];
      for (const [m, label] of measures)
        for (const g of groups) {
          const values: Array<number | null> = buckets.map(() => null);
          for (const p of series) if (groupName(p.group) === g) values[index.get(p.bucketLabel)!] = ((p.measures as Measures)[m] ?? null) as number | null;
          lines.push({ label: groups.length > 1 || (groups[0] && groups[0] !== "Total") ? (measures.length > 1 ? `${label} · ${g}` : g) : label, values });
        }
      return lines;
    };
    return { buckets, linesFor };
  }, [a]);

  return (
    <section className="reports">
      <h1>Relatórios</h1>
      <form className="period" aria-label="Período" onSubmit={(e) => e.preventDefault()}>
        <label>
          De
          <input type="date" value={fromDay} max={toDay} onChange={(e) => setFromDay(e.target.value)} />
        </label>
        <label>
          Até
          <input type="date" value={toDay} min={fromDay} onChange={(e) => setToDay(e.target.value)} />
        </label>
        <label>
          Intervalo
          <select value={granularity} onChange={(e) => setGranularity(e.target.value as AnalyticsGranularity)}>
            {GRANULARITY.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Agrupar por
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as AnalyticsDimension | "")}>
            {DIMENSION.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">Fuso: {a?.timezone ?? tz}</span>
      </form>
      {!valid && <p className="error" role="alert">A data inicial deve ser anterior à final.</p>}
      {result.error && <p className="error" role="alert">{errorText(result.error)}</p>}
      {!a && result.fetching && <p role="status">Carregando…</p>}
      {a && (
        <>
          <div className="charts">
            {CHARTS.map((c) => (
              <SeriesChart key={c.title} title={c.title} kind={c.bar ? "bar" : "line"} buckets={buckets} lines={linesFor(c.measures)} format={fmt[c.kind]} integer={c.kind === "count"} minTop={c.kind === "seconds" ? 60 : c.kind === "score" ? 5 : 1} />
            ))}
          </div>
          <h2>Totais do período</h2>
          <div className="table-scroll">
            <table className="totals" aria-label="Totais do período">
              <thead>
                <tr>
                  <th scope="col">Indicador</th>
                  <th scope="col">Total</th>
                  {a.groups.map((g) => (
                    <th scope="col" key={groupName(g.group)}>
                      {groupName(g.group)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ROWS.map(([m, label, kind]) => (
                  <tr key={m} data-measure={m}>
                    <th scope="row">{label}</th>
                    <td>{show((a.totals as Measures)[m], kind)}</td>
                    {a.groups.map((g) => (
                      <td key={groupName(g.group)}>{show((g.measures as Measures)[m], kind)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {valid && (
        <>
          <AgentsTable input={period} />
          <div className="columns">
            <AiCostsCard input={period} />
            <ComplianceCard input={period} />
          </div>
          <ExportsPanel period={period} />
          {isAdmin(me) && <ScheduledReportForm />}
        </>
      )}
    </section>
  );
}

function show(v: number | null | undefined, kind: Kind): string {
  return v == null ? "—" : fmt[kind](v);
}
