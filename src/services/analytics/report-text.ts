import type { ReportFrequency } from "../../entities/scheduled-report";
import type { Measures } from "./measures";

export interface ReportTextInput {
  tenantName: string;
  frequency: ReportFrequency;
  start: Date;
  end: Date;
  previousStart: Date;
  timezone: string;
  current: Measures;
  previous: Measures;
}

const brl = (n: number) => n.toLocaleString("pt-BR", { style: "currency", currency: "BRL", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (n: number | null) => (n == null ? "—" : `${(n * 100).toLocaleString("pt-BR", { maximumFractionDigits: 1 })}%`);
const num = (n: number | null, digits = 1) => (n == null ? "—" : n.toLocaleString("pt-BR", { maximumFractionDigits: digits }));
const duration = (s: number | null) => (s == null ? "—" : s < 60 ? `${Math.round(s)} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${num(s / 3600)} h`);

function change(cur: number | null, prev: number | null, format: (n: number | null) => string): string {
  if (cur == null || prev == null) return `${format(cur)} (antes: ${format(prev)})`;
  if (prev === 0) return `${format(cur)} (antes: ${format(prev)})`;
  const delta = ((cur - prev) / Math.abs(prev)) * 100;
  const arrow = delta > 0 ? "▲" : delta < 0 ? "▼" : "=";
  return `${format(cur)} (${arrow} ${Math.abs(Math.round(delta))}% vs ${format(prev)})`;
}

/** The report in Portuguese, plain text (e-mail body and WhatsApp message alike). */
export function reportText(r: ReportTextInput): { subject: string; body: string } {
  const day = (d: Date) => d.toLocaleDateString("pt-BR", { timeZone: r.timezone });
  const last = new Date(r.end.getTime() - 1);
  const label = r.frequency === "DAILY" ? "diário" : "semanal";
  const period = r.frequency === "DAILY" ? day(r.start) : `${day(r.start)} a ${day(last)}`;
  const prevPeriod = r.frequency === "DAILY" ? day(r.previousStart) : `${day(r.previousStart)} a ${day(new Date(r.start.getTime() - 1))}`;
  const c = r.current;
  const p = r.previous;
  const int = (n: number | null) => num(n, 0);
  const lines = [
    `Relatório ${label} — ${r.tenantName}`,
    `Período: ${period} (comparado com ${prevPeriod})`,
    "",
    `Conversas: ${change(c.conversations, p.conversations, int)}`,
    `Mensagens recebidas: ${change(c.messagesIn, p.messagesIn, int)}`,
    `Mensagens enviadas: ${change(c.messagesOut, p.messagesOut, int)}`,
    `Tickets: ${change(c.tickets, p.tickets, int)}`,
    `Resolvidas pela IA: ${change(c.botResolutionRate, p.botResolutionRate, pct)}`,
    `Transferidas para atendentes: ${change(c.handoffRate, p.handoffRate, pct)}`,
    `Espera na fila (mediana): ${change(c.waitP50Seconds, p.waitP50Seconds, duration)}`,
    `Primeira resposta (mediana): ${change(c.firstResponseP50Seconds, p.firstResponseP50Seconds, duration)}`,
    `SLA cumprido: ${change(c.slaCompliance, p.slaCompliance, pct)}`,
    `CSAT: ${change(c.csatAverage, p.csatAverage, (n) => num(n, 2))}`,
    `NPS: ${change(c.nps, p.nps, (n) => num(n, 1))}`,
    `Custo de IA: ${change(c.aiCostBrl, p.aiCostBrl, (n) => (n == null ? "—" : brl(n)))}`,
  ];
  return { subject: `Relatório ${label} de atendimento — ${period}`, body: lines.join("\n") };
}
