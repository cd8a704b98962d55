import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { wsUrl } from "./support/gql";

const run = hasPostgres() ? describe : describe.skip;

/** Opens a raw graphql-transport-ws socket and reports how it closes. */
function openSocket(url: string): { ws: WebSocket; closed: Promise<{ code: number; reason: string }>; messages: unknown[] } {
  const ws = new WebSocket(wsUrl(url), "graphql-transport-ws");
  const messages: unknown[] = [];
  ws.on("message", (m) => messages.push(JSON.parse(String(m))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })));
  return { ws, closed, messages };
}
const opened = (ws: WebSocket) => new Promise((r) => ws.once("open", r));

run("graphql-ws authentication", () => {
  let server: TestServer;
  let t: TestTenant;
  beforeAll(async () => {
    server = await startTestServer({ env: { WS_INIT_TIMEOUT_MS: "500" } });
    t = await createTenant(server);
  });
  afterAll(async () => server?.close());

  it("closes a socket that never sends connection_init", async () => {
    const { ws, closed } = openSocket(server.url);
    await opened(ws);
    const { code } = await closed;
    expect(code).toBe(4408);
  });

  it("closes with 4403 on a missing or bad token in connection_init", async () => {
    for (const payload of [{}, { Authorization: "Bearer forjado" }, { Authorization: "Bearer atd_chave-que-nao-existe" }]) {
      const { ws, closed } = openSocket(server.url);
      await opened(ws);
      ws.send(JSON.stringify({ type: "connection_init", payload }));
      expect((await closed).code).toBe(4403);
    }
  });

  it("acknowledges a valid user token and a valid API key", async () => {
    for (const token of [t.agent.token, t.integrator.token!]) {
      const { ws, messages } = openSocket(server.url);
      await opened(ws);
      ws.send(JSON.stringify({ type: "connection_init", payload: { Authorization: `Bearer ${token}` } }));
      await new Promise((r) => setTimeout(r, 200));
      expect(messages).toContainEqual({ type: "connection_ack" });
      ws.close();
    }
  });
});
