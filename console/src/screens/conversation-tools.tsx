import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { dateTime, duration } from "../lib/format";
import { errorText, useNow } from "../lib/live";

const Canned = graphql(`query ConsoleCannedReplies($search: String) { cannedReplies(search: $search) { id shortcut title body personal } }`);
const Teams = graphql(`query ConsoleTeams { teams { id name } }`);
const Agents = graphql(`query ConsoleTransferAgents { users { id name role } }`);
const Transfer = graphql(`mutation ConsoleTransfer($input: TransferHandoffInput!) { transferHandoff(input: $input) { id status team { id name } agent { id name } } }`);
const AllLabels = graphql(`query ConsoleLabels { labels { id name color } }`);
const AddLabels = graphql(`mutation ConsoleAddLabels($input: LabelTargetInput!) { addLabels(input: $input) { id name color } }`);
const RemoveLabels = graphql(`mutation ConsoleRemoveLabels($input: LabelTargetInput!) { removeLabels(input: $input) { id name color } }`);
const FollowUps = graphql(`query ConsoleFollowUps($sessionId: ID!) { followUps(sessionId: $sessionId) { id text status dueAt sentAt cancelledAt afterSilenceMinutes } }`);
const Schedule = graphql(`mutation ConsoleScheduleFollowUp($input: FollowUpInput!) { scheduleFollowUp(input: $input) { id status } }`);
const CancelFollowUp = graphql(`mutation ConsoleCancelFollowUp($id: ID!) { cancelFollowUp(id: $id) { id status } }`);

export type Canned = { id: string; shortcut: string; title: string; body: string };

/** The "/term" being typed at the start of the reply box, or null. */
export const cannedTerm = (text: string): string | null => (/^\/\S*$/.test(text) ? text.slice(1) : null);

/**
 * Canned replies filtered as the person types "/…" in the reply box. Choosing one SENDS it at
 * once with `cannedReplyId`: the server fills {{cliente.nome}}, {{protocolo}}… from the conversation.
 */
export function useCannedReplies(term: string | null) {
  const [res] = useQuery({ query: Canned, variables: { search: term || null }, pause: term === null, requestPolicy: "cache-and-network" });
  return term === null ? [] : (res.data?.cannedReplies ?? []);
}

export function CannedList({ items, active, onPick }: { items: Canned[]; active: number; onPick: (c: Canned) => void }) {
  return (
    <ul className="canned" role="listbox" id="respostas-prontas" aria-label="Respostas prontas">
      {items.length === 0 && <li className="muted">Nenhuma resposta pronta encontrada.</li>}
      {items.map((c, i) => (
        <li
          key={c.id}
          id={`canned-${c.id}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? "active" : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(c);
          }}
        >
          <strong>{c.shortcut}</strong> {c.title}
          <span className="muted"> — {c.body.length > 80 ? `${c.body.slice(0, 80)}…` : c.body}</span>
        </li>
      ))}
      <li className="hint muted" aria-hidden="true">
        ↑↓ escolhe · Enter envia já com as variáveis preenchidas · Esc fecha
      </li>
    </ul>
  );
}

export function TransferDialog({ handoffId, onDone, onCancel }: { handoffId: string; onDone: () => void; onCancel: () => void }) {
  const [teams] = useQuery({ query: Teams });
  const [agents] = useQuery({ query: Agents });
  const [state, transfer] = useMutation(Transfer);
  const [target, setTarget] = useState("");
  const [note, setNote] = useState("");
  const go = async () => {
    const [kind, id] = target.split(":");
    if (!id) return;
    const r = await transfer({ input: { handoffId, note: note.trim() || null, ...(kind === "team" ? { toTeamId: id } : { toAgentId: id }) } });
    if (r.data) onDone();
  };
  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-label="Transferir atendimento">
      <label>
        Destino
        <select value={target} onChange={(e) => setTarget(e.target.value)} autoFocus>
          <option value="">Escolha uma equipe ou um agente</option>
          <optgroup label="Equipes">
            {(teams.data?.teams ?? []).map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                {t.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Agentes">
            {(agents.data?.users ?? [])
              .filter((u) => u.role !== "INTEGRATOR")
              .map((u) => (
                <option key={u.id} value={`agent:${u.id}`}>
                  {u.name}
                </option>
              ))}
          </optgroup>
        </select>
      </label>
      <label>
        Nota da transferência
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      </label>
      {state.error && <p className="error" role="alert">{errorText(state.error)}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={!target || state.fetching} onClick={() => void go()}>
          Confirmar transferência
        </button>
        <button type="button" onClick={onCancel}>
          Cancelar
        </button>
      </div>
    </div>
  );
}

type Label = { id: string; name: string; color: string };

/** The conversation's labels as chips; the combobox "Etiquetas" adds one, × removes it. */
export function LabelsBar({ sessionId, labels, onChange }: { sessionId: string; labels: Label[]; onChange: () => void }) {
  const [all] = useQuery({ query: AllLabels });
  const [addState, add] = useMutation(AddLabels);
  const [removeState, remove] = useMutation(RemoveLabels);
  const [typed, setTyped] = useState("");
  const have = new Set(labels.map((l) => l.id));
  const options = (all.data?.labels ?? []).filter((l) => !have.has(l.id));
  const pick = async (name: string) => {
    const l = options.find((o) => o.name.toLowerCase() === name.trim().toLowerCase());
    if (!l) return;
    const r = await add({ input: { sessionId, labelIds: [l.id] } });
    if (r.data) {
      setTyped("");
      onChange();
    }
  };
  return (
    <div className="labels-bar">
      <ul className="chips" aria-label="Etiquetas da conversa">
        {labels.map((l) => (
          <li key={l.id} className="chip" style={{ borderColor: l.color }}>
            <span className="dot" style={{ background: l.color }} aria-hidden="true" />
            {l.name}
            <button
              type="button"
              aria-label={`Remover etiqueta ${l.name}`}
              onClick={() => void remove({ input: { sessionId, labelIds: [l.id] } }).then((r) => r.data && onChange())}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        role="combobox"
        aria-label="Etiquetas"
        aria-expanded={false}
        list="etiquetas-disponiveis"
        placeholder="Adicionar etiqueta"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          // Choosing from the datalist puts the exact name in: add it at once.
          if (options.some((o) => o.name === e.target.value)) void pick(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            void pick(typed);
          }
        }}
      />
      <datalist id="etiquetas-disponiveis">
        {options.map((o) => (
          <option key={o.id} value={o.name} />
        ))}
      </datalist>
      {(addState.error || removeState.error) && <p className="error" role="alert">{errorText(addState.error ?? removeState.error)}</p>}
    </div>
  );
}

type Sla = {
  status: string;
  firstResponseDueAt?: string | null;
  firstResponseAt?: string | null;
  firstResponseBreachedAt?: string | null;
  resolutionDueAt?: string | null;
  resolutionBreachedAt?: string | null;
};

/** One SLA deadline counting down live; red ("estourado") once past. */
export function SlaClock({ label, dueAt, breached, now }: { label: string; dueAt: string; breached?: string | null; now: number }) {
  const left = (Date.parse(dueAt) - now) / 1000;
  const late = left < 0 || !!breached;
  return (
    <span className={`sla ${late ? "sla-breached" : left < 15 * 60 ? "sla-warning" : ""}`} title={`Prazo: ${dateTime(dueAt)}`} data-late={late}>
      {label}: {late ? `estourado há ${duration(-left)}` : `faltam ${duration(left)}`}
    </span>
  );
}

export function SlaTimers({ h }: { h: Sla }) {
  const now = useNow();
  if (h.status === "COMPLETED" || h.status === "CANCELLED" || (!h.firstResponseDueAt && !h.resolutionDueAt)) return null;
  return (
    <p className="sla-timers" role="group" aria-label="Prazos de SLA">
      {h.firstResponseDueAt && !h.firstResponseAt && <SlaClock label="1ª resposta" dueAt={h.firstResponseDueAt} breached={h.firstResponseBreachedAt} now={now} />}
      {h.firstResponseAt && <span className="sla muted">1ª resposta dada</span>}
      {h.resolutionDueAt && <SlaClock label="Resolução" dueAt={h.resolutionDueAt} breached={h.resolutionBreachedAt} now={now} />}
    </p>
  );
}

const FOLLOW_STATUS: Record<string, string> = { SCHEDULED: "Agendado", SENT: "Enviado", CANCELLED: "Cancelado", FAILED: "Falhou" };

/** Scheduled follow-ups of the conversation, cancellable, and the form "Agendar retorno". */
export function FollowUpsPanel({ sessionId }: { sessionId: string }) {
  const [list, refetch] = useQuery({ query: FollowUps, variables: { sessionId }, requestPolicy: "cache-and-network" });
  const [scheduleState, schedule] = useMutation(Schedule);
  const [cancelState, cancel] = useMutation(CancelFollowUp);
  const [text, setText] = useState("");
  const [when, setWhen] = useState("");
  const [silence, setSilence] = useState("");
  const items = list.data?.followUps ?? [];
  const submit = async () => {
    if (!text.trim() || (!when && !silence)) return;
    const input = { sessionId, text: text.trim(), ...(when ? { sendAt: new Date(when).toISOString() } : { afterSilenceMinutes: Number(silence) }) };
    const r = await schedule({ input });
    if (r.data) {
      setText("");
      setWhen("");
      setSilence("");
      refetch({ requestPolicy: "network-only" });
    }
  };
  return (
    <details className="followups">
      <summary>Retornos agendados ({items.filter((f) => f.status === "SCHEDULED").length})</summary>
      <ul>
        {items.map((f) => (
          <li key={f.id}>
            <span className="badge">{FOLLOW_STATUS[f.status] ?? f.status}</span> {dateTime(f.sentAt ?? f.dueAt)}
            {f.afterSilenceMinutes ? ` (se o cliente ficar ${f.afterSilenceMinutes} min sem responder)` : ""} — {f.text}
            {f.status === "SCHEDULED" && (
              <button type="button" onClick={() => void cancel({ id: f.id }).then(() => refetch({ requestPolicy: "network-only" }))} disabled={cancelState.fetching}>
                Cancelar retorno
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        aria-label="Agendar retorno"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          Texto do retorno
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} />
        </label>
        <label>
          Enviar em
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        </label>
        <label>
          ou após silêncio do cliente (minutos)
          <input type="number" min={1} value={silence} onChange={(e) => setSilence(e.target.value)} />
        </label>
        {(scheduleState.error || cancelState.error) && <p className="error" role="alert">{errorText(scheduleState.error ?? cancelState.error)}</p>}
        <button type="submit" disabled={scheduleState.fetching}>
          Agendar retorno
        </button>
      </form>
    </details>
  );
}
