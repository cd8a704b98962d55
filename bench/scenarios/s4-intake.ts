import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createDatabase, REDIS_URL, withPg } from "../lib/db";
import { closedLoop, type LoadResult } from "../lib/http-load";
import { createTenant, gql, startPlatform, startWorker, type Platform } from "../lib/platform";
import { sleep, startNode, type Proc } from "../lib/procs";
import { interleaved, mean, type BenchOptions, type Row, type Scenario } from "../lib/scenario";
import { fmt, ratio } from "../lib/stats";

const APP_SECRET = "bench-app-secret-0123456789abcdef";
const PHONE_NUMBER_ID = "109876543210987";

/** A Cloud API text message from a distinct sender each time (campaign reply burst). */
function cloudMessage(i: number, runTag: string): string {
  const phone = `55119${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, "0")}`;
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102938475610293", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "551130045678", phone_number_id: PHONE_NUMBER_ID },
      contacts: [{ profile: { name: `Cliente ${i}` }, wa_id: phone }],
      messages: [{ from: phone, id: `wamid.bench.${runTag}.${i}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: `Oi, quero saber do meu pedido ${10_000 + i}` } }],
    } }] }],
  });
}

const sign = (body: string) => "sha256=" + crypto.createHmac("sha256", APP_SECRET).update(body).digest("hex");

/** Answers the Graph API's send call so that replies "go out" during end-to-end processing. */
export async function fakeGraph(): Promise<{ url: string; close(): Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    // GET /{phone-number-id}: the credentials check of createInbox.
    const body = req.method === "GET" ? { id: PHONE_NUMBER_ID, display_phone_number: "+55 11 3004-5678", verified_name: "Bench" } : { messaging_product: "whatsapp", contacts: [], messages: [{ id: `wamid.out.${++n}` }] };
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v24.0`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function cloudInbox(p: Platform, graphUrl: string): Promise<{ path: string; token: string }> {
  const t = await createTenant(p.origin, 0);
  const r = await gql(p.origin, t.adminToken, `mutation($i: CreateInboxInput!) { createInbox(input: $i) { inbox { webhookPath } } }`, {
    i: { name: "Bench Cloud", provider: "WHATSAPP_CLOUD", whatsappCloud: { phoneNumberId: PHONE_NUMBER_ID, accessToken: "bench-token", appSecret: APP_SECRET, verifyToken: "bench-verify", graphApiUrl: graphUrl } },
  });
  return { path: r.createInbox.inbox.webhookPath as string, token: t.adminToken };
}

export function intakeLoad(origin: string, path: string, runTag: string, opts: BenchOptions) {
  let i = 0;
  return () => closedLoop(origin, () => {
    const body = cloudMessage(i++, runTag);
    return { method: "POST", path, headers: { "content-type": "application/json", "x-hub-signature-256": sign(body) }, body };
  }, { connections: 20, durationMs: opts.roundSeconds * 1000 });
}

/** Waits until `pending()` reaches 0; returns processed events per second since `since`. */
async function drain(pending: () => Promise<number>, since: number, total: number, log: (m: string) => void): Promise<number> {
  const deadline = Date.now() + 15 * 60_000;
  let left = await pending();
  while (left > 0 && Date.now() < deadline) {
    await sleep(250);
    left = await pending();
  }
  const seconds = (performance.now() - since) / 1000;
  log(`S4: ${total} events processed in ${fmt(seconds)} s${left > 0 ? ` (${left} still pending at the deadline)` : ""}`);
  return total / seconds;
}

const pendingEvents = (dbUrl: string) => () => withPg(dbUrl, async (c) => Number((await c.query(`SELECT count(*)::int AS n FROM inbound_events WHERE status = 'PENDING'`)).rows[0].n));

/**
 * S4: webhook intake from many distinct senders (Cloud API, signed), beside node:http
 * verifying the same HMAC and doing the same durable INSERT … ON CONFLICT DO NOTHING.
 * Then end-to-end processing (client, session, message, triage, reply sent) by the worker.
 */
export const s4: Scenario = {
  name: "S4 webhook intake",
  async run(opts) {
    const rows: Row[] = [];
    const graph = await fakeGraph();
    const db = await createDatabase();
    const procs: Array<Platform | Proc> = [];
    try {
      // PostgreSQL + Redis: API only takes events, a worker processes them.
      const p = await startPlatform({ databaseUrl: db.url, redisUrl: REDIS_URL, jobs: "worker" });
      procs.push(p);
      const { path } = await cloudInbox(p, graph.url);
      await p.worker?.stop(); // intake measured alone; the backlog is processed afterwards
      const base = await startNode("webhook-intake", "bench/baselines/webhook-intake.js", { DATABASE_URL: db.url, APP_SECRET }, /ready (\d+)/);
      procs.push(base);
      const baseOrigin = `http://127.0.0.1:${base.match[1]}`;
      const tag = crypto.randomBytes(3).toString("hex");
      opts.log("S4: intake, PostgreSQL + Redis, platform vs node:http + HMAC + INSERT");
      const r = await interleaved(opts, intakeLoad(p.origin, path, `${tag}p`, opts), intakeLoad(baseOrigin, "/webhooks/x", `${tag}b`, opts));
      const accepted = r.a.reduce((s, x) => s + x.requests, 0);
      const line = (xs: LoadResult[]) => `${fmt(mean(xs.map((x) => x.perSecond)), 0)}/s, p50 ${fmt(mean(xs.map((x) => x.latencyMs.p50)))} ms, p99 ${fmt(Math.max(...xs.map((x) => x.latencyMs.p99)))} ms`;
      const errs = r.a.find((x) => x.errors);
      if (errs) opts.log(`S4 platform errors: ${errs.errors}, first: ${errs.firstError}`);
      rows.push({ scenario: "S4", metric: "intake, PostgreSQL + Redis, 20 conns, accepted", platform: line(r.a), baseline: `node:http+HMAC+pg: ${line(r.b)}`, ratio: ratio(mean(r.a.map((x) => x.perSecond)), mean(r.b.map((x) => x.perSecond))), goal: "≥ 0.5" });
      opts.log(`S4: processing the ${accepted} accepted events with the worker`);
      const since = performance.now();
      const worker = await startWorker(p.env);
      procs.push(worker);
      const processed = await drain(pendingEvents(db.url), since, accepted, opts.log);
      rows.push({ scenario: "S4", metric: "end to end with the worker (client, session, triage, reply sent)", platform: `${fmt(processed, 0)} msg/s`, baseline: "—", ratio: ratio(processed, mean(r.a.map((x) => x.perSecond))) + " of intake", goal: "keeps up with intake" });
      await worker.stop();
      await p.stop();
      procs.length = 0;
      procs.push(base);

      // Embedded: PGlite, jobs in process.
      opts.log("S4: intake, embedded (PGlite)");
      const e = await startPlatform({});
      procs.push(e);
      const { path: epath, token: etoken } = await cloudInbox(e, graph.url);
      const er = await interleaved(opts, intakeLoad(e.origin, epath, `${tag}e`, opts), intakeLoad(baseOrigin, "/webhooks/x", `${tag}c`, opts));
      rows.push({ scenario: "S4", metric: "intake, embedded (PGlite, jobs in process), accepted", platform: line(er.a), baseline: `node:http+HMAC+pg: ${line(er.b)}`, ratio: ratio(mean(er.a.map((x) => x.perSecond)), mean(er.b.map((x) => x.perSecond))), goal: "≥ 500/s" });
      // Embedded jobs run in the API process during intake; what is left is processed now.
      // Each sender is a new client with one conversation: conversations count the processed events.
      const eAccepted = er.a.reduce((s, x) => s + x.requests, 0);
      const esince = performance.now();
      const eProcessed = await drain(async () => eAccepted - Number((await gql(e.origin, etoken, "{ sessions(first: 0) { totalCount } }")).sessions.totalCount), esince, eAccepted, opts.log);
      rows.push({ scenario: "S4", metric: "embedded: backlog left after intake, processed", platform: `${fmt(eProcessed, 0)} msg/s`, baseline: "—", ratio: "—" });
      return rows;
    } finally {
      for (const p of procs.reverse()) await p.stop().catch(() => undefined);
      await graph.close();
      await db.drop().catch(() => undefined);
    }
  },
};
