import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OnMessageAddedDocument, OnQueueUpdatedDocument } from "./generated/graphql";
import { openSession, say, sleep } from "./support/conversation";
import { Subscription, wsClient } from "./support/gql";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;

/**
 * Issue 19: an event is executed once per class of identical subscribers (same
 * operation, same reader) and the same answer goes to all of them; across two API
 * processes behind one Redis every console gets each event exactly once.
 */
run("fan-out: shared execution per event, no duplicate and no loss across processes", () => {
  let a: TestServer;
  let b: TestServer;
  let t: TestTenant;
  let other: TestTenant;
  const clients: Array<ReturnType<typeof wsClient>> = [];

  beforeAll(async () => {
    a = await startTestServer({ redis: true });
    b = await startTestServer({
      redis: true, databaseUrl: a.env.DATABASE_URL, processJobs: false,
      env: { REDIS_PREFIX: a.env.REDIS_PREFIX!, JWT_SECRET: a.env.JWT_SECRET!, ENCRYPTION_KEY: a.env.ENCRYPTION_KEY!, MIGRATIONS_RUN: "false" },
    });
    [t, other] = [await createTenant(a), await createTenant(a)];
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await b?.close();
    await a?.close();
  });

  function consoles<T, V>(server: TestServer, token: string, n: number, doc: TypedDocumentNode<T, V>, variables?: Record<string, unknown>) {
    return Array.from({ length: n }, () => {
      const c = wsClient(server.url, { Authorization: `Bearer ${token}` });
      clients.push(c);
      return new Subscription<T>(c, doc as never, variables);
    });
  }

  it("every console of the tenant on either process gets a queue event exactly once; other tenants none", async () => {
    const subs = [
      ...consoles(a, t.supervisor.token, 6, OnQueueUpdatedDocument),
      ...consoles(b, t.supervisor.token, 6, OnQueueUpdatedDocument),
      ...consoles(a, t.agent.token, 4, OnQueueUpdatedDocument),
      ...consoles(b, t.agent2.token, 4, OnQueueUpdatedDocument),
    ];
    const spies = consoles(b, other.supervisor.token, 2, OnQueueUpdatedDocument);
    await Promise.all([...subs, ...spies].map((s) => s.ready));
    await sleep(300);

    const { sessionId } = await openSession(t.agent.client);
    const r = await say(t.integrator, sessionId, "quero falar com um atendente");
    const first = await Promise.all(subs.map((s) => s.next(15_000)));
    for (const e of first) expect(e.queueUpdated).toMatchObject({ kind: "CREATED", handoff: { id: r.handoff!.id } });
    // Nothing more: no duplicate from either process (a wait bound, not a latency budget).
    const extra = await Promise.all(subs.map((s) => s.none(500)));
    expect(extra.flat()).toEqual([]);
    expect((await Promise.all(spies.map((s) => s.none(100)))).flat()).toEqual([]);
    for (const s of [...subs, ...spies]) expect(s.errors).toEqual([]);
    [...subs, ...spies].forEach((s) => s.close());
  });

  it("a live message is executed and access-logged once per reader and process, not once per socket", async () => {
    const { sessionId } = await openSession(t.agent.client);
    const onA = consoles(a, t.supervisor.token, 3, OnMessageAddedDocument, { sessionId });
    const onB = consoles(b, t.supervisor.token, 2, OnMessageAddedDocument, { sessionId });
    const admin = consoles(a, t.admin.token, 1, OnMessageAddedDocument, { sessionId });
    await Promise.all([...onA, ...onB, ...admin].map((s) => s.ready));
    await sleep(300);

    const r = await say(t.integrator, sessionId, "meu pedido não chegou");
    const got = await Promise.all([...onA, ...onB, ...admin].map((s) => s.next(15_000)));
    for (const e of got) expect(e.messageAdded).toMatchObject({ id: r.message.id, sender: "CLIENT" });

    const logs: Array<{ actor_id: string }> = await a.app.ds.query(
      `SELECT actor_id FROM data_access_logs WHERE tenant_id = $1 AND action = 'message.live' AND resource = $2`,
      [t.id, `Message:${r.message.id}`],
    );
    // Every reader is recorded (no read goes unlogged), once per execution: the supervisor's
    // five sockets share one execution per OS process (a and b run in this one here, two
    // in production), not five; the admin once.
    const supervisor = logs.filter((l) => l.actor_id === t.supervisor.id).length;
    expect(supervisor).toBeGreaterThanOrEqual(1);
    expect(supervisor).toBeLessThanOrEqual(2);
    expect(logs.filter((l) => l.actor_id === t.admin.id)).toHaveLength(1);
    [...onA, ...onB, ...admin].forEach((s) => s.close());
  });
});
