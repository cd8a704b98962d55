import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getOperationAST, parse, type GraphQLSchema } from "graphql";
import { buildAppSchema } from "../src/resolvers/schema";
import { loadConfig } from "../src/config";
import { estimateCost } from "../src/http/query-cost";
import { CreateTicketDocument } from "./generated/graphql";
import { openSession } from "./support/conversation";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { openSocket } from "./support/ws";

const run = hasPostgres() ? describe : describe.skip;

const sessions = (alias: string, inner: string) => `${alias}: sessions(first: 100) { edges { node { id ${inner} } } }`;
/** The attack from issue 20 #2: 30 aliases, depth 11, inside the shape limits. */
function amplification(clientId: string): string {
  const deep = [0, 1, 2, 3, 4].map((i) => sessions(`t${i}`, "messages(first: 100) { edges { node { id text } } }")).join(" ");
  const top = [0, 1, 2, 3, 4].map((i) => sessions(`s${i}`, `client { ${deep} }`)).join(" ");
  return `{ client(id: "${clientId}") { ${top} } }`;
}

const DEFAULTS = { maxCost: 100_000, unpagedListSize: 10 };

/** Issue 20 #2, #9, #10, #11 (query cost, token limit, suggestions, body-parser errors, bind address). */
run("query cost, response size, error hygiene", () => {
  let server: TestServer;
  let a: TestTenant;
  let schema: GraphQLSchema;
  withTwoTenants(async (s) => {
    ({ server, a } = s);
    schema = await buildAppSchema(null);
  }, { env: { NODE_ENV: "development", RESPONSE_MAX_FIELDS: "200" } });

  it("refuses the amplification query before any resolver, over HTTP and WebSocket, with the cost and the limit", async () => {
    const { clientId } = await openSession(a.supervisor.client, "Cliente Alvo");
    const r = await a.agent.client.raw(amplification(clientId));
    expect(r.status).toBe(400);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", maxCost: 100_000 });
    expect(Number(r.errors?.[0]?.extensions?.cost)).toBeGreaterThan(100_000);
    expect(r.errors?.[0]?.message).toMatch(/Consulta cara demais/);
    const socket = await openSocket(server.url);
    await socket.init(a.agent.token);
    const ws = await socket.op(amplification(clientId));
    expect(ws.type).toBe("error");
    expect(ws.payload[0].extensions).toMatchObject({ code: "QUERY_TOO_COSTLY" });
    // Aliases multiply too: 30 aliases of a 100-item page of 100-item pages.
    const aliased = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: clients(first: 100) { edges { node { id sessions(first: 100) { edges { node { id } } } } } }`).join(" ")} }`;
    expect((await a.agent.client.raw(aliased)).errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    // A variable `first` counts with its value.
    const q = `query($n: Int) { clients(first: $n) { edges { node { sessions(first: $n) { edges { node { messages(first: $n) { edges { node { id text } } } } } } } } } }`;
    expect((await a.agent.client.raw(q, { n: 100 })).errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    expect((await a.agent.client.raw(q, { n: 5 })).errors).toBeUndefined();
    socket.close();
  });

  it("lets every console operation of the test suite through, with room to spare", async () => {
    const dir = path.resolve("test/operations");
    const costs: Record<string, number> = {};
    for (const file of fs.readdirSync(dir)) {
      const doc = parse(fs.readFileSync(path.join(dir, file), "utf8"));
      for (const def of doc.definitions) {
        if (def.kind !== "OperationDefinition" || !def.name) continue;
        costs[def.name.value] = estimateCost(schema, doc, getOperationAST(doc, def.name.value)!, {}, DEFAULTS);
      }
    }
    expect(Object.keys(costs).length).toBeGreaterThan(30);
    // The heaviest (WhatsAppSessions: 50 conversations × 100 messages) stays well under the limit.
    for (const [name, cost] of Object.entries(costs)) expect(cost, name).toBeLessThan(DEFAULTS.maxCost * 0.6);
    // A heavy console screen: 100 conversations with their client and last 30 messages.
    const heavy = parse(`{ sessions(first: 100) { edges { node { id status client { id name phone } handoff { id status agent { name } } messages(first: 30) { edges { node { id text sender createdAt } } } } } } }`);
    expect(estimateCost(schema, heavy, getOperationAST(heavy)!, {}, DEFAULTS)).toBeLessThan(DEFAULTS.maxCost);
    const r = await a.supervisor.client.raw(`{ sessions(first: 100) { edges { node { id status client { id name } messages(first: 30) { edges { node { id text } } } } } } }`);
    expect(r.errors).toBeUndefined();
  });

  it("stops a response that resolves more fields than RESPONSE_MAX_FIELDS (second line behind the cost)", async () => {
    const { clientId } = await openSession(a.supervisor.client, "Cliente Volumoso");
    for (let i = 0; i < 12; i++) await a.supervisor.client.ok(CreateTicketDocument, { input: { clientId, channel: "WEB", message: `pedido ${i}` } });
    const q = `{ tickets(first: 12) { edges { node { id subject message status priority channel createdAt updatedAt triage { intent priority confidence needsHuman autoResolved provider response } client { id name } comments { id text system createdAt } } } } }`;
    const r = await a.supervisor.client.raw(q);
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", maxFields: 200 });
    expect((await a.supervisor.client.raw(`{ tickets(first: 2) { edges { node { id } } } }`)).errors).toBeUndefined();
  });

  it("never shows schema suggestions (fields or enum values), over HTTP or WebSocket", async () => {
    const literal = await a.admin.client.raw(`mutation { createApiKey(name: "x", role: ADMN) { token } }`);
    const variable = await a.admin.client.raw(`mutation($r: Role!) { createApiKey(name: "x", role: $r) { token } }`, { r: "ADMN" });
    const field = await a.admin.client.raw(`{ mee { id } }`);
    for (const r of [literal, variable, field]) {
      expect(r.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(r.errors)).not.toMatch(/Did you mean|ADMIN"/);
    }
    const socket = await openSocket(server.url);
    await socket.init(a.admin.token);
    expect(JSON.stringify((await socket.op(`mutation { createApiKey(name: "x", role: ADMN) { token } }`)).payload)).not.toMatch(/Did you mean/);
    socket.close();
  });

  it("answers body-parser errors as JSON without a stack in development mode too", async () => {
    const big = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ me { id } }`, variables: { x: "x".repeat(2 * 1024 * 1024) } }) });
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toMatch(/json/);
    const bigBody = await big.text();
    expect(bigBody).not.toMatch(/at |node_modules|\/work\//);
    expect(JSON.parse(bigBody).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    const bad = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: `{"query": "{ me { id } }"` });
    expect(bad.status).toBe(400);
    const badBody = await bad.text();
    expect(badBody).not.toMatch(/at |node_modules|SyntaxError/);
    expect(JSON.parse(badBody).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses a query of too many tokens over WebSocket without harm (HTTP: production-readiness issue)", async () => {
    const socket = await openSocket(server.url);
    await socket.init(a.admin.token);
    const huge = `{ ${Array.from({ length: 5000 }, () => "__typename").join(" ")} }`;
    const r = await socket.op(huge);
    expect(r.type).toBe("error");
    expect((await socket.op(`{ me { id } }`)).type).toBe("next");
    socket.close();
  });

  it("binds to 127.0.0.1 unless HOST says otherwise", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-host-"));
    expect(loadConfig({ DATA_DIR: dir }).host).toBe("127.0.0.1");
    expect(loadConfig({ DATA_DIR: dir, HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
