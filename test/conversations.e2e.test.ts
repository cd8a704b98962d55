import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddHandoffNoteDocument, CloseSessionDocument, CompleteHandoffDocument, GetSessionDocument, HandoffNotesDocument, HandoffQueueDocument, ListSessionsDocument,
  OnMessageAddedDocument, OnQueueUpdatedDocument, RequestHandoffDocument, SendAgentMessageDocument, StartSessionDocument, ClaimHandoffDocument,
  SetAvailabilityDocument, UpdateTenantSettingsDocument, AssignHandoffDocument, CreateClientDocument,
} from "./generated/graphql";
import { openSession, say, sleep } from "./support/conversation";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

run("conversations, handoffs and live consoles", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  const clients: Array<{ dispose(): void | Promise<void> }> = [];
  const console = (token: string) => {
    const c = wsClient(server.url, { Authorization: `Bearer ${token}` });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer();
    [a, b] = [await createTenant(server, "Loja A"), await createTenant(server, "Loja B")];
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await server?.close();
  });

  it("answers what the AI can resolve: reply stored and pushed to messageAdded", async () => {
    const { sessionId } = await openSession(a.agent.client);
    const sub = new Subscription(console(a.supervisor.token), OnMessageAddedDocument, { sessionId });
    await sub.ready;
    const r = await say(a.integrator, sessionId, "oi, preciso da segunda via do boleto");
    expect(r.message).toMatchObject({ direction: "INBOUND", sender: "CLIENT" });
    expect(r.reply).toMatchObject({ direction: "OUTBOUND", sender: "AI" });
    expect(r.reply!.text).toMatch(/boleto|fatura|via/i);
    expect(r.handoff).toBeNull();
    const first = await sub.next();
    const second = await sub.next();
    expect([first.messageAdded.sender, second.messageAdded.sender]).toEqual(["CLIENT", "AI"]);
    expect(second.messageAdded.text).toBe(r.reply!.text);
    const s = (await a.supervisor.client.ok(GetSessionDocument, { id: sessionId })).session!;
    expect(s).toMatchObject({ status: "ACTIVE", messageCount: 2, aiProvider: null });
    expect(s.messages.edges.map((e) => e.node.sender)).toEqual(["CLIENT", "AI"]);
    sub.close();
  });

  it("reads every live event fresh (no data cached from an earlier event) and access-logs the personal data it delivers", async () => {
    const { clientId, sessionId } = await openSession(a.agent.client);
    type Ev = { sessionUpdated: { id: string; status: string; handoff: { id: string; status: string; agent: { id: string } | null } | null; client: { id: string; name: string } } };
    const updates = new Subscription<Ev>(console(a.supervisor.token), `subscription($id: ID) { sessionUpdated(sessionId: $id) { id status handoff { id status agent { id } } client { id name } } }`, { id: sessionId });
    const messages = new Subscription(console(a.supervisor.token), OnMessageAddedDocument, { sessionId });
    await Promise.all([updates.ready, messages.ready]);
    const logs = async () => Number((await server.app.ds.query(
      `SELECT count(*) AS n FROM data_access_logs WHERE tenant_id = $1 AND client_id = $2 AND actor_id = $3 AND action = 'message.live'`, [a.id, clientId, a.supervisor.id]))[0].n);

    const r = await say(a.integrator, sessionId, "quero falar com um atendente");
    const waiting = (await updates.next()).sessionUpdated;
    expect(waiting.handoff).toMatchObject({ id: r.handoff!.id, status: "PENDING", agent: null });
    await messages.next();
    await messages.next(); // the client's message and the system notice
    expect(await logs()).toBe(2); // one per delivered message

    await a.agent.client.ok(ClaimHandoffDocument, { id: r.handoff!.id });
    const claimed = (await updates.next()).sessionUpdated;
    expect(claimed.handoff).toMatchObject({ id: r.handoff!.id, status: "ASSIGNED", agent: { id: a.agent.id } });
    expect(claimed.client).toMatchObject({ id: clientId });
    await a.agent.client.ok(CompleteHandoffDocument, { input: { handoffId: r.handoff!.id, resolution: "resolvido", satisfaction: 4 } });
    const done = (await updates.next()).sessionUpdated;
    expect(done.handoff?.status ?? "COMPLETED").toBe("COMPLETED");
    // Client reads through the subscription are logged per event, not once per connection.
    const clientReads = Number((await server.app.ds.query(
      `SELECT count(*) AS n FROM data_access_logs WHERE tenant_id = $1 AND client_id = $2 AND actor_id = $3 AND action = 'client.read'`, [a.id, clientId, a.supervisor.id]))[0].n);
    expect(clientReads).toBeGreaterThanOrEqual(3);
    updates.close();
    messages.close();
  });

  it("hands over what needs a human: CREATED reaches every agent console of the tenant and none of another", async () => {
    const subs = [a.agent.token, a.agent2.token, a.supervisor.token].map((t) => new Subscription(console(t), OnQueueUpdatedDocument));
    const other = new Subscription(console(b.agent.token), OnQueueUpdatedDocument);
    await Promise.all([...subs, other].map((s) => s.ready));
    const { sessionId } = await openSession(a.agent.client);
    const r = await say(a.integrator, sessionId, "quero falar com um atendente agora");
    expect(r.handoff).toMatchObject({ status: "PENDING", queuePosition: expect.any(Number) });
    expect(r.reply).toMatchObject({ sender: "SYSTEM" });
    for (const s of subs) {
      const e = (await s.next()).queueUpdated;
      expect(e).toMatchObject({ kind: "CREATED", handoff: { id: r.handoff!.id, session: { id: sessionId } } });
      expect(e.queueLength).toBeGreaterThanOrEqual(1);
    }
    expect(await other.none(400)).toEqual([]);
    // While waiting, client messages reach the queue, not the AI.
    const again = await say(a.integrator, sessionId, "alô?");
    expect(again.reply).toBeNull();
    expect(again.handoff!.id).toBe(r.handoff!.id);
    [...subs, other].forEach((s) => s.close());
  });

  it("orders the queue by priority then age, with correct positions", async () => {
    const t = await createTenant(server);
    const ids: Record<string, string> = {};
    for (const priority of ["LOW", "URGENT", "MEDIUM", "HIGH", "URGENT"] as const) {
      const { sessionId } = await openSession(t.agent.client);
      const h = await t.agent.client.ok(RequestHandoffDocument, { input: { sessionId, reason: `teste ${priority}`, priority } });
      ids[`${priority}-${Object.keys(ids).length}`] = h.requestHandoff.id;
      await sleep(5);
    }
    const q = (await t.agent.client.ok(HandoffQueueDocument)).handoffQueue;
    expect(q.map((h) => h.priority)).toEqual(["URGENT", "URGENT", "HIGH", "MEDIUM", "LOW"]);
    expect(q.map((h) => h.queuePosition)).toEqual([1, 2, 3, 4, 5]);
    expect(q[0]!.id).toBe(ids["URGENT-1"]); // older URGENT first
    expect(q.every((h) => h.waitingSeconds >= 0)).toBe(true);
    // Claiming the head moves everyone up and the claimed one leaves the queue.
    const claimed = (await t.agent.client.ok(ClaimHandoffDocument, { id: q[0]!.id })).claimHandoff;
    expect(claimed).toMatchObject({ status: "ASSIGNED", queuePosition: null, agent: { id: t.agent.id } });
    const q2 = (await t.agent.client.ok(HandoffQueueDocument)).handoffQueue;
    expect(q2.map((h) => h.queuePosition)).toEqual([1, 2, 3, 4]);
    expect(q2[0]!.id).toBe(q[1]!.id);
    const dup = await t.agent.client.fail(RequestHandoffDocument, { input: { sessionId: claimed.session.id, reason: "de novo" } });
    expect(dup.extensions?.code).toBe("CONFLICT");
  });

  it("lets exactly one of two concurrent claims win", async () => {
    const { sessionId } = await openSession(a.agent.client);
    const h = (await a.agent.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "corrida", priority: "HIGH" } })).requestHandoff;
    const [r1, r2] = await Promise.all([a.agent.client.raw(ClaimHandoffDocument, { id: h.id }), a.agent2.client.raw(ClaimHandoffDocument, { id: h.id })]);
    const wins = [r1, r2].filter((r) => r.data?.claimHandoff);
    const losses = [r1, r2].filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT");
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(1);
  });

  it("keeps notes internal and completes with satisfaction", async () => {
    const { sessionId } = await openSession(a.agent.client);
    const h = (await a.agent.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "nota" } })).requestHandoff;
    await a.agent.client.ok(ClaimHandoffDocument, { id: h.id });
    await a.agent.client.ok(SendAgentMessageDocument, { input: { sessionId, text: "Olá, sou o Alex. Como posso ajudar?" } });
    const note = await a.agent.client.ok(AddHandoffNoteDocument, { handoffId: h.id, text: "Cliente nervoso; oferecer desconto." });
    expect(note.addHandoffNote.author.id).toBe(a.agent.id);
    const messages = (await a.supervisor.client.ok(GetSessionDocument, { id: sessionId, first: 100 })).session!.messages.edges.map((e) => e.node.text ?? "");
    expect(messages.some((t) => t.includes("desconto"))).toBe(false);
    expect((await a.integrator.raw(HandoffNotesDocument, { filter: { agentId: a.agent.id } })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Someone else cannot answer or complete it; bad satisfaction is named.
    // Another agent's conversation does not exist for them.
    expect((await a.agent2.client.fail(SendAgentMessageDocument, { input: { sessionId, text: "intruso" } })).extensions?.code).toBe("NOT_FOUND");
    expect((await a.agent2.client.fail(CompleteHandoffDocument, { input: { handoffId: h.id, resolution: "x" } })).extensions?.code).toBe("FORBIDDEN");
    expect((await a.agent.client.fail(CompleteHandoffDocument, { input: { handoffId: h.id, resolution: "ok", satisfaction: 6 } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "satisfaction" });
    const done = (await a.agent.client.ok(CompleteHandoffDocument, { input: { handoffId: h.id, resolution: "Desconto aplicado", satisfaction: 5 } })).completeHandoff;
    expect(done).toMatchObject({ status: "COMPLETED", resolution: "Desconto aplicado", satisfaction: 5, completedAt: expect.any(String) });
    expect((await a.agent.client.fail(CompleteHandoffDocument, { input: { handoffId: h.id, resolution: "de novo" } })).extensions?.code).toBe("CONFLICT");
    const s = (await a.agent.client.ok(GetSessionDocument, { id: sessionId })).session!;
    expect(s.status).toBe("ACTIVE");
  });

  it("auto-assigns to the least-loaded ONLINE agent within capacity", async () => {
    const t = await createTenant(server);
    await t.admin.client.ok(UpdateTenantSettingsDocument, { input: { autoAssign: true, agentCapacity: 1 } });
    await t.agent.client.ok(SetAvailabilityDocument, { availability: "ONLINE" });
    await t.agent2.client.ok(SetAvailabilityDocument, { availability: "ONLINE" });
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { sessionId } = await openSession(t.supervisor.client);
      made.push((await t.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId, reason: `auto ${i}` } })).requestHandoff.id);
    }
    const all = async () => (await t.supervisor.client.ok(HandoffQueueDocument)).handoffQueue;
    const assignedTo = async (id: string) => (await t.supervisor.client.ok(`{ handoffs(first: 100) { edges { node { id status agent { id } } } } }`)).handoffs.edges.map((e: any) => e.node).find((n: any) => n.id === id);
    const h0 = await assignedTo(made[0]!);
    const h1 = await assignedTo(made[1]!);
    expect(h0.status).toBe("ASSIGNED");
    expect(h1.status).toBe("ASSIGNED");
    expect(new Set([h0.agent.id, h1.agent.id])).toEqual(new Set([t.agent.id, t.agent2.id]));
    expect((await all()).map((h) => h.id)).toEqual([made[2]]);
    // Capacity frees up when a handoff is completed: the waiting one is assigned.
    const owner = h0.agent.id === t.agent.id ? t.agent : t.agent2;
    await owner.client.ok(CompleteHandoffDocument, { input: { handoffId: made[0]!, resolution: "feito" } });
    expect((await assignedTo(made[2]!)).agent.id).toBe(owner.id);
    // An agent going OFFLINE returns its handoffs; the other is full, so they wait.
    await owner.client.ok(SetAvailabilityDocument, { availability: "OFFLINE" });
    expect((await all()).map((h) => h.id)).toEqual([made[2]]);
  });

  it("lets a supervisor assign and reassign", async () => {
    const { sessionId } = await openSession(a.agent.client);
    const h = (await a.agent.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "supervisão" } })).requestHandoff;
    expect((await a.agent.client.fail(AssignHandoffDocument, { id: h.id, agentId: a.agent2.id })).extensions?.code).toBe("FORBIDDEN");
    const r = (await a.supervisor.client.ok(AssignHandoffDocument, { id: h.id, agentId: a.agent2.id })).assignHandoff;
    expect(r.agent!.id).toBe(a.agent2.id);
    expect((await a.supervisor.client.fail(AssignHandoffDocument, { id: h.id, agentId: b.agent.id })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "agentId" });
  });

  it("shows an agent only its own messages when subscribed without a session, and nothing of another tenant", async () => {
    const mine = await openSession(a.agent.client);
    const theirs = await openSession(a.agent.client);
    for (const [s, agent] of [[mine, a.agent], [theirs, a.agent2]] as const) {
      const h = (await a.agent.client.ok(RequestHandoffDocument, { input: { sessionId: s.sessionId, reason: "visibilidade" } })).requestHandoff;
      await a.supervisor.client.ok(AssignHandoffDocument, { id: h.id, agentId: agent.id });
    }
    const agentSub = new Subscription(console(a.agent.token), OnMessageAddedDocument, {});
    const supSub = new Subscription(console(a.supervisor.token), OnMessageAddedDocument, {});
    const otherTenant = new Subscription(console(b.admin.token), OnMessageAddedDocument, {});
    await Promise.all([agentSub.ready, supSub.ready, otherTenant.ready]);
    await say(a.integrator, theirs.sessionId, "mensagem para o Bruno");
    await say(a.integrator, mine.sessionId, "mensagem para o Alex");
    const got = await agentSub.next();
    expect(got.messageAdded.session.id).toBe(mine.sessionId);
    expect(await agentSub.none(300)).toEqual([]);
    const supervisorSaw = [await supSub.next(), await supSub.next()].map((e) => e.messageAdded.session.id);
    expect(new Set(supervisorSaw)).toEqual(new Set([mine.sessionId, theirs.sessionId]));
    expect(await otherTenant.none(300)).toEqual([]);
    // An agent cannot follow (or read) another agent's session.
    const spy = new Subscription(console(a.agent.token), OnMessageAddedDocument, { sessionId: theirs.sessionId });
    await sleep(300);
    expect(JSON.stringify(spy.errors)).toMatch(/NOT_FOUND|não encontrad/);
    expect((await a.agent.client.raw(GetSessionDocument, { id: theirs.sessionId })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const mineOnly = (await a.agent.client.ok(ListSessionsDocument, { filter: { assignedToMe: true } })).sessions;
    expect(mineOnly.edges.map((e) => e.node.id)).toContain(mine.sessionId);
    expect(mineOnly.edges.map((e) => e.node.id)).not.toContain(theirs.sessionId);
    [agentSub, supSub, otherTenant, spy].forEach((s) => s.close());
  });

  it("sends the out-of-hours message on holidays and keeps the handoff queued", async () => {
    const t = await createTenant(server);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(new Date());
    await t.admin.client.ok(UpdateTenantSettingsDocument, { input: { holidays: [today], outOfHoursMessage: "Estamos fechados hoje; respondemos amanhã." } });
    const { sessionId } = await openSession(t.agent.client);
    const r = await say(t.integrator, sessionId, "quero falar com um humano");
    expect(r.reply).toMatchObject({ sender: "SYSTEM", text: "Estamos fechados hoje; respondemos amanhã." });
    expect(r.handoff).toMatchObject({ status: "PENDING", queuePosition: 1 });
    // Outside the weekly hours too (open only one minute on a weekday that is not today).
    const weekday = (new Date().getUTCDay() + 3) % 7;
    await t.admin.client.ok(UpdateTenantSettingsDocument, { input: { holidays: [], businessHours: [{ weekday, opens: "03:00", closes: "03:01" }] } });
    const second = await openSession(t.agent.client);
    const r2 = await say(t.integrator, second.sessionId, "preciso cancelar meu contrato");
    expect(r2.reply!.text).toBe("Estamos fechados hoje; respondemos amanhã.");
    expect(r2.handoff!.status).toBe("PENDING");
    // Resolvable questions are still answered by the AI out of hours.
    const third = await openSession(t.agent.client);
    expect((await say(t.integrator, third.sessionId, "bom dia!")).reply!.sender).toBe("AI");
  });

  it("opens a handoff on a tenant keyword", async () => {
    const t = await createTenant(server);
    await t.admin.client.ok(UpdateTenantSettingsDocument, { input: { handoffKeywords: ["ouvidoria"] } });
    const { sessionId } = await openSession(t.agent.client);
    const r = await say(t.integrator, sessionId, "oi, bom dia, quero a Ouvidoria");
    expect(r.handoff).toMatchObject({ status: "PENDING", reason: "Palavra-chave: ouvidoria" });
  });

  it("reuses the open session, closes it (cancelling its handoff) and rejects messages after", async () => {
    const { clientId, sessionId } = await openSession(a.agent.client);
    const again = await a.agent.client.ok(StartSessionDocument, { input: { clientId, channel: "WEB" } });
    expect(again.startSession.id).toBe(sessionId);
    await a.agent.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "fechar" } });
    const closed = (await a.supervisor.client.ok(CloseSessionDocument, { id: sessionId })).closeSession;
    expect(closed).toMatchObject({ status: "CLOSED", endedAt: expect.any(String), handoff: { status: "CANCELLED" } });
    const err = await a.integrator.fail(`mutation($id: ID!) { submitClientMessage(input: { sessionId: $id, text: "oi" }) { message { id } } }`, { id: sessionId });
    expect(err.extensions?.code).toBe("CONFLICT");
    const fresh = await a.agent.client.ok(StartSessionDocument, { input: { clientId, channel: "WEB" } });
    expect(fresh.startSession.id).not.toBe(sessionId);
  });

  it("closes sessions after the tenant's inactivity timeout", async () => {
    const t = await createTenant(server);
    await t.admin.client.ok(UpdateTenantSettingsDocument, { input: { inactivityTimeoutMinutes: 5 } });
    const { sessionId } = await openSession(t.agent.client);
    await say(t.integrator, sessionId, "oi");
    await server.app.ds.query(`UPDATE sessions SET last_message_at = now() - interval '6 minutes' WHERE id = $1`, [sessionId]);
    const fresh = await openSession(t.agent.client);
    await say(t.integrator, fresh.sessionId, "oi");
    await server.app.services.sessions.closeInactive();
    const s = (await t.agent.client.ok(GetSessionDocument, { id: sessionId })).session!;
    expect(s.status).toBe("CLOSED");
    expect((await t.agent.client.ok(GetSessionDocument, { id: fresh.sessionId })).session!.status).toBe("ACTIVE");
  });

  it("validates and isolates", async () => {
    const { sessionId } = await openSession(a.agent.client);
    expect((await a.integrator.fail(`mutation($id: ID!) { submitClientMessage(input: { sessionId: $id, text: "  " }) { message { id } } }`, { id: sessionId })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    expect((await b.admin.client.raw(GetSessionDocument, { id: sessionId })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(CloseSessionDocument, { id: sessionId })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(RequestHandoffDocument, { input: { sessionId, reason: "x" } })).extensions?.code).toBe("NOT_FOUND");
    const foreignClient = (await b.admin.client.ok(CreateClientDocument, { input: { name: "B" } })).createClient.id;
    expect((await a.agent.client.fail(StartSessionDocument, { input: { clientId: foreignClient, channel: "WEB" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "clientId" });
    const q = (await b.admin.client.ok(HandoffQueueDocument)).handoffQueue;
    expect(q).toEqual([]);
  });
});
