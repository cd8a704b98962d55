import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from "urql";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { freshToken, refresh, session } from "./session";

const sessionToken = () => session.token;

/** Connection of the live socket, for the banner and for refetching after a gap. */
export type Connection = { state: "connecting" | "connected" | "reconnecting"; epoch: number };

type Listener = (c: Connection) => void;

export interface ConsoleClient {
  urql: Client;
  ws: WsClient;
  connection(): Connection;
  onConnection(fn: Listener): () => void;
  dispose(): void;
}

/**
 * One GraphQL client per signed-in person: queries and mutations over HTTP, subscriptions
 * over graphql-ws on the same /graphql path. The socket retries forever with capped
 * exponential backoff plus jitter; each successful reconnect bumps `epoch`, and the
 * screens refetch what they show so nothing sent during the gap is missed.
 */
export function createConsoleClient(): ConsoleClient {
  let conn: Connection = { state: "connecting", epoch: 0 };
  let everConnected = false;
  const listeners = new Set<Listener>();
  const set = (next: Connection) => {
    conn = next;
    for (const fn of listeners) fn(conn);
  };

  const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // Every close is worth retrying: 1012 (restart), 4401 (token lapsed: connectionParams renews it).
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const base = Math.min(10_000, 300 * 2 ** Math.min(retries, 6));
      await new Promise((r) => setTimeout(r, base / 2 + Math.random() * (base / 2)));
    },
    connectionParams: async () => {
      const token = await freshToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connected: () => {
        // A reconnect after a connection that worked bumps the epoch: screens refetch what they show.
        const epoch = everConnected ? conn.epoch + 1 : conn.epoch;
        everConnected = true;
        set({ state: "connected", epoch });
      },
      closed: (event) => {
        const code = (event as CloseEvent | undefined)?.code;
        if (code === 4401) void refresh();
        // Also before the first connection: a server that is down at page load shows the banner too.
        set({ state: "reconnecting", epoch: conn.epoch });
      },
    },
  });

  const urql = new Client({
    url: "/graphql",
    requestPolicy: "cache-and-network",
    exchanges: [
      // A lapsed token (laptop asleep past the renewal timer): renew; the screen's next fetch uses it.
      mapExchange({ onError: (error) => void (error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED") && refresh()) }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
    fetchOptions: (): RequestInit => {
      const token = sessionToken();
      // The preflight header lets file uploads (multipart) past the server's CSRF guard.
      const headers: Record<string, string> = { "apollo-require-preflight": "true" };
      if (token) headers.authorization = `Bearer ${token}`;
      return { credentials: "same-origin", headers };
    },
  });

  return {
    urql,
    ws,
    connection: () => conn,
    onConnection(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    dispose() {
      listeners.clear();
      void ws.dispose();
    },
  };
}
