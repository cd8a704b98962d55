import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Client as PgClient } from "pg";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateInboxDocument } from "./generated/graphql";
import { sendJson, answerCredentialChecks, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { GqlClient, wsUrl } from "./support/gql";
import { spawnServer, type ServerProcess } from "./support/process";
import { createTestDatabase, hasPostgres, hasRedis, REDIS_URL } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { evolutionFixture, post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const INSTANCE = "atendimento-loja01";

/** A fake Evolution API whose sendText waits until the test releases it: a job in flight on demand. */
async function holdingEvolution(): Promise<FakeServer & { held: Promise<void>; release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let onHeld!: () => void;
  const held = new Promise<void>((r) => (onHeld = r));
  const fake = await startFakeServer(async (req, res) => {
    if (answerCredentialChecks(req, res)) return;
    if (req.path !== `/message/sendText/${INSTANCE}`) return sendJson(res, 404, {});
    onHeld();
    await released;
    sendJson(res, 201, { key: { id: `REPLY${crypto.randomBytes(4).toString("hex")}` } });
  });
  return Object.assign(fake, { held, release });
}

/** A graphql-ws socket, acknowledged and subscribed; resolves its close code and reason. */
async function openSubscription(baseUrl: string, token: string): Promise<{ closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(wsUrl(baseUrl), "graphql-transport-ws");
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { Authorization: `Bearer ${token}` } })));
    socket.on("message", (data) => {
      if (JSON.parse(data.toString()).type !== "connection_ack") return;
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { queueUpdated { kind } }" } }));
      resolve();
    });
  });
  return { closed };
}

/** A POST /graphql whose body arrives in two parts: in flight between `send` and `finish`. */
function slowRequest(baseUrl: string, token: string): { finish(): void; response: Promise<{ status: number; body: string }> } {
  const body = Buffer.from(JSON.stringify({ query: "{ me { id } }" }));
  const u = new URL(`${baseUrl}/graphql`);
  const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": body.length, authorization: `Bearer ${token}` } });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once("error", reject);
    req.once("response", (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
  });
  req.write(body.subarray(0, 10));
  return { finish: () => req.end(body.subarray(10)), response };
}

const lastLine = (out: string) => out.trim().split("\n").filter((l) => l.startsWith("{")).at(-1) ?? "";

async function sentReplies(dbUrl: string): Promise<number> {
  const pg = new PgClient({ connectionString: dbUrl });
  await pg.connect();
  try {
    return Number((await pg.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'OUTBOUND' AND provider_message_id IS NOT NULL`)).rows[0].n);
  } finally {
    await pg.end();
  }
}

/** A real API process: signs a tenant up, creates an Evolution inbox pointing at `evo`; `cleanup` undoes it all. */
async function apiWithInbox(env: Record<string, string>, evo: Awaited<ReturnType<typeof holdingEvolution>>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-shutdown-"));
  const db = await createTestDatabase();
  const proc = await spawnServer({ DATA_DIR: dir, DATABASE_URL: db.url, MIGRATE_ON_START: "true", REDIS_URL: "", ALLOW_PRIVATE_URLS: "true", ...env });
  const t = await createTenant({ client: (token?: string) => new GqlClient(proc.url, token) } as unknown as TestServer);
  const inbox = await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: INSTANCE, apiKey: "k" } } });
  const cleanup = async () => {
    evo.release();
    await proc.stop("SIGKILL");
    await evo.close();
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { proc, db, t, webhookUrl: `${proc.url}${inbox.createInbox.inbox.webhookPath}`, cleanup };
}

run("graceful shutdown of a real process", () => {
  for (const mode of ["production", "development"] as const) {
    it(`${mode}: finishes the in-flight request and job, closes sockets with our code, logs "stopped" last, exits 0`, async () => {
      const evo = await holdingEvolution();
      const env: Record<string, string> = mode === "production"
        ? { NODE_ENV: "production", JWT_SECRET: crypto.randomBytes(32).toString("hex"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex") }
        : { NODE_ENV: "development" };
      const { proc, db, t, webhookUrl, cleanup } = await apiWithInbox(env, evo);
      try {
        const socket = await openSubscription(proc.url, t.supervisor.token);
        // A customer message: the AI reply goes out through the fake, which holds it.
        expect((await post(webhookUrl, evolutionFixture("messages-upsert-text"))).status).toBe(200);
        await evo.held;
        const slow = slowRequest(proc.url, t.agent.token);
        await new Promise((r) => setTimeout(r, 200));

        const exited = proc.stop(mode === "production" ? "SIGTERM" : "SIGINT");
        expect(await socket.closed).toEqual({ code: 1012, reason: "Servidor reiniciando; reconecte." });
        slow.finish();
        const answer = await slow.response;
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body).data.me.id).toBe(t.agent.id);
        evo.release();

        expect(await exited).toBe(0);
        expect(lastLine(proc.output())).toMatch(/"msg":"stopped"/);
        expect(proc.output()).not.toMatch(/Going away|shutdown timeout/);
        // The job in flight finished: the reply was sent and recorded.
        expect(await sentReplies(db.url)).toBe(1);
      } finally {
        await cleanup();
      }
    }, 180_000);
  }

  it("is bounded by SHUTDOWN_TIMEOUT_MS: a job that never ends does not keep the process alive", async () => {
    const evo = await holdingEvolution();
    const { proc, webhookUrl, cleanup } = await apiWithInbox({ SHUTDOWN_TIMEOUT_MS: "1000" }, evo);
    try {
      expect((await post(webhookUrl, evolutionFixture("messages-upsert-text"))).status).toBe(200);
      await evo.held;
      const code = await proc.stop("SIGTERM");
      if (code !== 0) console.log(proc.output().split("\n").slice(-15).join("\n"));
      expect(code).toBe(0);
      expect(proc.output()).toMatch(/"msg":"shutdown timeout: closing remaining connections"/);
      expect(lastLine(proc.output())).toMatch(/"msg":"stopped"/);
    } finally {
      await cleanup();
    }
  }, 180_000);
});

const runWorker = hasPostgres() && hasRedis() ? describe : describe.skip;

runWorker("npm run worker (real process)", () => {
  let api: TestServer;
  let t: TestTenant;
  let evo: Awaited<ReturnType<typeof holdingEvolution>>;
  let worker: ServerProcess | undefined;
  let webhookUrl: string;
  const token = "metrics-token-do-worker-0123456789";

  beforeAll(async () => {
    evo = await holdingEvolution();
    api = await startTestServer({ redis: true, processJobs: false });
    t = await createTenant(api);
    const inbox = await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: INSTANCE, apiKey: "k" } } });
    webhookUrl = `${api.url}${inbox.createInbox.inbox.webhookPath}`;
    const e = api.env;
    worker = await spawnServer(
      { NODE_ENV: "production", DATABASE_URL: e.DATABASE_URL!, REDIS_URL: REDIS_URL, REDIS_PREFIX: e.REDIS_PREFIX!, JWT_SECRET: e.JWT_SECRET!, ENCRYPTION_KEY: e.ENCRYPTION_KEY!, DATA_DIR: api.dataDir, WORKER_PORT: "0", METRICS_TOKEN: token, ALLOW_PRIVATE_URLS: "true" },
      "dist/src/worker.js",
    );
  }, 120_000);
  afterAll(async () => {
    evo?.release();
    await worker?.stop("SIGKILL");
    await api?.close();
    await evo?.close();
  });

  it("serves only /healthz, /readyz and /metrics", async () => {
    const url = worker!.url;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", schema: "ok", redis: "ok", storage: "ok" } });
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const gql = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(gql.status).toBe(404);
    expect((await fetch(`${url}/webhooks/evolution/qualquer`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("on SIGTERM lets the job in flight finish, then logs stopped and exits 0", async () => {
    expect((await post(webhookUrl, evolutionFixture("messages-upsert-text"))).status).toBe(200);
    await evo.held;
    const exited = worker!.stop("SIGTERM");
    await waitFor(async () => /"msg":"draining"/.test(worker!.output()), 10_000, "worker draining");
    evo.release();
    expect(await exited).toBe(0);
    expect(lastLine(worker!.output())).toMatch(/"msg":"stopped"/);
    expect(await sentReplies(api.env.DATABASE_URL!)).toBe(1);
  }, 120_000);
});
