import { useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { CHANNEL_LABEL, dateTime, PRIORITY_LABEL, TICKET_STATUS_LABEL } from "../lib/format";
import { errorText } from "../lib/live";

const FilterOptions = graphql(`query ConsoleTicketFilterOptions { teams { id name } labels { id name } }`);

const Tickets = graphql(`
  query ConsoleTickets($after: String, $filter: TicketFilter) {
    tickets(first: 25, after: $after, filter: $filter) {
      totalCount
      edges { node { id subject message status priority channel createdAt client { id name } assignee { id name } team { id name } category dueAt labels { id name color } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** Tickets with filters; keyset pages ("Próxima página" follows the cursor, "Início" goes back to the first). */
export default function TicketsScreen() {
  const [status, setStatus] = useState("");
  const [priority, setPriority] = useState("");
  const [cursors, setCursors] = useState<string[]>([]);
  const [teamId, setTeamId] = useState("");
  const [labelId, setLabelId] = useState("");
  const [overdue, setOverdue] = useState(false);
  const [opts] = useQuery({ query: FilterOptions });
  const filter = {
    ...(status ? { status: status as never } : {}),
    ...(priority ? { priority: priority as never } : {}),
    ...(teamId ? { teamId } : {}),
    ...(labelId ? { labelId } : {}),
    ...(overdue ? { overdue: true } : {}),
  };
  const [r] = useQuery({ query: Tickets, variables: { after: cursors.at(-1) ?? null, filter } });
  const page = r.data?.tickets;
  return (
    <section>
      <h1>Chamados</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Situação
          <select value={status} onChange={(e) => (setStatus(e.target.value), setCursors([]))}>
            <option value="">Todas</option>
            {Object.entries(TICKET_STATUS_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Prioridade
          <select value={priority} onChange={(e) => (setPriority(e.target.value), setCursors([]))}>
            <option value="">Todas</option>
            {Object.entries(PRIORITY_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Equipe
          <select value={teamId} onChange={(e) => (setTeamId(e.target.value), setCursors([]))}>
            <option value="">Todas</option>
            {(opts.data?.teams ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Etiqueta
          <select value={labelId} onChange={(e) => (setLabelId(e.target.value), setCursors([]))}>
            <option value="">Todas</option>
            {(opts.data?.labels ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={overdue} onChange={(e) => (setOverdue(e.target.checked), setCursors([]))} /> Só atrasados
        </label>
        {page && <span className="muted">{page.totalCount} chamado(s)</span>}
      </form>
      {r.error && <p className="error" role="alert">{errorText(r.error)}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Assunto</th>
              <th>Cliente</th>
              <th>Situação</th>
              <th>Prioridade</th>
              <th>Canal</th>
              <th>Equipe</th>
              <th>Categoria</th>
              <th>Prazo</th>
              <th>Etiquetas</th>
              <th>Aberto em</th>
            </tr>
          </thead>
          <tbody>
            {page?.edges.map(({ node: t }) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/chamados/${t.id}`}>{t.subject ?? t.message.slice(0, 60)}</Link>
                </td>
                <td>{t.client.name}</td>
                <td>{TICKET_STATUS_LABEL[t.status] ?? t.status}</td>
                <td>{PRIORITY_LABEL[t.priority] ?? t.priority}</td>
                <td>{CHANNEL_LABEL[t.channel] ?? t.channel}</td>
                <td>{t.team?.name ?? "—"}</td>
                <td>{t.category ?? "—"}</td>
                <td className={t.dueAt && Date.parse(t.dueAt) < Date.now() && (t.status === "OPEN" || t.status === "ESCALATED") ? "sla-breached" : undefined}>{t.dueAt ? dateTime(t.dueAt) : "—"}</td>
                <td>
                  {t.labels.map((l) => (
                    <span key={l.id} className="chip" style={{ borderColor: l.color }}>
                      {l.name}
                    </span>
                  ))}
                </td>
                <td>{dateTime(t.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button type="button" disabled={!cursors.length} onClick={() => setCursors([])}>
          Início
        </button>
        <button type="button" disabled={!page?.pageInfo.hasNextPage} onClick={() => page?.pageInfo.endCursor && setCursors([...cursors, page.pageInfo.endCursor])}>
          Próxima página
        </button>
      </div>
    </section>
  );
}
