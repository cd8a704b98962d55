import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useClient, type AnyVariables, type TypedDocumentNode } from "urql";
import type { ConsoleClient, Connection } from "./client";
import { session, type Me } from "./session";

export const ConsoleContext = createContext<ConsoleClient | null>(null);

export function useConsole(): ConsoleClient {
  const c = useContext(ConsoleContext);
  if (!c) throw new Error("ConsoleContext missing");
  return c;
}

/** The live socket's state; `epoch` grows on every reconnect (screens refetch on change). */
export function useConnection(): Connection {
  const c = useConsole();
  const [conn, setConn] = useState(c.connection());
  useEffect(() => c.onConnection(setConn), [c]);
  return conn;
}

export function useMe(): Me | null {
  return useSyncExternalStore(session.subscribe, () => session.user);
}

export const isSupervisor = (me: Me | null) => me?.role === "ADMIN" || me?.role === "SUPERVISOR";
export const isAdmin = (me: Me | null) => me?.role === "ADMIN";

/** Re-renders every `ms` (live waiting times). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** Portuguese text of an urql/graphql error. */
export function errorText(error: { graphQLErrors?: Array<{ message: string }>; networkError?: unknown; message?: string } | null | undefined): string | null {
  if (!error) return null;
  if (error.graphQLErrors?.length) return error.graphQLErrors.map((e) => e.message).join(" ");
  if (error.networkError) return "Sem conexão com o servidor. Tente de novo.";
  return error.message ?? "Algo deu errado.";
}

/**
 * Runs `onEvent` for every event of a subscription, outside React's render (urql's
 * useSubscription reducer runs during render, where setting state loops, and it
 * coalesces events between renders: a live list must see every one).
 */
export function useLive<Data, Variables extends AnyVariables>(query: TypedDocumentNode<Data, Variables>, variables: Variables, onEvent: (data: Data) => void, pause = false): void {
  const client = useClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (pause) return;
    const { unsubscribe } = client.subscription(query, JSON.parse(key) as Variables).subscribe((result) => {
      if (result.data) handler.current(result.data);
    });
    return unsubscribe;
  }, [client, query, key, pause]);
}
