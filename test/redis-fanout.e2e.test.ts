import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OnMessageAddedDocument, OnQueueUpdatedDocument } from "./generated/graphql";
import { openSession, say } from "./support/conversation";
import { GqlClient, Subscription, wsClient } from "./support/gql";
import { spawnServer, type ServerProcess } from "./support/process";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;

run("two server processes sharing Redis", () => {
  let api1: TestServer;
  let api2: ServerProcess;
  let t: TestTenant;
  let other: TestTenant;
  beforeAll(async () => {
    api1 = await startTestServer({ redis: true });
    // Same database, Redis namespace and keys: a second, separate OS process.
    const { DATABASE_URL, REDIS_URL, REDIS_PREFIX, JWT_SECRET, ENCRYPTION_KEY } = api1.env as Record<string, string>;
    api2 = await spawnServer({ DATABASE_URL: DATABASE_URL!, REDIS_URL: REDIS_URL!, REDIS_PREFIX: REDIS_PREFIX!, JWT_SECRET: JWT_SECRET!, ENCRYPTION_KEY: ENCRYPTION_KEY!, DATA_DIR: api1.dataDir, MIGRATIONS_RUN: "false" });
    [t, other] = [await createTenant(api1), await createTenant(api1)];
  });
  afterAll(async () => {
    expect(await api2?.stop()).toBe(0);
    await api1?.close();
  });

  it("delivers an event caused on one process to a console subscribed on the other, and only to its tenant", async () => {
    const consoleOn2 = wsClient(api2.url, { Authorization: `Bearer ${t.supervisor.token}` });
    const otherTenantOn2 = wsClient(api2.url, { Authorization: `Bearer ${other.supervisor.token}` });
    const queue = new Subscription(consoleOn2, OnQueueUpdatedDocument);
    const messages = new Subscription(consoleOn2, OnMessageAddedDocument, {});
    const spy = new Subscription(otherTenantOn2, OnQueueUpdatedDocument);
    await Promise.all([queue.ready, messages.ready, spy.ready]);

    const { sessionId } = await openSession(t.agent.client);
    const r = await say(t.integrator, sessionId, "quero falar com um atendente"); // on process 1
    // A wait bound, not a latency budget: latencies are measured by `npm run bench` (S2).
    const event = await queue.next(10_000);
    expect(event.queueUpdated).toMatchObject({ kind: "CREATED", handoff: { id: r.handoff!.id } });
    const m = await messages.next(10_000);
    expect(m.messageAdded).toMatchObject({ sender: "CLIENT", session: { id: sessionId } });
    expect(await spy.none(300)).toEqual([]);
    [queue, messages, spy].forEach((s) => s.close());
    await consoleOn2.dispose();
    await otherTenantOn2.dispose();
  });

  it("and the other way round", async () => {
    const consoleOn1 = wsClient(api1.url, { Authorization: `Bearer ${t.agent.token}` });
    const queue = new Subscription(consoleOn1, OnQueueUpdatedDocument);
    await queue.ready;
    const remote = new GqlClient(api2.url, t.supervisor.token);
    const { sessionId } = await openSession(remote);
    await remote.ok(`mutation($s: ID!) { requestHandoff(input: { sessionId: $s, reason: "via processo 2", priority: URGENT }) { id } }`, { s: sessionId });
    const e = await queue.next(10_000);
    expect(e.queueUpdated).toMatchObject({ kind: "CREATED", handoff: { priority: "URGENT" } });
    queue.close();
    await consoleOn1.dispose();
  });
});
