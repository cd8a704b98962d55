import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateInboxDocument } from "./generated/graphql";
import { sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { spawnServer, type ServerProcess } from "./support/process";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant } from "./support/tenant";
import { evolutionFixture, post, waitFor } from "./support/webhooks";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;
const TOTAL = 40;

run("BullMQ worker killed in the middle of a webhook burst", () => {
  let api: TestServer;
  let evo: FakeServer;
  let worker: ServerProcess | undefined;
  let url: string;
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    // A slow provider keeps jobs in flight when the worker dies.
    evo = await startFakeServer(async (req, res) => {
      if (req.path.startsWith("/instance/connectionState/")) return sendJson(res, 200, { instance: { state: "open" } }); // credentials check on createInbox
      await new Promise((r) => setTimeout(r, 150));
      sendJson(res, 201, { key: { id: `R${Math.random().toString(36).slice(2)}` } });
    });
    api = await startTestServer({ redis: true, processJobs: false, env: { JOB_LOCK_MS: "2000" } });
    const t = await createTenant(api);
    const inbox = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Burst", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "atendimento-loja01", apiKey: "k" } } });
    url = `${api.url}${inbox.createInbox.inbox.webhookPath}`;
    const e = api.env as Record<string, string>;
    workerEnv = { DATABASE_URL: e.DATABASE_URL!, REDIS_URL: e.REDIS_URL!, REDIS_PREFIX: e.REDIS_PREFIX!, JWT_SECRET: e.JWT_SECRET!, ENCRYPTION_KEY: e.ENCRYPTION_KEY!, DATA_DIR: api.dataDir, MIGRATIONS_RUN: "false", WORKER_PORT: "0", JOB_LOCK_MS: "2000" };
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await evo?.close();
  });

  it("processes every event exactly once in effect, none lost", async () => {
    const body = (i: number) => {
      const b = JSON.parse(evolutionFixture("messages-upsert-text").toString());
      b.data.key.id = `BURST${String(i).padStart(6, "0")}`;
      b.data.key.remoteJid = `55119${String(87000000 + i)}@s.whatsapp.net`;
      b.data.message.conversation = `mensagem ${i}: qual o status do meu pedido?`;
      return JSON.stringify(b);
    };
    worker = await spawnServer(workerEnv, "dist/src/worker.js");
    for (let i = 0; i < TOTAL / 2; i++) expect((await post(url, body(i))).status).toBe(200);
    // Let the worker pick jobs up, then kill it without any chance to clean up.
    await waitFor(async () => Number((await api.app.ds.query(`SELECT count(*)::int AS n FROM messages WHERE provider_message_id LIKE 'BURST%'`))[0].n) >= 3, 20_000, "worker started");
    await worker.stop("SIGKILL");
    // Webhooks keep arriving while no worker runs: stored, answered 200.
    for (let i = TOTAL / 2; i < TOTAL; i++) expect((await post(url, body(i))).status).toBe(200);
    const pendingWhileDown = Number((await api.app.ds.query(`SELECT count(*)::int AS n FROM inbound_events WHERE status = 'PENDING'`))[0].n);
    expect(pendingWhileDown).toBeGreaterThan(0);
    worker = await spawnServer(workerEnv, "dist/src/worker.js");
    await waitFor(async () => Number((await api.app.ds.query(`SELECT count(*)::int AS n FROM inbound_events WHERE status = 'PROCESSED'`))[0].n) === TOTAL, 60_000, "all processed");
    const rows: Array<{ id: string; n: number }> = await api.app.ds.query(`SELECT provider_message_id AS id, count(*)::int AS n FROM messages WHERE provider_message_id LIKE 'BURST%' GROUP BY 1`);
    expect(rows).toHaveLength(TOTAL);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // Each client got its session once.
    const sessions = Number((await api.app.ds.query(`SELECT count(*)::int AS n FROM sessions`))[0].n);
    expect(sessions).toBe(TOTAL);
  }, 120_000);
});
