import { useQuery } from "urql";
import { graphql } from "../gql";
import { date, duration, money, number, percent } from "../lib/format";
import { errorText } from "../lib/live";
import type { Period } from "./reports";

const Agents = graphql(`
  query ConsoleAgentPerformance($input: AnalyticsInput!) {
    agentPerformance(input: $input) {
      agentId name conversations completed transfers messagesSent firstResponseP50Seconds handleTimeAvgSeconds waitP50Seconds csatAverage csatResponses slaBreaches onlineSeconds
    }
  }
`);
const Costs = graphql(`
  query ConsoleAiCosts($input: AnalyticsInput!) {
    aiCosts(input: $input) {
      totalCostBrl monthToDate projectedMonth perConversation perResolvedConversation tokensInput tokensOutput
      byProvider { provider calls costBrl tokensInput tokensOutput }
      byModel { provider model calls costBrl tokensInput tokensOutput }
    }
  }
`);
const Compliance = graphql(`
  query ConsoleCompliance($input: AnalyticsInput!) {
    complianceReport(input: $input) {
      overdueRequests
      openRequests { id type status dueAt daysToDeadline overdue }
      consentsByPurpose { purpose granted revoked }
      requestsByTypeAndStatus { key secondary count }
    }
  }
`);

const opt = (v: number | null | undefined, f: (n: number) => string) => (v == null ? "—" : f(v));

const DSR_TYPE: Record<string, string> = { ACCESS: "Acesso", DELETION: "Eliminação", EXPORT: "Portabilidade", RECTIFICATION: "Correção" };
const PURPOSE: Record<string, string> = { AI_PROCESSING: "Tratamento por IA", DATA_SHARING: "Compartilhamento", MARKETING: "Marketing", WEB_CHAT_CONTACT: "Contato pelo chat do site" };

export function AgentsTable({ input }: { input: Period }) {
  const [r] = useQuery({ query: Agents, variables: { input }, requestPolicy: "cache-and-network" });
  const rows = r.data?.agentPerformance ?? [];
  return (
    <section aria-labelledby="rel-agentes">
      <h2 id="rel-agentes">Desempenho dos atendentes</h2>
      {r.error && <p className="error" role="alert">{errorText(r.error)}</p>}
      {!rows.length ? (
        <p className="muted">{r.fetching ? "Carregando…" : "Nenhum atendimento no período."}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Desempenho dos atendentes">
            <thead>
              <tr>
                <th scope="col">Atendente</th>
                <th scope="col">Atendimentos</th>
                <th scope="col">Concluídos</th>
                <th scope="col">Transferências</th>
                <th scope="col">Mensagens</th>
                <th scope="col">1ª resposta (mediana)</th>
                <th scope="col">Tempo médio</th>
                <th scope="col">CSAT</th>
                <th scope="col">SLA violado</th>
                <th scope="col">Tempo disponível</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.agentId}>
                  <th scope="row">{a.name}</th>
                  <td>{number(a.conversations)}</td>
                  <td>{number(a.completed)}</td>
                  <td>{number(a.transfers)}</td>
                  <td>{number(a.messagesSent)}</td>
                  <td>{opt(a.firstResponseP50Seconds, duration)}</td>
                  <td>{opt(a.handleTimeAvgSeconds, duration)}</td>
                  <td>{a.csatAverage == null ? "—" : `${number(a.csatAverage)} (${a.csatResponses})`}</td>
                  <td>{number(a.slaBreaches)}</td>
                  <td>{duration(a.onlineSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function AiCostsCard({ input }: { input: Period }) {
  const [r] = useQuery({ query: Costs, variables: { input }, requestPolicy: "cache-and-network" });
  const c = r.data?.aiCosts;
  return (
    <section className="card" aria-labelledby="rel-custos">
      <h2 id="rel-custos">Custos de IA</h2>
      {r.error && <p className="error" role="alert">{errorText(r.error)}</p>}
      {c && (
        <>
          <dl className="facts">
            <dt>No período</dt>
            <dd>{money(c.totalCostBrl)}</dd>
            <dt>Mês até agora</dt>
            <dd>{money(c.monthToDate)}</dd>
            <dt>Projeção do mês</dt>
            <dd>{money(c.projectedMonth)}</dd>
            <dt>Por conversa</dt>
            <dd>{opt(c.perConversation, money)}</dd>
            <dt>Por conversa resolvida</dt>
            <dd>{opt(c.perResolvedConversation, money)}</dd>
            <dt>Tokens (entrada / saída)</dt>
            <dd>
              {number(c.tokensInput)} / {number(c.tokensOutput)}
            </dd>
          </dl>
          {c.byModel.length > 0 && (
            <table aria-label="Custos por provedor e modelo">
              <thead>
                <tr>
                  <th scope="col">Provedor</th>
                  <th scope="col">Modelo</th>
                  <th scope="col">Chamadas</th>
                  <th scope="col">Custo</th>
                </tr>
              </thead>
              <tbody>
                {c.byModel.map((m) => (
                  <tr key={`${m.provider}/${m.model}`}>
                    <td>{m.provider}</td>
                    <td>{m.model ?? "—"}</td>
                    <td>{number(m.calls)}</td>
                    <td>{money(m.costBrl)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.byProvider.length > 1 && (
            <p className="muted">
              {c.byProvider.map((p) => `${p.provider}: ${money(p.costBrl)} (${percent(c.totalCostBrl ? p.costBrl / c.totalCostBrl : 0)})`).join(" · ")}
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function ComplianceCard({ input }: { input: Period }) {
  const [r] = useQuery({ query: Compliance, variables: { input }, requestPolicy: "cache-and-network" });
  const c = r.data?.complianceReport;
  const dueSoon = c?.openRequests.filter((o) => !o.overdue && o.daysToDeadline <= 5) ?? [];
  return (
    <section className="card" aria-labelledby="rel-lgpd">
      <h2 id="rel-lgpd">LGPD</h2>
      {r.error && <p className="error" role="alert">{errorText(r.error)}</p>}
      {c && (
        <>
          <dl className="facts">
            <dt>Pedidos de titulares atrasados</dt>
            <dd className={c.overdueRequests ? "error" : undefined}>{number(c.overdueRequests)}</dd>
            <dt>Vencem em até 5 dias</dt>
            <dd>{number(dueSoon.length)}</dd>
            <dt>Pedidos em aberto</dt>
            <dd>{number(c.openRequests.length)}</dd>
          </dl>
          {c.openRequests.length > 0 && (
            <ul aria-label="Pedidos em aberto">
              {c.openRequests.slice(0, 10).map((o) => (
                <li key={o.id}>
                  {DSR_TYPE[o.type] ?? o.type} · prazo {date(o.dueAt)} ·{" "}
                  {o.overdue ? <strong className="error">atrasado há {-o.daysToDeadline} dia(s)</strong> : `faltam ${o.daysToDeadline} dia(s)`}
                </li>
              ))}
            </ul>
          )}
          {c.consentsByPurpose.length > 0 && (
            <table aria-label="Consentimentos no período">
              <thead>
                <tr>
                  <th scope="col">Finalidade</th>
                  <th scope="col">Concedidos</th>
                  <th scope="col">Revogados</th>
                </tr>
              </thead>
              <tbody>
                {c.consentsByPurpose.map((p) => (
                  <tr key={p.purpose}>
                    <td>{PURPOSE[p.purpose] ?? p.purpose}</td>
                    <td>{number(p.granted)}</td>
                    <td>{number(p.revoked)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
