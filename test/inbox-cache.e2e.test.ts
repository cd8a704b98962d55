import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCredentialChecks, sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { countQueries } from "./support/query-counter";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { CLOUD_PHONE_NUMBER_ID, post } from "./support/webhooks";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;

/**
 * Issue 19: a webhook delivery finds its inbox without reading (and decrypting) it
 * from the database each time, and every change of the inbox (disabled, enabled, new
 * credentials) takes effect at once, on the process that made it and on another API
 * process sharing Redis.
 */
run("webhook inboxes are cached, and every change of an inbox drops them at once", () => {
  let a: TestServer;
  let b: TestServer;
  let t: TestTenant;
  let graph: FakeServer;
  let inboxId: string;
  let path: string;
  let n = 0;

  const body = () => JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "551130045678", phone_number_id: CLOUD_PHONE_NUMBER_ID },
      contacts: [{ profile: { name: "Cliente" }, wa_id: "5511987650000" }],
      messages: [{ from: "5511987650000", id: `wamid.cache.${crypto.randomUUID()}.${++n}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "oi" } }],
    } }] }],
  });
  const deliver = (s: TestServer, secret: string) => {
    const raw = body();
    return post(`${s.url}${path}`, raw, { "x-hub-signature-256": "sha256=" + crypto.createHmac("sha256", secret).update(raw).digest("hex") });
  };
  const inboxReads = (queries: string[]) => queries.filter((q) => /FROM "inboxes"/.test(q));

  beforeAll(async () => {
    graph = await startFakeServer((req, res) => {
      if (answerCredentialChecks(req, res)) return;
      sendJson(res, 200, { messaging_product: "whatsapp", contacts: [], messages: [{ id: `wamid.out.${crypto.randomUUID()}` }] });
    });
    // A long TTL: only the invalidation can explain a change seen below.
    a = await startTestServer({ redis: true, env: { AUTH_CACHE_SECONDS: "60" } });
    b = await startTestServer({
      redis: true, databaseUrl: a.env.DATABASE_URL, processJobs: false,
      env: { AUTH_CACHE_SECONDS: "60", REDIS_PREFIX: a.env.REDIS_PREFIX!, JWT_SECRET: a.env.JWT_SECRET!, ENCRYPTION_KEY: a.env.ENCRYPTION_KEY!, MIGRATIONS_RUN: "false" },
    });
    t = await createTenant(a);
    const created = await t.admin.client.ok(`mutation($i: CreateInboxInput!) { createInbox(input: $i) { inbox { id webhookPath } } }`, {
      i: { name: "Cloud", provider: "WHATSAPP_CLOUD", whatsappCloud: { phoneNumberId: CLOUD_PHONE_NUMBER_ID, accessToken: "token", appSecret: "segredo-antigo-0123456789", verifyToken: "v", graphApiUrl: `${graph.url}/v24.0` } },
    });
    inboxId = created.createInbox.inbox.id;
    path = created.createInbox.inbox.webhookPath;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await graph?.close();
  });

  it("a repeated delivery does not read the inbox from the database", async () => {
    expect((await deliver(b, "segredo-antigo-0123456789")).status).toBe(200);
    const again = await countQueries(b.app.ds, () => deliver(b, "segredo-antigo-0123456789"));
    expect(again.result.status).toBe(200);
    expect(inboxReads(again.queries)).toEqual([]);
    expect(again.queries.some((q) => /INSERT INTO inbound_events/.test(q))).toBe(true);
  });

  it("a disabled inbox answers 404 at once on both processes, and 200 again once enabled", async () => {
    for (const s of [a, b]) expect((await deliver(s, "segredo-antigo-0123456789")).status).toBe(200);
    await t.admin.client.ok(`mutation($id: ID!) { disableInbox(id: $id) { id } }`, { id: inboxId });
    expect((await deliver(a, "segredo-antigo-0123456789")).status).toBe(404);
    // The other process learns it through Redis: a moment, far less than the 60 s TTL.
    await waitForStatus(() => deliver(b, "segredo-antigo-0123456789"), 404);
    await t.admin.client.ok(`mutation($id: ID!) { enableInbox(id: $id) { id } }`, { id: inboxId });
    expect((await deliver(a, "segredo-antigo-0123456789")).status).toBe(200);
    await waitForStatus(() => deliver(b, "segredo-antigo-0123456789"), 200);
  });

  it("new credentials apply at once on both processes: the old app secret is refused", async () => {
    for (const s of [a, b]) expect((await deliver(s, "segredo-antigo-0123456789")).status).toBe(200);
    await t.admin.client.ok(`mutation($id: ID!, $i: UpdateInboxInput!) { updateInbox(id: $id, input: $i) { id } }`, {
      id: inboxId,
      i: { whatsappCloud: { phoneNumberId: CLOUD_PHONE_NUMBER_ID, accessToken: "token", appSecret: "segredo-novo-9876543210", verifyToken: "v", graphApiUrl: `${graph.url}/v24.0` } },
    });
    expect((await deliver(a, "segredo-antigo-0123456789")).status).toBe(401);
    expect((await deliver(a, "segredo-novo-9876543210")).status).toBe(200);
    await waitForStatus(() => deliver(b, "segredo-antigo-0123456789"), 401);
    expect((await deliver(b, "segredo-novo-9876543210")).status).toBe(200);
  });

  it("stores concurrent deliveries (grouped commits) once each, with each answer right", async () => {
    // (signed with the app secret the previous test set)
    const sign = (raw: string) => ({ "x-hub-signature-256": "sha256=" + crypto.createHmac("sha256", "segredo-novo-9876543210").update(raw).digest("hex") });
    const unique = Array.from({ length: 30 }, () => body());
    const repeated = body(); // delivered 10 times at once: new exactly once
    const all = [...unique, ...Array.from({ length: 10 }, () => repeated)];
    const result = await Promise.all(all.map((raw) => post(`${a.url}${path}`, raw, sign(raw))));
    expect(result.every((r) => r.status === 200)).toBe(true);
    expect(result.slice(0, 30).every((r) => r.body.accepted === 1 && r.body.duplicates === 0)).toBe(true);
    const again = result.slice(30);
    expect(again.filter((r) => r.body.accepted === 1)).toHaveLength(1);
    expect(again.filter((r) => r.body.duplicates === 1)).toHaveLength(9);
    const ids = [...unique, repeated].map((raw) => JSON.parse(raw).entry[0].changes[0].value.messages[0].id as string);
    // By key (processing may already have emptied a payload): the key carries the message id.
    const [{ m }] = await a.app.ds.query(`SELECT count(*)::int AS m FROM inbound_events WHERE inbox_id = $1 AND event_key LIKE ANY($2::text[])`, [inboxId, ids.map((id) => `%${id}%`)]);
    expect(m).toBe(31);
  });
});

/** Retries for at most a few seconds: the cross-process invalidation travels through Redis. */
async function waitForStatus(send: () => Promise<{ status: number }>, status: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await send()).status;
    if (last === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(last).toBe(status);
}
