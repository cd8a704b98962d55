import WebSocket from "ws";
import { wsUrl } from "./gql";

export interface RawSocket {
  ws: WebSocket;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Every message received, parsed. */
  messages: Array<{ type: string; id?: string; payload?: any }>;
  /** connection_init with the token; resolves once acknowledged (or rejects when closed first). */
  init(token: string | null, headers?: Record<string, string>): Promise<void>;
  /** Sends a subscribe and resolves with the first next/error message of that id. */
  op(query: string, variables?: Record<string, unknown>): Promise<{ type: string; payload?: any }>;
  /** Starts a subscription and returns its id (messages land in `messages`). */
  subscribe(query: string, variables?: Record<string, unknown>): string;
  close(): void;
}

let seq = 0;

/** A raw graphql-transport-ws socket: real frames, close codes visible (the client library hides them). */
export async function openSocket(baseUrl: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const ws = new WebSocket(wsUrl(baseUrl), "graphql-transport-ws", { headers });
  const messages: RawSocket["messages"] = [];
  const listeners = new Set<() => void>();
  ws.on("message", (m) => {
    messages.push(JSON.parse(String(m)));
    for (const l of [...listeners]) l();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })));
  ws.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.once("error", reject);
  });
  const waitFor = <T>(pick: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const v = pick();
        if (v !== undefined) {
          listeners.delete(check);
          resolve(v);
        }
      };
      listeners.add(check);
      void closed.then((c) => {
        listeners.delete(check);
        reject(Object.assign(new Error(`socket closed ${c.code} ${c.reason}`), c));
      });
      check();
    });
  const socket: RawSocket = {
    ws,
    closed,
    messages,
    async init(token) {
      ws.send(JSON.stringify({ type: "connection_init", payload: token ? { Authorization: `Bearer ${token}` } : {} }));
      await waitFor(() => (messages.some((m) => m.type === "connection_ack") ? true : undefined));
    },
    subscribe(query, variables) {
      const id = `op${++seq}`;
      ws.send(JSON.stringify({ id, type: "subscribe", payload: { query, variables } }));
      return id;
    },
    async op(query, variables) {
      const id = socket.subscribe(query, variables);
      return waitFor(() => messages.find((m) => m.id === id && (m.type === "next" || m.type === "error")));
    },
    close: () => ws.close(),
  };
  return socket;
}
