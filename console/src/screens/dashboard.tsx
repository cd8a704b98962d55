import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { AVAILABILITY_LABEL, duration, money, number, percent } from "../lib/format";
import { errorText, useNow } from "../lib/live";
import { useLiveQueue } from "./queue";
import { BarChart } from "./chart";
import { SlaAlerts, SurveyResults } from "./dashboard-helpdesk";

const Team = graphql(`
  query ConsoleTeam {
    users { id name role availability deactivatedAt }
    handoffs(first: 100, filter: { status: ASSIGNED }) { edges { node { id agent { id } } } }
    tenantSettings { agentCapacity }
  }
`);
const Stats = graphql(`
  query ConsoleDashboard($period: PeriodInput!) {
    dashboard(period: $period) {
      totalSessions totalMessages aiResolutionRate handoffRate avgFirstResponseSeconds avgQueueWaitSeconds avgSessionMinutes csatAverage nps totalCostBrl
    }
  }
`);
const Assign = graphql(`mutation ConsoleAssign($id: ID!, $agentId: ID!) { assignHandoff(id: $id, agentId: $agentId) { id status agent { id name } } }`);

const PERIODS: Array<[string, string, number]> = [["1", "Últimas 24 horas", 1], ["7", "Últimos 7 dias", 7], ["30", "Últimos 30 dias", 30]];

/** Supervisor dashboard: the live queue, the team with its load, assignment, and the period's analytics as charts. */
export default function DashboardScreen() {
  const { items } = useLiveQueue();
  const now = useNow();
  const [team, refetchTeam] = useQuery({ query: Team, requestPolicy: "cache-and-network" });
  const [days, setDays] = useState("7");
  const period = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - Number(days) * 86_400_000).toISOString(), to: to.toISOString() };
  }, [days]);
  const [stats] = useQuery({ query: Stats, variables: { period } });
  const [assign, assignHandoff] = useMutation(Assign);
  const [choice, setChoice] = useState<Record<string, string>>({});

  const agents = (team.data?.users ?? []).filter((u) => !u.deactivatedAt && u.role !== "INTEGRATOR");
  const load = new Map<string, number>();
  for (const e of team.data?.handoffs.edges ?? []) if (e.node.agent) load.set(e.node.agent.id, (load.get(e.node.agent.id) ?? 0) + 1);
  const capacity = team.data?.tenantSettings.agentCapacity;
  const oldest = items.reduce((max, h) => Math.max(max, h.waitingSeconds + (now - h.seenAt) / 1000), 0);
  const d = stats.data?.dashboard;

  return (
    <section className="dashboard">
      <h1>Painel</h1>
      <div className="kpis">
        <div className="kpi" aria-label="Na fila">
          <span>Na fila</span>
          <strong>{items.length}</strong>
        </div>
        <div className="kpi" aria-label="Espera mais longa">
          <span>Espera mais longa</span>
          <strong>{items.length ? duration(oldest) : "—"}</strong>
        </div>
        <div className="kpi">
          <span>Agentes disponíveis</span>
          <strong>{agents.filter((a) => a.availability === "ONLINE").length}</strong>
        </div>
      </div>
      <div className="columns">
        <div>
          <h2>Equipe</h2>
          <ul className="team">
            {agents.map((a) => (
              <li key={a.id}>
                <strong>{a.name}</strong> <span className={`dot ${a.availability.toLowerCase()}`}>{AVAILABILITY_LABEL[a.availability]}</span>{" "}
                <span className="muted">
                  {load.get(a.id) ?? 0}
                  {capacity ? ` de ${capacity}` : ""} atendimento(s)
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>Atribuir atendimentos</h2>
          {assign.error && <p className="error" role="alert">{errorText(assign.error)}</p>}
          {!items.length ? (
            <p className="muted">Fila vazia.</p>
          ) : (
            <ul className="assign">
              {items.slice(0, 50).map((h) => (
                <li key={h.id}>
                  <span>
                    <strong>{h.session.client.name}</strong> · {h.reason}
                  </span>
                  <label>
                    <span className="sr-only">Agente para {h.session.client.name}</span>
                    <select aria-label={`Agente para ${h.session.client.name}`} value={choice[h.id] ?? ""} onChange={(e) => setChoice({ ...choice, [h.id]: e.target.value })}>
                      <option value="">Escolha o agente</option>
                      {agents.map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.name} ({AVAILABILITY_LABEL[a.availability]})
                        </option>
                      ))}
                    </select>
                  </label>
                  <button
                    type="button"
                    disabled={!choice[h.id] || assign.fetching}
                    onClick={async () => {
                      const r = await assignHandoff({ id: h.id, agentId: choice[h.id] });
                      if (r.data) refetchTeam({ requestPolicy: "network-only" });
                    }}
                  >
                    Atribuir
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <h2>Indicadores</h2>
      <label>
        Período
        <select value={days} onChange={(e) => setDays(e.target.value)}>
          {PERIODS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      {stats.error && <p className="error" role="alert">{errorText(stats.error)}</p>}
      {d && (
        <>
          <div className="kpis">
            <div className="kpi"><span>Conversas</span><strong>{number(d.totalSessions)}</strong></div>
            <div className="kpi"><span>Mensagens</span><strong>{number(d.totalMessages)}</strong></div>
            <div className="kpi"><span>Custo de IA</span><strong>{money(d.totalCostBrl)}</strong></div>
            <div className="kpi"><span>Satisfação (CSAT)</span><strong>{d.csatAverage != null ? number(d.csatAverage) : "—"}</strong></div>
          </div>
          <div className="charts">
            <figure>
              <figcaption>Taxas</figcaption>
              <BarChart label="Taxas (%)" bars={[["Resolvidas pela IA", d.aiResolutionRate * 100], ["Transferidas", d.handoffRate * 100]]} format={(v) => percent(v / 100)} />
            </figure>
            <figure>
              <figcaption>Tempos médios</figcaption>
              <BarChart label="Tempos (min)" bars={[["1ª resposta", d.avgFirstResponseSeconds / 60], ["Espera na fila", d.avgQueueWaitSeconds / 60], ["Conversa", d.avgSessionMinutes]]} format={(v) => `${number(v)} min`} />
            </figure>
          </div>
        </>
      )}
      <SlaAlerts />
      <SurveyResults from={period.from} to={period.to} />
    </section>
  );
}
