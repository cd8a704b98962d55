import { useEffect, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import { useVirtualizer } from "@tanstack/react-virtual";
import { graphql } from "../gql";
import type { QueueItemFragment } from "../gql/graphql";
import { CHANNEL_LABEL, duration, phone, PRIORITY_LABEL, PRIORITY_RANK } from "../lib/format";
import { errorText, isSupervisor, useConnection, useLive, useMe, useNow } from "../lib/live";
import { notifyNewHandoff, NotificationToggle } from "../lib/notify";
import { AgentLoad } from "./agent-load";
import { SlaClock } from "./conversation-tools";

const Teams = graphql(`query ConsoleQueueTeams { teams { id name } }`);

graphql(`
  fragment QueueItem on Handoff {
    id
    priority
    reason
    status
    createdAt
    waitingSeconds
    team { id name }
    firstResponseDueAt
    firstResponseBreachedAt
    session { id channel client { id name phone } }
  }
`);
const Queue = graphql(`query ConsoleQueue { handoffQueue { ...QueueItem } }`);
const QueueUpdated = graphql(`subscription ConsoleQueueUpdated { queueUpdated { kind queueLength handoff { ...QueueItem } } }`);
const Claim = graphql(`mutation ConsoleClaim($id: ID!) { claimHandoff(id: $id) { id session { id } } }`);

type Item = QueueItemFragment & { seenAt: number };

const order = (a: Item, b: Item) =>
  (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The pending handoffs, kept live: the list is fetched, then every queue event patches it; a reconnect fetches it again. */
export function useLiveQueue(): { items: Item[]; loading: boolean; error: string | null } {
  const client = useClient();
  const { epoch } = useConnection();
  const [items, setItems] = useState<Map<string, Item>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void client
      .query(Queue, {}, { requestPolicy: "network-only" })
      .toPromise()
      .then((r) => {
        if (!live) return;
        setLoading(false);
        setError(errorText(r.error));
        if (r.data) setItems(new Map(r.data.handoffQueue.map((h) => [h.id, { ...h, seenAt: Date.now() }])));
      });
    return () => {
      live = false;
    };
  }, [client, epoch]);

  useLive(QueueUpdated, {}, (event) => {
    const { handoff, kind } = event.queueUpdated;
    setItems((current) => {
      const next = new Map(current);
      if (handoff.status === "PENDING") next.set(handoff.id, { ...handoff, seenAt: Date.now() });
      else next.delete(handoff.id);
      return next;
    });
    if (kind === "CREATED") notifyNewHandoff(handoff.session.client.name, handoff.reason);
  });

  const sorted = useMemo(() => [...items.values()].sort(order), [items]);
  return { items: sorted, loading, error };
}

export function QueueScreen() {
  const me = useMe()!;
  const navigate = useNavigate();
  const { items: all, loading, error } = useLiveQueue();
  const supervisor = isSupervisor(me);
  const [teams] = useQuery({ query: Teams, pause: !supervisor });
  const [teamFilter, setTeamFilter] = useState("");
  const items = useMemo(() => (teamFilter ? all.filter((h) => (teamFilter === "-" ? !h.team : h.team?.id === teamFilter)) : all), [all, teamFilter]);
  const [claim, claimHandoff] = useMutation(Claim);
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => 84, overscan: 8 });

  const take = async (id: string) => {
    const r = await claimHandoff({ id });
    if (r.data) navigate(`/conversas/${r.data.claimHandoff.session.id}`);
  };

  return (
    <section className="queue-screen">
      <div className="screen-head">
        <h1>Fila de atendimento</h1>
        <p className="count" aria-live="polite">
          {items.length === 1 ? "1 pessoa aguardando" : `${items.length} pessoas aguardando`}
        </p>
        <AgentLoad me={me} />
        <NotificationToggle />
        {supervisor && (
          <label>
            Equipe
            <select value={teamFilter} onChange={(e) => setTeamFilter(e.target.value)}>
              <option value="">Todas</option>
              <option value="-">Sem equipe</option>
              {(teams.data?.teams ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {(error || claim.error) && (
        <p className="error" role="alert">
          {error ?? errorText(claim.error)}
        </p>
      )}
      <div className="queue" role="region" aria-label="Fila" ref={scroller}>
        {loading && !items.length ? (
          <p role="status">Carregando a fila…</p>
        ) : !items.length ? (
          <p className="empty">Ninguém aguardando agora.</p>
        ) : (
          <ul style={{ height: virtual.getTotalSize() }}>
            {virtual.getVirtualItems().map((row) => {
              const h = items[row.index];
              const waited = h.waitingSeconds + (now - h.seenAt) / 1000;
              return (
                <li key={h.id} data-index={row.index} ref={virtual.measureElement} style={{ transform: `translateY(${row.start}px)` }} className={`queue-item prio-${h.priority.toLowerCase()}`}>
                  <div className="who">
                    <strong>{h.session.client.name}</strong>
                    <span className="muted">
                      {CHANNEL_LABEL[h.session.channel] ?? h.session.channel} · {phone(h.session.client.phone)}
                    </span>
                  </div>
                  <div className="why">
                    <span className={`badge prio-${h.priority.toLowerCase()}`}>{PRIORITY_LABEL[h.priority] ?? h.priority}</span> {h.reason}
                    {h.team && <span className="badge team">Equipe {h.team.name}</span>}
                    {h.firstResponseDueAt && <SlaClock label="1ª resposta" dueAt={h.firstResponseDueAt} breached={h.firstResponseBreachedAt} now={now} />}
                  </div>
                  <div className="wait" title="Tempo de espera">
                    <span className="sr-only">Esperando há </span>
                    {duration(waited)}
                  </div>
                  <button type="button" className="primary" disabled={claim.fetching} onClick={() => void take(h.id)} aria-describedby={undefined}>
                    Assumir
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
