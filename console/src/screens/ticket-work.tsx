import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { dateTime } from "../lib/format";
import { errorText, isSupervisor, useMe } from "../lib/live";

const Options = graphql(`query ConsoleTicketOptions { teams { id name } users { id name role deactivatedAt } labels { id name color } }`);
const Categories = graphql(`query ConsoleTicketCategories { tenantSettings { ticketCategories } }`);
const Assign = graphql(`mutation ConsoleAssignTicket($ticketId: ID!, $agentId: ID, $teamId: ID) { assignTicket(ticketId: $ticketId, agentId: $agentId, teamId: $teamId) { id assignee { id name } team { id name } } }`);
const Update = graphql(`mutation ConsoleUpdateTicket($id: ID!, $input: UpdateTicketInput!) { updateTicket(id: $id, input: $input) { id category dueAt labels { id name color } } }`);

type Work = {
  id: string;
  category?: string | null;
  dueAt?: string | null;
  assignee?: { id: string } | null;
  team?: { id: string } | null;
  labels: Array<{ id: string; name: string; color: string }>;
};

/** datetime-local value in the browser's zone from an ISO instant. */
const localInput = (iso: string | null | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The ticket as a work item: assignee and team (assignTicket), category, due date and labels (updateTicket). */
export function TicketWork({ t, onChange }: { t: Work; onChange: () => void }) {
  const me = useMe();
  const [opts] = useQuery({ query: Options });
  const [cats] = useQuery({ query: Categories, pause: !isSupervisor(me) });
  const [assigned, assign] = useMutation(Assign);
  const [updated, update] = useMutation(Update);
  const [category, setCategory] = useState(t.category ?? "");
  const [due, setDue] = useState(localInput(t.dueAt));
  const categories = cats.data?.tenantSettings.ticketCategories ?? [];
  // Checked at once; the server's answer refreshes the ticket.
  const [have, setHave] = useState(() => new Set(t.labels.map((l) => l.id)));
  const done = (r: { data?: unknown }) => r.data && onChange();
  const setLabels = (ids: string[]) => {
    setHave(new Set(ids));
    void update({ id: t.id, input: { labels: ids } }).then(done);
  };
  return (
    <fieldset className="ticket-work">
      <legend>Atribuição e prazos</legend>
      <label>
        Agente responsável
        <select value={t.assignee?.id ?? ""} onChange={(e) => void assign({ ticketId: t.id, agentId: e.target.value || null, teamId: t.team?.id ?? null }).then(done)}>
          <option value="">Ninguém</option>
          {(opts.data?.users ?? [])
            .filter((u) => !u.deactivatedAt && u.role !== "INTEGRATOR")
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        Equipe do chamado
        <select value={t.team?.id ?? ""} onChange={(e) => void assign({ ticketId: t.id, agentId: t.assignee?.id ?? null, teamId: e.target.value || null }).then(done)}>
          <option value="">Nenhuma</option>
          {(opts.data?.teams ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Categoria
        {categories.length ? (
          <select value={category} onChange={(e) => (setCategory(e.target.value), void update({ id: t.id, input: { category: e.target.value || null } }).then(done))}>
            <option value="">Nenhuma</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        ) : (
          <input value={category} onChange={(e) => setCategory(e.target.value)} onBlur={() => category !== (t.category ?? "") && void update({ id: t.id, input: { category: category || null } }).then(done)} />
        )}
      </label>
      <label>
        Prazo
        <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} onBlur={() => void update({ id: t.id, input: { dueAt: due ? new Date(due).toISOString() : null } }).then(done)} />
      </label>
      {t.dueAt && <span className={`sla ${Date.parse(t.dueAt) < Date.now() ? "sla-breached" : ""}`}>Prazo: {dateTime(t.dueAt)}</span>}
      <fieldset>
        <legend>Etiquetas do chamado</legend>
        {(opts.data?.labels ?? []).map((l) => (
          <label key={l.id} className="inline">
            <input type="checkbox" checked={have.has(l.id)} onChange={(e) => setLabels(e.target.checked ? [...have, l.id] : [...have].filter((x) => x !== l.id))} />
            <span className="dot" style={{ background: l.color }} aria-hidden="true" /> {l.name}
          </label>
        ))}
      </fieldset>
      {(assigned.error || updated.error) && <p className="error" role="alert">{errorText(assigned.error ?? updated.error)}</p>}
    </fieldset>
  );
}
