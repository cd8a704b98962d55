import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { dateTime, number, percent } from "../lib/format";
import { useLive } from "../lib/live";

const SlaUpdated = graphql(`
  subscription ConsoleSlaUpdated {
    slaUpdated { kind target dueAt handoff { id reason team { id name } session { id client { id name } } } ticket { id subject message } }
  }
`);
const Surveys = graphql(`
  query ConsoleSurveys($filter: SurveyFilter) {
    surveyResponses(filter: $filter, first: 200) { totalCount edges { node { id kind score status answeredAt } } }
  }
`);

type Alert = { key: string; kind: string; target: string; dueAt: string; what: string; at: number };
const TARGET: Record<string, string> = { FIRST_RESPONSE: "1ª resposta", RESOLUTION: "resolução" };

/** slaUpdated warnings and breaches, newest first, as they arrive (kept while the Painel is open). */
export function SlaAlerts() {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useLive(SlaUpdated, {}, (e) => {
    const ev = e.slaUpdated;
    const what = ev.handoff
      ? `${ev.handoff.session.client.name} — ${ev.handoff.reason}${ev.handoff.team ? ` (equipe ${ev.handoff.team.name})` : ""}`
      : ev.ticket
        ? `Chamado: ${ev.ticket.subject ?? ev.ticket.message.slice(0, 60)}`
        : "";
    const key = `${ev.kind}:${ev.target}:${ev.handoff?.id ?? ev.ticket?.id}`;
    setAlerts((cur) => [{ key, kind: ev.kind, target: ev.target, dueAt: ev.dueAt, what, at: Date.now() }, ...cur.filter((a) => a.key !== key)].slice(0, 50));
  });
  return (
    <section aria-label="Alertas de SLA">
      <h2>Alertas de SLA</h2>
      {alerts.length === 0 ? (
        <p className="muted">Nenhum prazo em risco desde que o painel foi aberto.</p>
      ) : (
        <ul className="sla-alerts" role="log" aria-live="polite">
          {alerts.map((a) => (
            <li key={a.key}>
              <span className={`sla ${a.kind === "BREACH" ? "sla-breached" : "sla-warning"}`}>{a.kind === "BREACH" ? "Estourado" : "Prestes a estourar"}</span> {TARGET[a.target] ?? a.target} ·{" "}
              {a.what} · prazo {dateTime(a.dueAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * CSAT and NPS of the period. There is no aggregate API for surveys: the figures are computed
 * here from the most recent answered responses (up to 200 of each kind), said on screen.
 */
export function SurveyResults({ from, to }: { from: string; to: string }) {
  const [csat] = useQuery({ query: Surveys, variables: { filter: { kind: "CSAT", status: "ANSWERED", from, to } } });
  const [nps] = useQuery({ query: Surveys, variables: { filter: { kind: "NPS", status: "ANSWERED", from, to } } });
  const scores = (r: typeof csat) => (r.data?.surveyResponses.edges ?? []).map((e) => e.node.score).filter((s): s is number => typeof s === "number");
  const c = scores(csat);
  const n = scores(nps);
  const promoters = n.filter((s) => s >= 9).length;
  const detractors = n.filter((s) => s <= 6).length;
  const passives = n.length - promoters - detractors;
  const csatAvg = c.length ? c.reduce((a, b) => a + b, 0) / c.length : null;
  const npsScore = n.length ? Math.round(((promoters - detractors) / n.length) * 100) : null;
  return (
    <section aria-label="Pesquisas de satisfação">
      <h2>Pesquisas respondidas pelos clientes</h2>
      <div className="survey-stats">
        <div className="kpi" aria-label="CSAT">
          <span>CSAT (1 a 5)</span>
          <strong>{csatAvg === null ? "—" : csatAvg.toLocaleString("pt-BR", { maximumFractionDigits: 2 })}</strong>
          <span className="muted">{number(csat.data?.surveyResponses.totalCount ?? 0)} resposta(s)</span>
        </div>
        <div className="kpi" aria-label="NPS">
          <span>NPS</span>
          <strong>{npsScore === null ? "—" : npsScore}</strong>
          <span className="muted">
            {n.length ? `promotores ${percent(promoters / n.length)} · neutros ${percent(passives / n.length)} · detratores ${percent(detractors / n.length)}` : "sem respostas"}
          </span>
        </div>
      </div>
      <p className="muted">Calculado no navegador a partir das últimas 200 respostas de cada pesquisa no período.</p>
    </section>
  );
}
