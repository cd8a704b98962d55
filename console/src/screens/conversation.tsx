import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useParams, useNavigate } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { ConsoleMessageFragment } from "../gql/graphql";
import { CHANNEL_LABEL, dateTime, money, number, PRIORITY_LABEL } from "../lib/format";
import { errorText, useConnection, useLive, useMe } from "../lib/live";
import { MessageBubble } from "./messages";
import { newer } from "../lib/message-merge";
import { ClientPanel } from "./client-panel";
import { CannedList, cannedTerm, FollowUpsPanel, LabelsBar, SlaTimers, TransferDialog, useCannedReplies, type Canned } from "./conversation-tools";

const Conversation = graphql(`
  query ConsoleConversation($id: ID!) {
    session(id: $id) {
      id channel status startedAt endedAt costBrl tokensInput tokensOutput aiModel aiProvider
      client { id }
      labels { id name color }
      handoff {
        id status reason priority createdAt agent { id name } notes { id text createdAt author { id name } }
        team { id name } firstResponseDueAt firstResponseAt firstResponseBreachedAt resolutionDueAt resolutionBreachedAt
      }
    }
  }
`);
const Page = graphql(`
  query ConsoleMessagesPage($id: ID!, $after: String) {
    session(id: $id) { id messages(first: 30, after: $after, newestFirst: true) { edges { node { ...ConsoleMessage } } pageInfo { hasNextPage endCursor } } }
  }
`);
const Added = graphql(`subscription ConsoleMessageAdded($sessionId: ID) { messageAdded(sessionId: $sessionId) { ...ConsoleMessage } }`);
const Updated = graphql(`subscription ConsoleMessageUpdated($sessionId: ID) { messageUpdated(sessionId: $sessionId) { ...ConsoleMessage } }`);
const Send = graphql(`mutation ConsoleSend($input: AgentMessageInput!) { sendAgentMessage(input: $input) { ...ConsoleMessage } }`);
const Note = graphql(`mutation ConsoleNote($handoffId: ID!, $text: String!) { addHandoffNote(handoffId: $handoffId, text: $text) { id text createdAt author { id name } } }`);
const Complete = graphql(`mutation ConsoleComplete($input: CompleteHandoffInput!) { completeHandoff(input: $input) { id status resolution } }`);
const MarkRead = graphql(`mutation ConsoleMarkRead($sessionId: ID!) { markSessionRead(sessionId: $sessionId) { id } }`);

type Msg = ConsoleMessageFragment;
const byTime = (a: Msg, b: Msg) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Messages of one conversation: newest page first, older pages on demand, live additions and receipts; refetched on reconnect. */
function useMessages(sessionId: string) {
  const client = useClient();
  const { epoch } = useConnection();
  const [messages, setMessages] = useState<Map<string, Msg>>(new Map());
  const [older, setOlder] = useState<{ cursor: string | null; more: boolean; loading: boolean }>({ cursor: null, more: false, loading: false });
  const merge = useCallback((list: Msg[]) => setMessages((cur) => {
    const next = new Map(cur);
    for (const m of list) next.set(m.id, newer(cur.get(m.id), m));
    return next;
  }), []);

  useEffect(() => {
    let live = true;
    void client.query(Page, { id: sessionId }, { requestPolicy: "network-only" }).toPromise().then((r) => {
      const page = r.data?.session?.messages;
      if (!live || !page) return;
      merge(page.edges.map((e) => e.node));
      // Only the first load sets where "older" starts; a reconnect only fills the gap at the end.
      setOlder((o) => (o.cursor === null && !o.more ? { cursor: page.pageInfo.endCursor ?? null, more: page.pageInfo.hasNextPage, loading: false } : o));
    });
    return () => {
      live = false;
    };
  }, [client, sessionId, epoch, merge]);

  useEffect(() => {
    setMessages(new Map());
    setOlder({ cursor: null, more: false, loading: false });
  }, [sessionId]);

  useLive(Added, { sessionId }, (e) => merge([e.messageAdded]));
  useLive(Updated, { sessionId }, (e) => merge([e.messageUpdated]));

  const loadOlder = useCallback(async () => {
    if (!older.more || older.loading) return;
    setOlder((o) => ({ ...o, loading: true }));
    const r = await client.query(Page, { id: sessionId, after: older.cursor }, { requestPolicy: "network-only" }).toPromise();
    const page = r.data?.session?.messages;
    if (page) merge(page.edges.map((e) => e.node));
    setOlder({ cursor: page?.pageInfo.endCursor ?? older.cursor, more: page?.pageInfo.hasNextPage ?? false, loading: false });
  }, [client, sessionId, older, merge]);

  return { messages: [...messages.values()].sort(byTime), loadOlder, hasOlder: older.more, loadingOlder: older.loading, merge };
}

export function ConversationScreen() {
  const { id = "" } = useParams();
  const me = useMe()!;
  const navigate = useNavigate();
  const { epoch } = useConnection();
  const [conv, refetch] = useQuery({ query: Conversation, variables: { id }, requestPolicy: "cache-and-network" });
  const { messages, loadOlder, hasOlder, loadingOlder, merge } = useMessages(id);
  const [sendState, send] = useMutation(Send);
  const [noteState, addNote] = useMutation(Note);
  const [completeState, complete] = useMutation(Complete);
  const [, markRead] = useMutation(MarkRead);
  const [text, setText] = useState("");
  const [closing, setClosing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [activeCanned, setActiveCanned] = useState(0);
  const [cannedClosed, setCannedClosed] = useState(false);
  const term = cannedClosed ? null : cannedTerm(text);
  const canned = useCannedReplies(term);
  const [resolution, setResolution] = useState("");
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const lastCount = useRef(0);

  useEffect(() => {
    if (epoch) refetch({ requestPolicy: "network-only" });
  }, [epoch, refetch]);
  useEffect(() => {
    void markRead({ sessionId: id });
  }, [id, markRead, messages.length]);

  // Stay at the bottom while new messages arrive, unless the person scrolled up to read.
  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current && messages.length !== lastCount.current) el.scrollTop = el.scrollHeight;
    lastCount.current = messages.length;
  }, [messages.length]);

  const session = conv.data?.session;
  const handoff = session?.handoff;
  const mine = handoff?.agent?.id === me.id && handoff.status === "ASSIGNED";
  const canWrite = session?.status !== "CLOSED" && (mine || me.role !== "AGENT");

  const submit = async () => {
    const body = text.trim();
    if (!body) return;
    const r = await send({ input: { sessionId: id, text: body } });
    if (r.data) {
      setText("");
      merge([r.data.sendAgentMessage]);
      stick.current = true;
    }
  };
  // A canned reply is sent as such: the server renders its variables from this conversation.
  const sendCanned = async (c: Canned) => {
    const r = await send({ input: { sessionId: id, cannedReplyId: c.id } });
    if (r.data) {
      setText("");
      setActiveCanned(0);
      merge([r.data.sendAgentMessage]);
      stick.current = true;
    }
  };
  const note = async () => {
    const body = text.trim();
    if (!body || !handoff) return;
    const r = await addNote({ handoffId: handoff.id, text: body });
    if (r.data) {
      setText("");
      refetch({ requestPolicy: "network-only" });
    }
  };
  const finish = async () => {
    if (!handoff || !resolution.trim()) return;
    const r = await complete({ input: { handoffId: handoff.id, resolution: resolution.trim() } });
    if (r.data) {
      setClosing(false);
      navigate("/fila");
    }
  };

  if (conv.error && !session) return <p className="error" role="alert">{errorText(conv.error)}</p>;
  if (!session) return conv.fetching ? <p role="status">Carregando a conversa…</p> : <p>Conversa não encontrada.</p>;
  const failure = errorText(sendState.error ?? noteState.error ?? completeState.error);

  return (
    <div className="conversation">
      <section className="thread" aria-label="Conversa">
        <header className="thread-head">
          <h1>{CHANNEL_LABEL[session.channel] ?? session.channel}</h1>
          {handoff && (
            <p>
              <span className={`badge prio-${handoff.priority.toLowerCase()}`}>{PRIORITY_LABEL[handoff.priority]}</span> {handoff.reason}
              {handoff.team ? ` · equipe ${handoff.team.name}` : ""}
              {handoff.agent ? ` · com ${handoff.agent.name}` : " · aguardando na fila"}
            </p>
          )}
          {handoff && <SlaTimers h={handoff} />}
          <LabelsBar sessionId={session.id} labels={session.labels} onChange={() => refetch({ requestPolicy: "network-only" })} />
          <p className="muted">
            Custo da IA: {money(session.costBrl)} · {number(session.tokensInput + session.tokensOutput)} tokens{session.aiModel ? ` · ${session.aiModel}` : ""}
          </p>
        </header>
        <ol
          className="messages"
          ref={list}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
            if (el.scrollTop < 40 && hasOlder) {
              const before = el.scrollHeight;
              void loadOlder().then(() => requestAnimationFrame(() => (el.scrollTop = el.scrollHeight - before + el.scrollTop)));
            }
          }}
        >
          {hasOlder && (
            <li className="older">
              <button type="button" onClick={() => void loadOlder()} disabled={loadingOlder}>
                {loadingOlder ? "Carregando…" : "Mensagens anteriores"}
              </button>
            </li>
          )}
          {messages.map((m) => (
            <MessageBubble key={m.id} m={m} />
          ))}
        </ol>
        {handoff && handoff.notes.length > 0 && (
          <details className="notes">
            <summary>Notas internas ({handoff.notes.length})</summary>
            <ul>
              {handoff.notes.map((n) => (
                <li key={n.id}>
                  <strong>{n.author.name}</strong> <span className="muted">{dateTime(n.createdAt)}</span>
                  <p>{n.text}</p>
                </li>
              ))}
            </ul>
          </details>
        )}
        <FollowUpsPanel sessionId={session.id} />
        {failure && <p className="error" role="alert">{failure}</p>}
        {canWrite ? (
          <form
            className="composer"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            {term !== null && <CannedList items={canned} active={Math.min(activeCanned, Math.max(0, canned.length - 1))} onPick={(c) => void sendCanned(c)} />}
            <textarea
              aria-label="Mensagem"
              placeholder="Escreva sua resposta (Enter envia, Shift+Enter quebra a linha, / abre as respostas prontas)"
              value={text}
              rows={3}
              aria-controls={term !== null ? "respostas-prontas" : undefined}
              aria-activedescendant={term !== null && canned[activeCanned] ? `canned-${canned[activeCanned].id}` : undefined}
              onChange={(e) => {
                setText(e.target.value);
                setActiveCanned(0);
                setCannedClosed(false);
              }}
              onKeyDown={(e) => {
                if (term !== null && canned.length) {
                  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                    e.preventDefault();
                    const d = e.key === "ArrowDown" ? 1 : -1;
                    setActiveCanned((i) => (Math.min(i, canned.length - 1) + d + canned.length) % canned.length);
                    return;
                  }
                  if (e.key === "Enter" && !e.shiftKey) {
                    e.preventDefault();
                    void sendCanned(canned[Math.min(activeCanned, canned.length - 1)]);
                    return;
                  }
                }
                if (term !== null && e.key === "Escape") {
                  e.preventDefault();
                  setCannedClosed(true);
                  return;
                }
                if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  void submit();
                }
              }}
            />
            <div className="actions">
              <button type="submit" className="primary" disabled={sendState.fetching}>
                Enviar
              </button>
              <button type="button" onClick={() => void note()} disabled={!handoff || noteState.fetching}>
                Nota interna
              </button>
              {handoff && (handoff.status === "PENDING" || handoff.status === "ASSIGNED") && (
                <button type="button" onClick={() => setTransferring(true)}>
                  Transferir
                </button>
              )}
              {handoff?.status === "ASSIGNED" && (
                <button type="button" className="danger" onClick={() => setClosing(true)}>
                  Encerrar
                </button>
              )}
            </div>
          </form>
        ) : (
          <p className="muted">{session.status === "CLOSED" ? "Conversa encerrada." : "Assuma o atendimento na fila para responder."}</p>
        )}
        {transferring && handoff && (
          <TransferDialog
            handoffId={handoff.id}
            onCancel={() => setTransferring(false)}
            onDone={() => {
              setTransferring(false);
              if (me.role === "AGENT") navigate("/fila");
              else refetch({ requestPolicy: "network-only" });
            }}
          />
        )}
        {closing && (
          <div className="dialog" role="dialog" aria-modal="true" aria-label="Encerrar atendimento">
            <label>
              Resolução
              <textarea value={resolution} onChange={(e) => setResolution(e.target.value)} rows={3} autoFocus />
            </label>
            <div className="actions">
              <button type="button" className="primary" onClick={() => void finish()} disabled={!resolution.trim() || completeState.fetching}>
                Confirmar encerramento
              </button>
              <button type="button" onClick={() => setClosing(false)}>
                Cancelar
              </button>
            </div>
          </div>
        )}
      </section>
      <ClientPanel clientId={session.client.id} />
    </div>
  );
}
