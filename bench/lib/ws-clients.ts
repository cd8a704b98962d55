import WebSocket from "ws";

/**
 * Many lightweight WebSocket subscribers in this process. Each records when the
 * next data frame arrives; the frame itself is not parsed (the baseline and the
 * platform pay the same on this side).
 */
export interface Subscribers {
  size: number;
  /** Resolves with per-subscriber latencies (ms since `t0`) once all got a frame, or after `timeoutMs`. */
  nextFrame(t0: number, timeoutMs: number): Promise<{ latencies: number[]; missing: number; firstFrame: string | null }>;
  close(): Promise<void>;
}

type Waiter = { t0: number; got: number[]; pending: number; resolve: () => void; first: string | null };

async function openMany(n: number, open: (i: number) => Promise<WebSocket>, batch = 200): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < n; i += batch) {
    const chunk = await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, k) => open(i + k)));
    sockets.push(...chunk);
  }
  return sockets;
}

function collect(sockets: WebSocket[], isData: (frame: string) => boolean): Subscribers {
  let waiter: Waiter | null = null;
  for (const ws of sockets) {
    ws.on("message", (data) => {
      const w = waiter;
      if (!w) return;
      const text = data.toString();
      if (!isData(text)) return;
      w.got.push(performance.now() - w.t0);
      w.first ??= text;
      if (--w.pending === 0) w.resolve();
    });
  }
  return {
    size: sockets.length,
    async nextFrame(t0, timeoutMs) {
      const w: Waiter = { t0, got: [], pending: sockets.length, resolve: () => undefined, first: null };
      const done = new Promise<void>((r) => (w.resolve = r));
      waiter = w;
      await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs))]);
      waiter = null;
      return { latencies: w.got, missing: sockets.length - w.got.length, firstFrame: w.first };
    },
    async close() {
      await Promise.all(sockets.map((ws) => new Promise<void>((r) => {
        if (ws.readyState === WebSocket.CLOSED) return r();
        ws.once("close", () => r());
        ws.terminate();
      })));
    },
  };
}

/** graphql-ws (graphql-transport-ws) subscribers: connection_init with a token, then one subscription each. */
export async function graphqlWsSubscribers(url: string, n: number, token: (i: number) => string, query: string): Promise<Subscribers> {
  const sockets = await openMany(n, (i) => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, "graphql-transport-ws");
    const timer = setTimeout(() => reject(new Error(`subscriber ${i}: no ack`)), 60_000);
    ws.once("error", reject);
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: { Authorization: `Bearer ${token(i)}` } })));
    ws.on("close", (code, reason) => reject(new Error(`subscriber ${i} closed ${code} ${reason}`)));
    const onAck = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if (msg.type === "ping") return void ws.send(JSON.stringify({ type: "pong" }));
      if (msg.type !== "connection_ack") return;
      ws.off("message", onAck);
      ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query } }));
      clearTimeout(timer);
      // graphql-ws keep-alive pings are answered so the server keeps the socket.
      ws.on("message", (d) => {
        if (d.toString().startsWith('{"type":"ping"')) ws.send('{"type":"pong"}');
      });
      resolve(ws);
    };
    ws.on("message", onAck);
  }));
  return collect(sockets, (t) => t.startsWith('{"id"') || t.includes('"type":"next"'));
}

/** Plain WebSocket subscribers (the raw `ws` baseline). */
export async function rawSubscribers(url: string, n: number): Promise<Subscribers> {
  const sockets = await openMany(n, () => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  }));
  return collect(sockets, () => true);
}
