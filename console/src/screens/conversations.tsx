import { useEffect } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { CHANNEL_LABEL, dateTime } from "../lib/format";
import { errorText, useConnection } from "../lib/live";

const Mine = graphql(`
  query ConsoleMyConversations {
    sessions(first: 50, filter: { assignedToMe: true }) {
      edges { node { id channel lastMessageAt client { id name } handoff { id status reason } } }
    }
  }
`);

/** The conversations the signed-in agent is handling. */
export function ConversationsScreen() {
  const { epoch } = useConnection();
  const [r, refetch] = useQuery({ query: Mine, requestPolicy: "cache-and-network" });
  useEffect(() => {
    if (epoch) refetch({ requestPolicy: "network-only" });
  }, [epoch, refetch]);
  const rows = r.data?.sessions.edges.map((e) => e.node) ?? [];
  return (
    <section>
      <h1>Minhas conversas</h1>
      {r.error && <p className="error" role="alert">{errorText(r.error)}</p>}
      {!rows.length ? (
        <p className="empty">{r.fetching ? "Carregando…" : "Nenhuma conversa em andamento. Assuma alguém na fila."}</p>
      ) : (
        <ul className="cards">
          {rows.map((s) => (
            <li key={s.id}>
              <Link to={`/conversas/${s.id}`}>
                <strong>{s.client.name}</strong>
              </Link>
              <span className="muted">
                {" "}
                · {CHANNEL_LABEL[s.channel] ?? s.channel} · {dateTime(s.lastMessageAt)}
              </span>
              {s.handoff && <p>{s.handoff.reason}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
