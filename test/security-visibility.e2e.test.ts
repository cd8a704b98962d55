import { beforeAll, describe, expect, it } from "vitest";
import { getNamedType, isListType, isNonNullType, isObjectType, isScalarType, isEnumType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import { buildAppSchema } from "../src/resolvers/schema";
import { AddHandoffNoteDocument, ClaimHandoffDocument, CreateTicketDocument, RequestHandoffDocument, SendAgentMessageDocument } from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { openSocket } from "./support/ws";
import { waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;

const TARGETS = new Set(["Session", "Message", "HandoffNote", "Document"]);
const SECRET = "SEGREDO";

/**
 * Generates, from the schema itself, one operation per root field (Query and
 * Subscription) that can reach a Session, Message, HandoffNote or Document, selecting
 * every path that leads to one (up to a depth), with the ids of agent 1's private
 * conversation as arguments. New fields are walked without touching this test.
 */
function operations(schema: GraphQLSchema, root: GraphQLObjectType, ids: Record<string, string>, maxDepth: number): Array<{ field: string; query: string }> {
  const reach = new Map<string, boolean>();
  const reaches = (t: GraphQLObjectType, seen = new Set<string>()): boolean => {
    if (reach.has(t.name)) return reach.get(t.name)!;
    if (TARGETS.has(t.name)) return true;
    if (seen.has(t.name)) return false;
    seen.add(t.name);
    const r = Object.values(t.getFields()).some((f) => {
      const n = getNamedType(f.type);
      return isObjectType(n) && reaches(n, seen);
    });
    reach.set(t.name, r);
    return r;
  };
  const argsFor = (f: GraphQLField<unknown, unknown>, parent: string): string => {
    const out: string[] = [];
    for (const a of f.args) {
      const name = a.name;
      if (name === "first") out.push("first: 5");
      else if (name === "id") out.push(`id: "${ids[`${f.name}Id`] ?? ids.sessionId}"`);
      else if (name === "sessionId" || name === "clientId") out.push(`${name}: "${ids[name]}"`);
      else if (name === "filter" && parent === "Query" && f.name === "handoffs") out.push(`filter: { agentId: "${ids.agentId}" }`);
      else if (name === "filter" && parent === "Query" && f.name === "sessions") out.push(`filter: { clientId: "${ids.clientId}" }`);
      else if (isNonNullType(a.type)) return "SKIP";
    }
    return out.length ? `(${out.join(", ")})` : "";
  };
  const select = (t: GraphQLObjectType, depth: number): string => {
    const parts: string[] = [];
    for (const f of Object.values(t.getFields())) {
      const n = getNamedType(f.type);
      if (isScalarType(n) || isEnumType(n)) {
        if (f.args.some((a) => isNonNullType(a.type))) continue;
        parts.push(f.name);
      } else if (isObjectType(n) && depth < maxDepth && reaches(n)) {
        const args = argsFor(f, t.name);
        if (args === "SKIP") continue;
        const inner = select(n, depth + 1);
        if (inner) parts.push(`${f.name}${args} { ${inner} }`);
      }
    }
    return parts.join(" ");
  };
  const out: Array<{ field: string; query: string }> = [];
  for (const f of Object.values(root.getFields())) {
    const n = getNamedType(f.type);
    if (!isObjectType(n) || !reaches(n)) continue;
    const args = argsFor(f, root.name);
    if (args === "SKIP") continue;
    const kind = root === schema.getSubscriptionType() ? "subscription" : "query";
    out.push({ field: f.name, query: `${kind} { ${f.name}${args} { ${select(n, 1)} } }` });
  }
  return out;
}

/** Issue 20 #3: one agent never reads another agent's private conversation, on any path. */
run("conversation visibility: every path from Query and Subscription, as another agent", () => {
  let server: TestServer;
  let a: TestTenant;
  let schema: GraphQLSchema;
  const ids: Record<string, string> = {};
  withTwoTenants((s) => ({ server, a } = s));

  beforeAll(async () => {
    schema = await buildAppSchema(null);
    // Agent 1 (a.agent) holds a conversation with messages, an internal note and a document.
    const { clientId, sessionId } = await openSession(a.supervisor.client, "Cliente Sigiloso");
    await say(a.supervisor.client, sessionId, `${SECRET}-MSG-cliente: minha senha do banco é 1234`);
    // The assistant may already have handed it over; else a handoff is requested.
    const open = (await a.supervisor.client.ok(`query($id: ID!) { session(id: $id) { handoff { id status } } }`, { id: sessionId })).session.handoff;
    const handoffId: string = open && open.status === "PENDING" ? open.id : (await a.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "pedido de humano" } })).requestHandoff.id;
    const h = { requestHandoff: { id: handoffId } };
    await a.agent.client.ok(ClaimHandoffDocument, { id: handoffId });
    await a.agent.client.ok(SendAgentMessageDocument, { input: { sessionId, text: `${SECRET}-MSG-agente: vou verificar` } });
    await a.agent.client.ok(AddHandoffNoteDocument, { handoffId: h.requestHandoff.id, text: `${SECRET}-NOTA: cliente parece nervoso` });
    const [msg] = await server.app.ds.query(`SELECT id FROM messages WHERE session_id = $1 ORDER BY created_at LIMIT 1`, [sessionId]);
    const [doc] = await server.app.ds.query(
      `INSERT INTO documents (tenant_id, client_id, message_id, filename, mime_type, size, kind, ocr_status, ocr_text) VALUES ($1, $2, $3, 'extrato.pdf', 'application/pdf', 10, 'OTHER', 'DONE', $4) RETURNING id`,
      [a.id, clientId, msg.id, `${SECRET}-DOC: saldo 99999`],
    );
    await server.app.ds.query(`UPDATE messages SET document_id = $1 WHERE id = $2`, [doc.id, msg.id]);
    // A ticket of the same client, so Query.ticket/tickets paths reach the client's sessions too.
    const ticket = await a.supervisor.client.ok(CreateTicketDocument, { input: { clientId, channel: "WEB", message: "ticket público" } });
    Object.assign(ids, { clientId, sessionId, sessionIdArg: sessionId, handoffId: h.requestHandoff.id, documentId: doc.id, ticketId: ticket.createTicket.id, agentId: a.agent.id, clientIdArg: clientId });
  });

  it("no Query path shows agent 2 anything of agent 1's conversation (and agent 1 does see it)", async () => {
    const ops = operations(schema, schema.getQueryType()!, { ...ids, sessionId: ids.sessionId!, clientId: ids.clientId!, documentId: ids.documentId!, ticketId: ids.ticketId!, clientIdId: ids.clientId! }, 8);
    expect(ops.map((o) => o.field)).toEqual(expect.arrayContaining(["handoffs", "handoffQueue", "session", "sessions", "client", "clients", "document", "ticket", "tickets"]));
    let seenByOwner = 0;
    for (const op of ops) {
      const r = await a.agent2.client.raw(op.query);
      expect(r.status, `${op.field}: ${JSON.stringify(r.errors)}`).toBeLessThan(500);
      expect(JSON.stringify(r.data ?? null), `agent 2 via ${op.field}`).not.toContain(SECRET);
      const mine = await a.agent.client.raw(op.query);
      if (JSON.stringify(mine.data ?? null).includes(SECRET)) seenByOwner++;
    }
    // The walk is not vacuous: the same operations show agent 1 its own conversation.
    expect(seenByOwner).toBeGreaterThanOrEqual(4);
  });

  it("no subscription delivers agent 2 anything of agent 1's conversation", async () => {
    const subs = operations(schema, schema.getSubscriptionType()!, { ...ids, sessionId: "", clientId: ids.clientId! }, 7)
      .map((o) => ({ ...o, query: o.query.replace(/\(sessionId: ""\)|\(id: ""\)/g, "") }));
    expect(subs.map((s) => s.field)).toEqual(expect.arrayContaining(["messageAdded", "queueUpdated", "sessionUpdated", "documentUpdated"]));
    const spy = await openSocket(server.url);
    await spy.init(a.agent2.token);
    const owner = await openSocket(server.url);
    await owner.init(a.agent.token);
    for (const s of subs) {
      spy.subscribe(s.query);
      owner.subscribe(s.query);
    }
    // Agent 2 also tries to follow the session by id.
    spy.subscribe(`subscription { messageAdded(sessionId: "${ids.sessionId}") { text } }`);
    await new Promise((r) => setTimeout(r, 300));
    await a.agent.client.ok(SendAgentMessageDocument, { input: { sessionId: ids.sessionId!, text: `${SECRET}-MSG-agente: resolvido?` } });
    await a.agent.client.ok(AddHandoffNoteDocument, { handoffId: ids.handoffId!, text: `${SECRET}-NOTA-2` });
    await say(a.supervisor.client, ids.sessionId!, `${SECRET}-MSG-cliente: sim`);
    await waitFor(async () => JSON.stringify(owner.messages).includes(SECRET), 10_000, "owner sees its conversation live");
    await new Promise((r) => setTimeout(r, 1000));
    expect(JSON.stringify(spy.messages)).not.toContain(SECRET);
    spy.close();
    owner.close();
  });
});
